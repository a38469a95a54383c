package cli

import (
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"testing"

	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// The admin's buttons from the command line, against the real Postfix and
// Dovecot, with the servers' certificate pinned in the settings file.
func TestCheckFoldersAndSendTest(t *testing.T) {
	s := mailtest.Servers(t)
	mailtest.Keyring(t)
	u, rcpt := s.NewUser(t), s.NewUser(t)
	smtpHost, smtpPort, _ := net.SplitHostPort(s.Submission)
	imapHost, imapPort, _ := net.SplitHostPort(s.IMAP)
	key := "user/" + u.Name
	for _, k := range []string{key + "/imap", key + "/smtp"} {
		if r := run(t, u.Password+"\n", "secret", "set", k); r.code != ExitOK {
			t.Fatalf("secret set: %+v", r)
		}
		t.Cleanup(func() { storage.Keyring{}.Delete(k) })
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	settings := writeFile(t, dir, "s.json", fmt.Sprintf(`{
	  "company": {"name": "Acme", "email": %q,
	    "smtp": {"host": %q, "port": %s, "security": "starttls", "auth": true, "username": %q, "secret": %q, "tls_fingerprint": %q},
	    "imap": {"host": %q, "port": %s, "security": "starttls", "tls_fingerprint": %q}},
	  "users": [{"name": "Alice", "email": %q, "imap": [{"username": %q, "secret": %q, "mode": "transfer",
	             "inbox": "Postbridge/In", "outbox": "Postbridge/Out", "sent": "Sent"}]}]}`,
		rcpt.Address(), smtpHost, smtpPort, u.Name, key+"/smtp", s.CertFingerprint,
		imapHost, imapPort, s.CertFingerprint, u.Address(), u.Name, key+"/imap"))
	if r := run(t, "", "--db", db, "settings", "import", settings); r.code != ExitOK {
		t.Fatalf("import: %+v", r)
	}
	steps := []struct {
		args []string
		want []string
	}{
		{[]string{"check", "imap", "--user", "Alice"}, []string{"IMAP ok", "encrypted with TLS", "MOVE"}},
		{[]string{"check", "smtp", "--user", "Alice"}, []string{"Via the company SMTP server", "SMTP ok"}},
		{[]string{"folders", "ensure", "--user", "Alice"}, []string{"created  Postbridge/In\n", "created  Postbridge/Out/Completed"}},
		{[]string{"folders", "ensure", "--user", "Alice"}, []string{"exists   Postbridge/In\n", "exists   Postbridge/Out/Completed"}},
		{[]string{"folders", "list", "--user", "Alice"}, []string{"Postbridge/In/Completed", "Sent"}},
		{[]string{"send-test", "--user", "Alice"}, []string{"--- SMTP conversation ---", "S: 235", "Test e-mail sent from " + u.Address() + " to " + rcpt.Address()}},
	}
	for _, st := range steps {
		r := run(t, "", append([]string{"--db", db}, st.args...)...)
		if r.code != ExitOK {
			t.Errorf("%v: %+v", st.args, r)
			continue
		}
		for _, w := range st.want {
			if !strings.Contains(r.stdout, w) {
				t.Errorf("%v: output lacks %q:\n%s", st.args, w, r.stdout)
			}
		}
		if strings.Contains(r.stdout+r.stderr, u.Password) {
			t.Errorf("%v printed the password", st.args)
		}
	}
	if r := run(t, "", "--db", db, "folders", "ensure", "--user", "Alice"); strings.Contains(r.stdout, "created") {
		t.Errorf("a third ensure created folders: %s", r.stdout)
	}
	storage.Keyring{}.Set(key+"/imap", "wrong")
	r := run(t, "", "--db", db, "check", "imap", "--user", "Alice")
	if r.code != ExitFailure || !strings.HasPrefix(r.stderr, "postbridge: the server refused the user name or password") {
		t.Errorf("check with a wrong password: %+v", r)
	}
}
