package smtpsend

import (
	"context"
	"errors"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"postbridge/mail/mailerr"
	"postbridge/mail/mailtest"
	"postbridge/mail/tlsverify"
	"postbridge/storage"
)

// server builds a Server for one of the test stack's addresses.
func server(t *testing.T, addr string, sec storage.Security, user mailtest.User, roots bool, s *mailtest.Stack) Server {
	t.Helper()
	host, portStr, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatal(err)
	}
	port, _ := strconv.Atoi(portStr)
	srv := Server{Host: host, Port: port, Security: sec, Auth: true,
		Username: user.Name, Password: user.Password, Timeout: 10 * time.Second}
	if roots {
		srv.Roots = s.CA
	}
	return srv
}

func testMail(from, to string) Mail {
	return Mail{
		From: from, FromName: "Zoë Test", To: []string{to},
		Subject: "Testbericht — één ü 日本", Text: "Dit is een test.\nRegel twee.",
		HTML:        "<p>Dit is een <b>test</b>.</p>",
		Attachments: []Attachment{{Name: "offerte ü.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4 test")}},
	}
}

// noSecret fails the test when the password shows anywhere a person could see it.
func noSecret(t *testing.T, password string, texts ...string) {
	t.Helper()
	for _, text := range texts {
		if password != "" && strings.Contains(text, password) {
			t.Errorf("password visible in %q", text)
		}
	}
}

func TestSendSucceeds(t *testing.T) {
	s := mailtest.Servers(t)
	tests := []struct {
		name string
		addr string
		sec  storage.Security
	}{
		{"587 STARTTLS", s.Submission, storage.SecuritySTARTTLS},
		{"465 implicit TLS", s.SMTPS, storage.SecurityTLS},
		{"TLS if available on a STARTTLS port", s.Submission, storage.SecuritySTARTTLSOptional},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sender, rcpt := s.NewUser(t), s.NewUser(t)
			srv := server(t, tt.addr, tt.sec, sender, true, s)
			res, err := Send(context.Background(), srv, testMail(sender.Address(), rcpt.Address()))
			if err != nil {
				t.Fatalf("send: %v\n%s", err, res.Transcript)
			}
			noSecret(t, sender.Password, res.Transcript)
			for _, want := range []string{"C: <SMTP auth data redacted>", "S: 235", "C: QUIT"} {
				if !strings.Contains(res.Transcript, want) {
					t.Errorf("transcript lacks %q:\n%s", want, res.Transcript)
				}
			}
			if !strings.Contains(string(res.Message), "offerte") {
				t.Errorf("sent message lacks the attachment name")
			}
			waitForMessages(t, s, rcpt, "INBOX", 1)
		})
	}
}

func waitForMessages(t *testing.T, s *mailtest.Stack, u mailtest.User, mailbox string, want int) {
	t.Helper()
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if s.Count(t, u, mailbox) == want {
			return
		}
	}
	t.Fatalf("%s of %s: %d messages, want %d", mailbox, u.Name, s.Count(t, u, mailbox), want)
}

