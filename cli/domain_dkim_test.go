package cli

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"testing"

	"postbridge/mail/autoconfig"
	"postbridge/mail/autoconfig/dnstest"
	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// txtRecord is a zone-file TXT line for a long value, cut into strings of
// at most 255 bytes (RFC 1035 §3.3.14; RFC 6376 §3.6.2.2 joins them).
func txtRecord(name, value string) string {
	var parts []string
	for len(value) > 200 {
		parts = append(parts, `"`+value[:200]+`"`)
		value = value[200:]
	}
	parts = append(parts, `"`+value+`"`)
	return name + " 60 IN TXT " + strings.Join(parts, " ")
}

// otherKey is a DKIM key record for a key OpenDKIM does not sign with.
func otherKey(t *testing.T) string {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	der, _ := x509.MarshalPKIXPublicKey(&key.PublicKey)
	return "v=DKIM1; k=rsa; p=" + base64.StdEncoding.EncodeToString(der)
}

// receivedMail is the one mail in user's INBOX as Dovecot stored it.
func receivedMail(t *testing.T, s *mailtest.Stack, user mailtest.User) string {
	t.Helper()
	s.WaitCount(t, user, "INBOX", 1)
	out := s.Doveadm(t, nil, "fetch", "-u", user.Name, "text", "mailbox", "INBOX", "all")
	raw, ok := strings.CutPrefix(out, "text:\n")
	if !ok {
		t.Fatalf("doveadm fetch: %q", out)
	}
	return strings.TrimRight(raw, "\f\n") + "\n"
}

// A test mail sent with send-test through an own mail server that signs
// with OpenDKIM, read back from Dovecot: its signature verifies against
// the key OpenDKIM made, DMARC aligns through it, and a key in DNS that
// is not the signing one is reported.
func TestDomainCheckDKIM(t *testing.T) {
	s := mailtest.Servers(t)
	mailtest.Keyring(t)
	addr, selector, record := s.DKIMServer(t)
	host, port, _ := net.SplitHostPort(addr)
	sender, rcpt := s.NewUser(t), s.NewUser(t)
	const key = "company/own-server-dkim-test"
	if r := run(t, sender.Password+"\n", "secret", "set", key); r.code != ExitOK {
		t.Fatalf("secret set: %+v", r)
	}
	t.Cleanup(func() { storage.Keyring{}.Delete(key) })
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	settings := writeFile(t, dir, "s.json", fmt.Sprintf(`{
	  "company": {"name": "Acme", "email": %q,
	    "smtp": {"host": "smtp.invalid", "port": 587, "security": "starttls"},
	    "imap": {"host": "imap.invalid", "port": 993, "security": "tls"},
	    "own_server": {"mode": "relay", "host": %q, "port": %s, "security": "starttls", "auth": "password",
	                   "username": %q, "secret": %q, "tls_fingerprint": %q}},
	  "domains": [{"domain": "acme.test", "validated_at": "2026-12-01T10:00:00Z", "validated_by": "admin"}],
	  "users": [{"name": "Alice", "email": %q}]}`,
		rcpt.Address(), host, port, sender.Name, key, s.CertFingerprint, sender.Address()))
	if r := run(t, "", "--db", db, "settings", "import", settings); r.code != ExitOK {
		t.Fatalf("import: %+v", r)
	}
	if r := run(t, "", "--db", db, "send-test", "--user", "Alice"); r.code != ExitOK {
		t.Fatalf("send-test: %+v", r)
	}
	mailFile := writeFile(t, dir, "test.eml", receivedMail(t, s, rcpt))
	zone := []string{
		`acme.test. 60 IN TXT "v=spf1 ip4:192.0.2.25 -all"`,
		`_dmarc.acme.test. 60 IN TXT "v=DMARC1; p=reject"`,
		`acme.test. 60 IN MX 10 mail.acme.test.`,
	}
	keyName := selector + "._domainkey.acme.test."
	tests := []struct {
		name string
		key  string
		code int
		want []string
	}{
		{"the key OpenDKIM signs with", record, ExitFailure, []string{
			"DKIM   ok       the test mail carries a valid DKIM signature of acme.test (selector " + selector + ")",
			"DMARC  ok       the DKIM signature of acme.test matches the domain of the From address",
			"SPF    failing  the SPF record of acme.test does not name 203.0.113.9"}},
		{"another key in DNS", otherKey(t), ExitFailure, []string{
			"DKIM   failing  the DKIM signature of acme.test (selector " + selector + ") does not verify",
			"DMARC  failing  neither SPF nor DKIM passes for the domain of the From address, so the DMARC policy p=reject applies"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(autoconfig.EnvResolver, dnstest.Start(t, 0, append(zone, txtRecord(keyName, tt.key))...))
			r := run(t, "", "--db", db, "domain", "check", "acme.test", "--mail", mailFile, "--ip", "203.0.113.9")
			if r.code != tt.code {
				t.Errorf("exit %d, want %d: %s", r.code, tt.code, r.stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("output lacks %q:\n%s", w, r.stdout)
				}
			}
		})
	}
}

