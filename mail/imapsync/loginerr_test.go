package imapsync

import (
	"bufio"
	"context"
	"errors"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"postbridge/mail/mailerr"
	"postbridge/storage"
)

// A failed LOGIN is read by its response code (RFC 5530), a NO without
// one is a refused password (RFC 9051 §6.2.3); never by the words.
func TestLoginErrorByResponseCode(t *testing.T) {
	no := func(code imap.ResponseCode, text string) error {
		return &imap.Error{Type: imap.StatusResponseTypeNo, Code: code, Text: text}
	}
	tests := []struct {
		name string
		err  error
		want error
	}{
		{"Dovecot, wrong password", no(imap.ResponseCodeAuthenticationFailed, "Authentication failed."), mailerr.ErrAuthFailed},
		{"not authorized as that user", no(imap.ResponseCodeAuthorizationFailed, "Authorization failed."), mailerr.ErrAuthFailed},
		{"password expired", no(imap.ResponseCodeExpired, "Password expired."), mailerr.ErrPasswordExpired},
		{"encryption required", no(imap.ResponseCodePrivacyRequired, "Plaintext authentication disallowed on non-secure connections."), mailerr.ErrEncryptionRequired},
		{"account locked", no(imap.ResponseCodeContactAdmin, "Account locked."), mailerr.ErrContactAdmin},
		{"authentication service down", no(imap.ResponseCodeUnavailable, "Temporary authentication failure."), mailerr.ErrTryLater},
		{"words that say password, code that says try later", no(imap.ResponseCodeUnavailable, "wrong password"), mailerr.ErrTryLater},
		{"NO without a code", no("", "Login failed."), mailerr.ErrAuthFailed},
		{"NO with ALERT", no(imap.ResponseCodeAlert, "Login failed."), mailerr.ErrAuthFailed},
	}
	for _, tt := range tests {
		got := loginError("127.0.0.1:993", tt.err)
		if !errors.Is(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
		var imapErr *imap.Error
		errors.As(tt.err, &imapErr)
		if !strings.Contains(got.Error(), imapErr.Text) {
			t.Errorf("%s: %q lacks the server's words", tt.name, got)
		}
		// go-imap's error stays reachable beside the kind.
		var reached *imap.Error
		if !errors.As(got, &reached) || reached != imapErr {
			t.Errorf("%s: errors.As reaches %v, want go-imap's %v", tt.name, reached, imapErr)
		}
	}
	bad := &imap.Error{Type: imap.StatusResponseTypeBad, Text: "Error in IMAP command LOGIN"}
	if got := loginError("127.0.0.1:993", bad); mailerr.Is(got) || !strings.Contains(got.Error(), bad.Text) {
		t.Errorf("BAD: %v, want it unclassified with the server's words", got)
	}
}

// After login, a refusal with a code that names what to do is classified.
func TestCommandErrorByResponseCode(t *testing.T) {
	over := &imap.Error{Type: imap.StatusResponseTypeNo, Code: imap.ResponseCodeOverQuota, Text: "Quota exceeded (mailbox for user is full)"}
	var reached *imap.Error
	if got := classify("127.0.0.1:993", over); !errors.Is(got, mailerr.ErrOverQuota) || !errors.As(got, &reached) || reached.Code != imap.ResponseCodeOverQuota {
		t.Errorf("classify(%v) = %v; want the kind and go-imap's error both reachable", over, got)
	}
	if got := classify("127.0.0.1:993", over); !errors.Is(got, mailerr.ErrOverQuota) || !strings.Contains(got.Error(), "Quota exceeded") {
		t.Errorf("OVERQUOTA: %v", got)
	}
	other := &imap.Error{Type: imap.StatusResponseTypeNo, Code: imap.ResponseCodeNoPerm, Text: "Permission denied"}
	if got := classify("127.0.0.1:993", other); !errors.As(got, new(*imap.Error)) {
		t.Errorf("NOPERM: %v, want the IMAP error unchanged", got)
	}
}

// A server that answers STARTTLS with BAD cannot upgrade the connection
// (RFC 9051 §6.2.1), whatever its words.
func TestSTARTTLSRefusedByServer(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		conn.Write([]byte("* OK [CAPABILITY IMAP4rev1] ready\r\n"))
		line, _ := bufio.NewReader(conn).ReadString('\n')
		tag, _, _ := strings.Cut(line, " ")
		conn.Write([]byte(tag + " BAD Unknown command\r\n"))
	}()
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	p, _ := strconv.Atoi(port)
	srv := Server{Host: host, Port: p, Security: storage.SecuritySTARTTLS, Username: "u", Password: "p", Timeout: 5 * time.Second}
	if _, err := Check(context.Background(), srv); !errors.Is(err, mailerr.ErrSTARTTLSNotOffered) {
		t.Errorf("error %v, want ErrSTARTTLSNotOffered", err)
	}
}