func TestSendFailuresAreClassified(t *testing.T) {
	s := mailtest.Servers(t)
	closed := closedPort(t)
	tests := []struct {
		name   string
		setup  func(u mailtest.User) Server
		from   func(u mailtest.User) string
		to     string
		want   error
		server string // the server's own words expected in the error, if any
	}{
		{"wrong password", func(u mailtest.User) Server {
			srv := server(t, s.Submission, storage.SecuritySTARTTLS, u, true, s)
			srv.Password = "wrong-" + u.Password
			return srv
		}, nil, "", mailerr.ErrAuthFailed, "535"},
		{"closed port", func(u mailtest.User) Server {
			return server(t, closed, storage.SecuritySTARTTLS, u, true, s)
		}, nil, "", mailerr.ErrConnectionRefused, ""},
		{"plain port with implicit TLS", func(u mailtest.User) Server {
			return server(t, s.SMTPPlain, storage.SecurityTLS, u, true, s)
		}, nil, "", mailerr.ErrTLSHandshake, ""},
		{"self-signed certificate not pinned", func(u mailtest.User) Server {
			return server(t, s.Submission, storage.SecuritySTARTTLS, u, false, s)
		}, nil, "", mailerr.ErrUntrusted, ""},
		{"server without STARTTLS", func(u mailtest.User) Server {
			return server(t, s.SMTPPlain, storage.SecuritySTARTTLS, u, true, s)
		}, nil, "", mailerr.ErrSTARTTLSNotOffered, ""},
		{"relay denied without authentication", func(u mailtest.User) Server {
			srv := server(t, s.SMTPPlain, storage.SecurityNone, u, true, s)
			srv.Auth = false
			return srv
		}, func(mailtest.User) string { return "office@outside.test" }, "someone@example.com",
			mailerr.ErrRelayDenied, "Relay access denied"},
		{"sender address rejected", func(u mailtest.User) Server {
			return server(t, s.Submission, storage.SecuritySTARTTLS, u, true, s)
		}, func(mailtest.User) string { return "bob@acme.test" }, "", mailerr.ErrSenderRejected, "not owned by user"},
		// Postfix on the submission port requires STARTTLS: 530 5.7.0 at MAIL
		// (RFC 3207 §4), and no AUTH before it (smtpd_tls_auth_only).
		{"plain connection to a STARTTLS-only port, no login", func(u mailtest.User) Server {
			srv := server(t, s.Submission, storage.SecurityNone, u, true, s)
			srv.Auth = false
			return srv
		}, nil, "", mailerr.ErrEncryptionRequired, "530"},
		{"plain connection to a STARTTLS-only port, with login", func(u mailtest.User) Server {
			return server(t, s.Submission, storage.SecurityNone, u, true, s)
		}, nil, "", mailerr.ErrEncryptionRequired, ""},
		// The plain port offers AUTH PLAIN LOGIN in the clear; no password is
		// sent over it.
		{"password login on an unencrypted connection", func(u mailtest.User) Server {
			return server(t, s.SMTPPlain, storage.SecurityNone, u, true, s)
		}, nil, "", mailerr.ErrEncryptionRequired, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := s.NewUser(t)
			from, to := u.Address(), tt.to
			if tt.from != nil {
				from = tt.from(u)
			}
			if to == "" {
				to = s.Users["carol"].Address()
			}
			srv := tt.setup(u)
			res, err := Send(context.Background(), srv, testMail(from, to))
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v\n%s", err, tt.want, res.Transcript)
			}
			if testing.Verbose() {
				t.Logf("%v\n%s", err, res.Transcript)
			}
			if tt.server != "" && !strings.Contains(err.Error(), tt.server) {
				t.Errorf("error %q lacks the server's words %q", err, tt.server)
			}
			noSecret(t, u.Password, res.Transcript, err.Error())
		})
	}
}

func TestPinnedCertificateIsAccepted(t *testing.T) {
	s := mailtest.Servers(t)
	u, rcpt := s.NewUser(t), s.NewUser(t)
	srv := server(t, s.SMTPS, storage.SecurityTLS, u, false, s)
	_, err := Send(context.Background(), srv, testMail(u.Address(), rcpt.Address()))
	var cert *tlsverify.CertificateError
	if !errors.As(err, &cert) || cert.Fingerprint != s.CertFingerprint {
		t.Fatalf("unpinned: error %v, want a CertificateError with fingerprint %s", err, s.CertFingerprint)
	}
	srv.Pinned = strings.ToLower(strings.ReplaceAll(cert.Fingerprint, ":", ""))
	if res, err := Send(context.Background(), srv, testMail(u.Address(), rcpt.Address())); err != nil {
		t.Fatalf("pinned: %v\n%s", err, res.Transcript)
	}
}

// Postfix refuses a message over its message_size_limit (10 MB in the
// test stack) with 552 5.3.4 (RFC 3463 §3.4).
func TestMessageTooBig(t *testing.T) {
	s := mailtest.Servers(t)
	u, rcpt := s.NewUser(t), s.NewUser(t)
	m := testMail(u.Address(), rcpt.Address())
	m.Attachments = []Attachment{{Name: "big.bin", ContentType: "application/octet-stream", Data: make([]byte, 11<<20)}}
	res, err := Send(context.Background(), server(t, s.Submission, storage.SecuritySTARTTLS, u, true, s), m)
	if !errors.Is(err, mailerr.ErrMessageTooBig) || !strings.Contains(err.Error(), "5.3.4") {
		t.Fatalf("error %v, want ErrMessageTooBig with 5.3.4\n%s", err, res.Transcript)
	}
}

// closedPort returns a loopback address on which nothing listens.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}
