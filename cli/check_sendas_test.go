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

// Manual 003's mailbox mode against the test Postfix, whose send-as
// listener lets the service login send as acme.test but not klant.test.
func TestCheckSendAs(t *testing.T) {
	s := mailtest.Servers(t)
	mailtest.Keyring(t)
	addr, service := s.SendAsServer(t)
	host, port, _ := net.SplitHostPort(addr)
	office := s.NewUser(t)
	const key = "company/own-server-sendas-test"
	if r := run(t, service.Password+"\n", "secret", "set", key); r.code != ExitOK {
		t.Fatalf("secret set: %+v", r)
	}
	t.Cleanup(func() { storage.Keyring{}.Delete(key) })
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	settings := writeFile(t, dir, "s.json", fmt.Sprintf(`{
	  "company": {"name": "Acme", "email": %q,
	    "smtp": {"host": "smtp.invalid", "port": 587, "security": "starttls"},
	    "imap": {"host": "imap.invalid", "port": 993, "security": "tls"},
	    "own_server": {"mode": "mailbox", "host": %q, "port": %s, "security": "starttls", "auth": "password",
	                   "username": %q, "secret": %q, "tls_fingerprint": %q}},
	  "domains": [{"domain": "acme.test", "validated_at": "2026-12-01T10:00:00Z", "validated_by": "admin"},
	              {"domain": "klant.test", "validated_at": "2026-12-01T10:00:00Z", "validated_by": "admin"}],
	  "users": [{"name": "Alice", "email": "alice@acme.test"},
	            {"name": "Jan", "email": "jan@klant.test"},
	            {"name": "Eve", "email": "eve@elsewhere.test"}]}`,
		office.Address(), host, port, service.Name, key, s.CertFingerprint))
	if r := run(t, "", "--db", db, "settings", "import", settings); r.code != ExitOK {
		t.Fatalf("import: %+v", r)
	}
	tests := []struct {
		user   string
		code   int
		stdout []string
		stderr string
	}{
		{"Alice", ExitOK, []string{"Via the company's own mail server 127.0.0.1",
			"Send-as ok: the server accepts alice@acme.test as sender for the login tsendas"}, ""},
		{"Jan", ExitFailure, []string{"Send-as refused: the server refuses jan@klant.test as sender for the login tsendas",
			"smtpd_sender_login_maps", ": 553 5.7.1 <jan@klant.test>: Sender address rejected: not owned by user tsendas",
			"--- SMTP conversation ---", "RSET"}, ""},
		{"Eve", ExitFailure, []string{"Via the company SMTP server smtp.invalid"},
			"postbridge: this user's mail does not go out through the own mail server"},
	}
	for _, tt := range tests {
		r := run(t, "", "--db", db, "check", "send-as", "--user", tt.user)
		if r.code != tt.code || !strings.HasPrefix(r.stderr, tt.stderr) {
			t.Errorf("%s: exit %d, want %d\n%s%s", tt.user, r.code, tt.code, r.stdout, r.stderr)
		}
		for _, w := range tt.stdout {
			if !strings.Contains(r.stdout, w) {
				t.Errorf("%s: output lacks %q:\n%s", tt.user, w, r.stdout)
			}
		}
		if strings.Contains(r.stdout+r.stderr, service.Password) {
			t.Errorf("%s: the password was printed", tt.user)
		}
	}
	// Without --user: every user whose mail goes through the service
	// mailbox, one line each (Eve's goes through the company SMTP).
	r := run(t, "", "--db", db, "check", "send-as")
	want := []string{"Alice: ok: the server accepts alice@acme.test", "Jan: refused: the server refuses jan@klant.test"}
	if r.code != ExitFailure || strings.Contains(r.stdout, "Eve") {
		t.Errorf("all users: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, w := range want {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("all users: output lacks %q:\n%s", w, r.stdout)
		}
	}
	if n := s.Count(t, office, "INBOX"); n != 0 {
		t.Errorf("the check delivered %d mails to the office", n)
	}
	// --send: a real test mail, delivered for Alice, refused for Jan.
	sends := []struct {
		user string
		code int
		want string
	}{
		{"Alice", ExitOK, "Send-as ok: the server accepted the test mail From alice@acme.test for the login tsendas"},
		{"Jan", ExitFailure, "Send-as refused: the server refuses jan@klant.test as sender for the login tsendas"},
	}
	for _, tt := range sends {
		r := run(t, "", "--db", db, "check", "send-as", "--user", tt.user, "--send")
		if r.code != tt.code || !strings.Contains(r.stdout, tt.want) {
			t.Errorf("--send %s: exit %d\n%s%s", tt.user, r.code, r.stdout, r.stderr)
		}
	}
	s.WaitCount(t, office, "INBOX", 1)
	if n := s.Count(t, office, "INBOX"); n != 1 {
		t.Errorf("--send delivered %d mails to the office, want Alice's only", n)
	}
}
