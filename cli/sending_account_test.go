package cli

import (
	"encoding/json"
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"testing"

	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// An IMAP account's own SMTP server from the command line, as a script
// would set it up: the settings file's imap[].smtp block, the account's
// ID from status --json, then send-test and check smtp with --account,
// against the real Postfix, whose certificate the block pins. Without --account everything is as before.
func TestSendTestAndCheckFromAnAccountsOwnSMTP(t *testing.T) {
	s := mailtest.Servers(t)
	mailtest.Keyring(t)
	u, rcpt := s.NewUser(t), s.NewUser(t)
	key := "user/" + u.Name
	for _, k := range []string{key + "/imap", key + "/imap/1", key + "/smtp"} {
		if r := run(t, u.Password+"\n", "secret", "set", k); r.code != ExitOK {
			t.Fatalf("secret set: %+v", r)
		}
		t.Cleanup(func() { storage.Keyring{}.Delete(k) })
	}
	smtpHost, smtpPort, _ := net.SplitHostPort(s.Submission)
	ownHost, ownPort, _ := net.SplitHostPort(s.SMTPS)
	imapHost, imapPort, _ := net.SplitHostPort(s.IMAP)
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	settings := writeFile(t, dir, "s.json", fmt.Sprintf(`{
	  "company": {"name": "Acme", "email": %[1]q,
	    "smtp": {"host": %[2]q, "port": %[3]s, "security": "starttls", "auth": true, "username": %[4]q, "secret": %[5]q, "tls_fingerprint": %[13]q},
	    "imap": {"host": %[6]q, "port": %[7]s, "security": "starttls", "tls_fingerprint": %[13]q}},
	  "users": [{"name": "Alice", "email": %[8]q, "imap": [
	    {"description": "Kantoor", "username": %[4]q, "secret": %[9]q, "mode": "mirror", "default": true},
	    {"description": "Provider", "address": %[8]q, "username": %[4]q, "secret": %[10]q, "mode": "mirror",
	     "smtp": {"host": %[11]q, "port": %[12]s, "security": "tls", "auth": true, "login": "imap",
	              "tls_fingerprint": %[13]q}}]}]}`,
		rcpt.Address(), smtpHost, smtpPort, u.Name, key+"/smtp", imapHost, imapPort, u.Address(),
		key+"/imap", key+"/imap/1", ownHost, ownPort, s.CertFingerprint))
	if r := run(t, "", "--db", db, "settings", "import", settings); r.code != ExitOK {
		t.Fatalf("import: %+v", r)
	}
	provider := accountID(t, db, "Provider")
	steps := []struct {
		args []string
		want []string
	}{
		{[]string{"check", "smtp", "--user", "Alice"}, []string{"Via the company SMTP server " + smtpHost, "SMTP ok"}},
		{[]string{"check", "smtp", "--user", "Alice", "--account", provider},
			[]string{"Via " + ownHost + ", the own SMTP server of the IMAP account Provider", "SMTP ok"}},
		{[]string{"send-test", "--user", "Alice", "--account", provider, "--to", rcpt.Address()},
			[]string{"own SMTP server of the IMAP account Provider", "S: 235", "Test e-mail sent from " + u.Address() + " to " + rcpt.Address()}},
		{[]string{"settings", "export", "-"}, []string{`"login": "imap"`, `"host": "` + ownHost + `"`}},
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
	s.WaitCount(t, rcpt, "INBOX", 1)
	if r := run(t, "", "--db", db, "check", "imap", "--user", "Alice", "--account", provider); r.code != ExitUsage {
		t.Errorf("check imap --account: %+v, want a usage error", r)
	}
	if r := run(t, "", "--db", db, "send-test", "--user", "Alice", "--account", "999"); r.code != ExitFailure ||
		!strings.Contains(r.stderr, "not found") {
		t.Errorf("send-test from an unknown account: %+v", r)
	}
}

// accountID is the ID of the account described as desc, as status --json
// gives it to a script.
func accountID(t *testing.T, db, desc string) string {
	t.Helper()
	r := run(t, "", "--db", db, "status", "--json")
	if r.code != ExitOK {
		t.Fatalf("status: %+v", r)
	}
	var rows []struct {
		AccountID uint   `json:"account_id"`
		Account   string `json:"account"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil {
		t.Fatalf("status --json: %v\n%s", err, r.stdout)
	}
	for _, row := range rows {
		if row.Account == desc {
			return fmt.Sprint(row.AccountID)
		}
	}
	t.Fatalf("no account %q in %s", desc, r.stdout)
	return ""
}
