// Package mailtest gives tests the real servers that scripts/with-servers.sh
// started (make test does): Dovecot, Postfix, gnome-keyring and
// PostgreSQL, found through POSTBRIDGE_TEST_* variables.
//
// A test that needs a server which is not there is skipped with a hint
// when run by hand, and fails under CI=true: in CI a missing server is a
// broken build, never a silently smaller one.
package mailtest

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"
	"strings"
	"testing"
)

// Stack is the running mail servers.
type Stack struct {
	IMAP       string // host:port, plain with STARTTLS offered
	IMAPS      string // host:port, implicit TLS
	Submission string // host:port, STARTTLS required, AUTH after TLS only
	SMTPS      string // host:port, implicit TLS
	SMTPPlain  string // host:port, no STARTTLS offered
	// CA trusts the servers' certificate (issued for 127.0.0.1 and localhost).
	CA *x509.CertPool
	// CertFingerprint is the SHA-256 of the servers' certificate, AA:BB:... form.
	CertFingerprint string
	DovecotConf     string
	Dir             string
	// Users are the fixed users (alice, bob, carol @acme.test, jan@klant.test).
	// Tests that change a mailbox should use NewUser for a mailbox of their own.
	Users map[string]User

	sharedPassword string
}

// User is a mailbox on the test Dovecot.
type User struct {
	Name, Domain, Password string
}

// SendAsLogin is the service login that the send-as listener lets send as
// every acme.test address, and no klant.test one (manual 003's mailbox
// mode; scripts/mailstack/postfix.sh).
const SendAsLogin = "tsendas"

// SendAsServer is the submission listener (host:port, STARTTLS) whose
// smtpd_sender_login_maps give SendAsLogin those rights, with the
// shared test password for it.
func (s *Stack) SendAsServer(t testing.TB) (addr string, service User) {
	t.Helper()
	return need(t, "POSTBRIDGE_TEST_SUBMISSION_SENDAS", "Postfix"),
		User{Name: SendAsLogin, Domain: "acme.test", Password: s.sharedPassword}
}

// DKIMServer is the submission listener (host:port, STARTTLS) whose mail
// OpenDKIM signs as acme.test with selector, and the key record OpenDKIM
// made for it ("v=DKIM1; h=sha256; k=rsa; p=..."), which a test serves
// at selector._domainkey.acme.test from its own DNS server.
func (s *Stack) DKIMServer(t testing.TB) (addr, selector, record string) {
	t.Helper()
	addr = need(t, "POSTBRIDGE_TEST_SUBMISSION_DKIM", "Postfix")
	selector = need(t, "POSTBRIDGE_TEST_DKIM_SELECTOR", "OpenDKIM")
	data, err := os.ReadFile(need(t, "POSTBRIDGE_TEST_DKIM_RECORD", "OpenDKIM"))
	if err != nil {
		t.Fatal(err)
	}
	// The file is a zone-file line: name IN TXT ( "part" "part" ... ).
	parts := strings.Split(string(data), `"`)
	for i := 1; i < len(parts); i += 2 {
		record += parts[i]
	}
	return addr, selector, record
}

// Address is name@domain.
func (u User) Address() string { return u.Name + "@" + u.Domain }

// need returns the variable or skips / fails the test.
func need(t testing.TB, name, what string) string {
	t.Helper()
	v := os.Getenv(name)
	if v != "" {
		return v
	}
	msg := fmt.Sprintf("%s is not running (%s is not set): run the tests with `make test` "+
		"or scripts/with-servers.sh go test ./...", what, name)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// Servers returns the mail stack, or skips / fails the test without one.
func Servers(t testing.TB) *Stack {
	t.Helper()
	s := &Stack{
		IMAP:        need(t, "POSTBRIDGE_TEST_IMAP", "Dovecot"),
		IMAPS:       need(t, "POSTBRIDGE_TEST_IMAPS", "Dovecot"),
		DovecotConf: need(t, "POSTBRIDGE_TEST_DOVECOT_CONF", "Dovecot"),
		Submission:  need(t, "POSTBRIDGE_TEST_SUBMISSION", "Postfix"),
		SMTPS:       need(t, "POSTBRIDGE_TEST_SMTPS", "Postfix"),
		SMTPPlain:   need(t, "POSTBRIDGE_TEST_SMTP_PLAIN", "Postfix"),
		Dir:         need(t, "POSTBRIDGE_TEST_DIR", "the test stack"),
		Users:       map[string]User{},

		sharedPassword: need(t, "POSTBRIDGE_TEST_SHARED_PASSWORD", "Dovecot"),
	}
	caPEM, err := os.ReadFile(need(t, "POSTBRIDGE_TEST_CA", "the test CA"))
	if err != nil {
		t.Fatalf("read test CA: %v", err)
	}
	s.CA = x509.NewCertPool()
	if !s.CA.AppendCertsFromPEM(caPEM) {
		t.Fatal("test CA file holds no certificate")
	}
	s.CertFingerprint = fingerprintOf(t, need(t, "POSTBRIDGE_TEST_CERT", "the test certificate"))
	for _, f := range strings.Fields(need(t, "POSTBRIDGE_TEST_USERS", "Dovecot")) {
		p := strings.SplitN(f, ":", 3)
		if len(p) == 3 {
			s.Users[p[0]] = User{Name: p[0], Domain: p[1], Password: p[2]}
		}
	}
	return s
}

func fingerprintOf(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read test certificate: %v", err)
	}
	block, _ := pem.Decode(data)
	if block == nil {
		t.Fatalf("%s holds no PEM certificate", path)
	}
	sum := sha256.Sum256(block.Bytes)
	parts := make([]string, len(sum))
	for i, b := range sum {
		parts[i] = fmt.Sprintf("%02X", b)
	}
	return strings.Join(parts, ":")
}

// Keyring makes sure a Secret Service is there for go-keyring, or skips / fails.
func Keyring(t testing.TB) {
	t.Helper()
	need(t, "POSTBRIDGE_TEST_KEYRING", "gnome-keyring")
}
