package mailtest

import (
	"context"
	"crypto/tls"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	gomail "github.com/wneessen/go-mail"
	"github.com/zalando/go-keyring"
)

// TestSendThroughPostfixReadBackFromDovecot proves the stack end to end:
// Postfix accepts an authenticated submission over TLS and delivers it
// into Dovecot over LMTP, where IMAP finds it.
func TestSendThroughPostfixReadBackFromDovecot(t *testing.T) {
	s := Servers(t)
	sender := s.Users["alice"]
	tests := []struct {
		name     string
		smtpAddr string
		smtpOpts []gomail.Option
		imapTLS  bool
	}{
		{"STARTTLS submission, STARTTLS IMAP", s.Submission,
			[]gomail.Option{gomail.WithTLSPolicy(gomail.TLSMandatory)}, false},
		{"implicit TLS both ways", s.SMTPS, []gomail.Option{gomail.WithSSL()}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rcpt := s.NewUser(t)
			subject := fmt.Sprintf("Stack test %d ü", time.Now().UnixNano())
			send(t, s, tt.smtpAddr, sender, rcpt.Address(), subject, tt.smtpOpts)
			got := waitForSubject(t, s, rcpt, tt.imapTLS, subject)
			if !strings.Contains(got, "Hallo vanuit de test") {
				t.Errorf("body read back over IMAP lacks the text:\n%s", got)
			}
		})
	}
}

func send(t *testing.T, s *Stack, addr string, from User, to, subject string, opts []gomail.Option) {
	t.Helper()
	host, port := splitAddr(t, addr)
	msg := gomail.NewMsg()
	if err := msg.From(from.Address()); err != nil {
		t.Fatal(err)
	}
	if err := msg.To(to); err != nil {
		t.Fatal(err)
	}
	msg.Subject(subject)
	msg.SetBodyString(gomail.TypeTextPlain, "Hallo vanuit de test.")
	opts = append(opts, gomail.WithPort(port), gomail.WithTimeout(20*time.Second),
		gomail.WithTLSConfig(&tls.Config{RootCAs: s.CA, ServerName: host}),
		gomail.WithSMTPAuth(gomail.SMTPAuthPlain),
		gomail.WithUsername(from.Address()), gomail.WithPassword(from.Password))
	c, err := gomail.NewClient(host, opts...)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.DialAndSend(msg); err != nil {
		t.Fatalf("send through %s: %v", addr, err)
	}
}

// waitForSubject polls the user's INBOX over IMAP until the message
// arrives (Postfix delivers asynchronously) and returns it whole.
func waitForSubject(t *testing.T, s *Stack, u User, implicitTLS bool, subject string) string {
	t.Helper()
	opts := &imapclient.Options{TLSConfig: &tls.Config{RootCAs: s.CA, ServerName: "127.0.0.1"}}
	var c *imapclient.Client
	var err error
	if implicitTLS {
		c, err = imapclient.DialTLS(s.IMAPS, opts)
	} else {
		c, err = imapclient.DialStartTLS(s.IMAP, opts)
	}
	if err != nil {
		t.Fatalf("imap dial: %v", err)
	}
	defer c.Close()
	if err := c.Login(u.Name, u.Password).Wait(); err != nil {
		t.Fatalf("imap login: %v", err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := c.Select("INBOX", nil).Wait(); err != nil {
			t.Fatal(err)
		}
		msgs, err := c.Fetch(imap.SeqSetNum(1), &imap.FetchOptions{
			Envelope:    true,
			BodySection: []*imap.FetchItemBodySection{{Peek: true}},
		}).Collect()
		// The envelope's subject is decoded (RFC 2047) by go-imap.
		if err == nil && len(msgs) == 1 && msgs[0].Envelope.Subject == subject {
			for _, body := range msgs[0].BodySection {
				return string(body.Bytes)
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("message %q did not arrive in %s's INBOX", subject, u.Name)
	return ""
}

func splitAddr(t *testing.T, addr string) (string, int) {
	t.Helper()
	var port int
	i := strings.LastIndex(addr, ":")
	if _, err := fmt.Sscan(addr[i+1:], &port); err != nil {
		t.Fatalf("bad address %q", addr)
	}
	return addr[:i], port
}

func TestDoveadmHelpers(t *testing.T) {
	s := Servers(t)
	u := s.NewUser(t)
	s.CreateMailbox(t, u, "Postbridge/In")
	s.Deliver(t, u, "Postbridge/In", []byte("Subject: x\r\n\r\nbody\r\n"))
	if n := s.Count(t, u, "Postbridge/In"); n != 1 {
		t.Errorf("Count = %d, want 1", n)
	}
	if boxes := strings.Join(s.Mailboxes(t, u), " "); !strings.Contains(boxes, "Postbridge/In") || !strings.Contains(boxes, "Sent") {
		t.Errorf("Mailboxes = %s, want Postbridge/In and the auto-created Sent", boxes)
	}
}

func TestKeyringAvailable(t *testing.T) {
	Keyring(t)
	const service = "Postbridge mailtest"
	if err := keyring.Set(service, "probe", "value"); err != nil {
		t.Fatalf("keyring set: %v", err)
	}
	defer keyring.Delete(service, "probe")
	if got, err := keyring.Get(service, "probe"); err != nil || got != "value" {
		t.Fatalf("keyring get = %q, %v", got, err)
	}
}

func TestPostgresFreshDatabase(t *testing.T) {
	dsn := Postgres(t)
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	err = db.QueryRowContext(context.Background(),
		"SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'").Scan(&n)
	if err != nil || n != 0 {
		t.Fatalf("fresh database has %d tables, err %v; want 0", n, err)
	}
}
