package imapsync

import (
	"context"
	"errors"
	"net"
	"strconv"
	"testing"

	"github.com/emersion/go-imap/v2"

	"postbridge/mail/mailerr"
	"postbridge/mail/mailtest"
	"postbridge/mail/tlsverify"
	"postbridge/storage"
)

func imapServer(t *testing.T, addr string, sec storage.Security, u mailtest.User, s *mailtest.Stack) Server {
	t.Helper()
	host, port, _ := net.SplitHostPort(addr)
	p, _ := strconv.Atoi(port)
	return Server{Host: host, Port: p, Security: sec, Roots: s.CA, Username: u.Name, Password: u.Password}
}

func TestCheckFailuresAreClassified(t *testing.T) {
	s := mailtest.Servers(t)
	u := s.NewUser(t)
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	closed := ln.Addr().String()
	ln.Close()
	tests := []struct {
		name  string
		srv   func() Server
		want  error
		extra func(error) bool
	}{
		{"wrong password", func() Server {
			srv := imapServer(t, s.IMAPS, storage.SecurityTLS, u, s)
			srv.Password = "wrong-" + u.Password
			return srv
		}, mailerr.ErrAuthFailed, nil},
		{"a fixed user's password is not the shared one", func() Server {
			srv := imapServer(t, s.IMAPS, storage.SecurityTLS, u, s)
			srv.Username = s.Users["alice"].Name
			return srv
		}, mailerr.ErrAuthFailed, nil},
		{"closed port", func() Server { return imapServer(t, closed, storage.SecurityTLS, u, s) }, mailerr.ErrConnectionRefused, nil},
		{"plain port with implicit TLS", func() Server { return imapServer(t, s.IMAP, storage.SecurityTLS, u, s) }, mailerr.ErrTLSHandshake, nil},
		{"self-signed certificate not pinned", func() Server {
			srv := imapServer(t, s.IMAPS, storage.SecurityTLS, u, s)
			srv.Roots = nil
			return srv
		}, mailerr.ErrUntrusted, func(err error) bool {
			var ce *tlsverify.CertificateError
			return errors.As(err, &ce) && ce.Fingerprint == s.CertFingerprint
		}},
	}
	for _, tt := range tests {
		_, err := Check(context.Background(), tt.srv())
		if !errors.Is(err, tt.want) || (tt.extra != nil && !tt.extra(err)) {
			t.Errorf("%s: error %v, want %v", tt.name, err, tt.want)
		}
	}
}

func TestCheckSucceedsEachWay(t *testing.T) {
	s := mailtest.Servers(t)
	u := s.NewUser(t)
	s.CreateMailbox(t, u, "Überweisungen/2026")
	pinned := imapServer(t, s.IMAPS, storage.SecurityTLS, u, s)
	pinned.Roots, pinned.Pinned = nil, s.CertFingerprint
	for name, srv := range map[string]Server{
		"implicit TLS":       imapServer(t, s.IMAPS, storage.SecurityTLS, u, s),
		"STARTTLS":           imapServer(t, s.IMAP, storage.SecuritySTARTTLS, u, s),
		"TLS if available":   imapServer(t, s.IMAP, storage.SecuritySTARTTLSOptional, u, s),
		"pinned certificate": pinned,
	} {
		res, err := Check(context.Background(), srv)
		if err != nil || !res.Encrypted {
			t.Errorf("%s: %+v, %v", name, res, err)
			continue
		}
		found := false
		for _, f := range res.Folders {
			// go-imap decodes modified UTF-7 (RFC 3501 §5.1.3) for us.
			found = found || (f.Name == "Überweisungen/2026" && f.Delimiter == "/")
		}
		if !found {
			t.Errorf("%s: folder Überweisungen/2026 not listed: %+v", name, res.Folders)
		}
	}
}

// Dovecot refuses a wrong password with [AUTHENTICATIONFAILED] (RFC 5530),
// and that code, not the NO alone, makes it ErrAuthFailed.
func TestDovecotSendsAuthenticationFailed(t *testing.T) {
	s := mailtest.Servers(t)
	u := s.NewUser(t)
	srv := imapServer(t, s.IMAPS, storage.SecurityTLS, u, s)
	c, _, _, err := connect(context.Background(), srv, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	err = c.Login(u.Name, "wrong-"+u.Password).Wait()
	var imapErr *imap.Error
	if !errors.As(err, &imapErr) || imapErr.Code != imap.ResponseCodeAuthenticationFailed {
		t.Fatalf("LOGIN with a wrong password: %v, want NO [AUTHENTICATIONFAILED]", err)
	}
	if got := loginError(srv.Addr(), err); !errors.Is(got, mailerr.ErrAuthFailed) {
		t.Errorf("classified as %v", got)
	}
}