// probeDB is an office whose validated acme.test goes out through the
// test stack's OpenDKIM-signing Postfix, logged in as sender, and whose
// general address is rcpt's mailbox, which the user Info reads over IMAP.
// The user Elsewhere has an account for the address elsewhere that logs
// in as rcpt too: mail to elsewhere never shows in it.
func probeDB(t *testing.T, s *mailtest.Stack, sender, rcpt mailtest.User, elsewhere string) string {
	t.Helper()
	addr, _, _ := s.DKIMServer(t)
	host, port, _ := net.SplitHostPort(addr)
	imapHost, imapPort, _ := net.SplitHostPort(s.IMAP)
	const key = "company/probe-test"
	if r := run(t, sender.Password+"\n", "secret", "set", key); r.code != ExitOK {
		t.Fatalf("secret set: %+v", r)
	}
	t.Cleanup(func() { storage.Keyring{}.Delete(key) })
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	settings := writeFile(t, dir, "s.json", fmt.Sprintf(`{
	  "company": {"name": "Acme", "email": %[1]q,
	    "smtp": {"host": "smtp.invalid", "port": 587, "security": "starttls"},
	    "imap": {"host": %[2]q, "port": %[3]s, "security": "starttls", "tls_fingerprint": %[4]q},
	    "own_server": {"mode": "relay", "host": %[5]q, "port": %[6]s, "security": "starttls", "auth": "password",
	                   "username": %[7]q, "secret": %[8]q, "tls_fingerprint": %[4]q}},
	  "domains": [{"domain": "acme.test", "validated_at": "2026-12-01T10:00:00Z", "validated_by": "admin"}],
	  "users": [{"name": "Alice", "email": %[9]q},
	            {"name": "Info", "imap": [{"address": %[1]q, "username": %[10]q, "secret": %[8]q, "mode": "mirror"}]},
	            {"name": "Elsewhere", "imap": [{"address": %[11]q, "username": %[10]q, "secret": %[8]q, "mode": "mirror"}]}]}`,
		rcpt.Address(), imapHost, imapPort, s.CertFingerprint, host, port, sender.Name, key, sender.Address(), rcpt.Name, elsewhere))
	if r := run(t, "", "--db", db, "settings", "import", settings); r.code != ExitOK {
		t.Fatalf("import: %+v", r)
	}
	return db
}

// Without --mail, domain check sends its own test mail through the
// domain's route (Postfix with OpenDKIM) to the company's mailbox, finds
// it there over IMAP by its Message-ID, verifies the real signature —
// and reports a key in DNS that is not the signing one — and deletes the
// mail by its UID. A mailbox where the mail never arrives is reported
// after the wait.
func TestDomainCheckSendsAndReadsBack(t *testing.T) {
	s := mailtest.Servers(t)
	mailtest.Keyring(t)
	_, selector, record := s.DKIMServer(t)
	sender, rcpt, nowhere := s.NewUser(t), s.NewUser(t), s.NewUser(t)
	db := probeDB(t, s, sender, rcpt, nowhere.Address())
	zone := []string{
		`acme.test. 60 IN TXT "v=spf1 ip4:192.0.2.25 -all"`,
		`_dmarc.acme.test. 60 IN TXT "v=DMARC1; p=reject"`,
		`acme.test. 60 IN MX 10 mail.acme.test.`,
	}
	keyName := selector + "._domainkey.acme.test."
	check := []string{"--db", db, "domain", "check", "acme.test", "--ip", "203.0.113.9", "--from", sender.Address()}
	tests := []struct {
		name  string
		key   string
		extra []string
		want  []string
	}{
		{"the key OpenDKIM signs with", record, nil, []string{
			"DKIM   ok       the test mail carries a valid DKIM signature of acme.test (selector " + selector + ")",
			"DKIM   ok       the test mail went through the route to " + rcpt.Address() + ", was read back from INBOX and deleted again",
			"DMARC  ok       the DKIM signature of acme.test matches the domain of the From address"}},
		{"another key in DNS", otherKey(t), []string{"--mailbox", rcpt.Address()}, []string{
			"DKIM   failing  the DKIM signature of acme.test (selector " + selector + ") does not verify",
			"DKIM   ok       the test mail went through the route to " + rcpt.Address() + ", was read back from INBOX and deleted again",
			"DMARC  failing  neither SPF nor DKIM passes for the domain of the From address"}},
		// The account named reads rcpt's mailbox, but the mail goes to
		// the address nowhere, which it does not read.
		{"a mailbox the mail does not reach", record, []string{"--mailbox", nowhere.Address(), "--wait", "2s"}, []string{
			"DKIM   warning  DKIM was not checked: the test mail to " + nowhere.Address() + " went out, but did not arrive in INBOX within 2 seconds"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(autoconfig.EnvResolver, dnstest.Start(t, 0, append(zone, txtRecord(keyName, tt.key))...))
			args := append(append([]string{}, check...), tt.extra...)
			r := run(t, "", args...)
			if r.code != ExitFailure {
				t.Errorf("exit %d, want %d (SPF fails for 203.0.113.9): %s", r.code, ExitFailure, r.stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("output lacks %q:\n%s", w, r.stdout)
				}
			}
			if got := s.Count(t, rcpt, "INBOX"); got != 0 {
				t.Errorf("%d mails left in %s's INBOX, want the test mail deleted", got, rcpt.Name)
			}
		})
	}
}
