package smtpsend

import (
	"bufio"
	"context"
	"errors"
	"net"
	"strconv"
	"strings"
	"testing"

	"postbridge/mail/mailerr"
	"postbridge/storage"
)

// fakeOAuthServer speaks just enough SMTP to say that it accepts only
// XOAUTH2, as Gmail and Microsoft 365 do for accounts without app
// passwords. Postfix cannot be made to do this, so the test plays the server.
func fakeOAuthServer(t *testing.T) (string, int) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		r := bufio.NewReader(c)
		c.Write([]byte("220 fake ESMTP\r\n"))
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			switch cmd := strings.ToUpper(strings.Fields(line + " x")[0]); cmd {
			case "EHLO":
				c.Write([]byte("250-fake\r\n250-AUTH XOAUTH2 OAUTHBEARER\r\n250 8BITMIME\r\n"))
			case "QUIT":
				c.Write([]byte("221 bye\r\n"))
				return
			default:
				c.Write([]byte("502 not here\r\n"))
			}
		}
	}()
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	p, _ := strconv.Atoi(port)
	return host, p
}

func TestServerThatWantsOAuth(t *testing.T) {
	host, port := fakeOAuthServer(t)
	srv := Server{Host: host, Port: port, Security: storage.SecurityNone, Auth: true,
		Username: "alice", Password: "app-password-1"}
	res, err := Check(context.Background(), srv)
	if !errors.Is(err, mailerr.ErrOAuthRequired) {
		t.Fatalf("error %v, want ErrOAuthRequired\n%s", err, res.Transcript)
	}
	if strings.Contains(res.Transcript+err.Error(), "app-password-1") {
		t.Error("password visible")
	}
}
