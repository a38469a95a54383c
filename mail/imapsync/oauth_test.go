package imapsync

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

// A server that disables LOGIN and offers only OAuth (RFC 9051 §6.2.3
// LOGINDISABLED) is explained as wanting OAuth. Dovecot cannot be set up
// like that without an OAuth provider, so the test plays the server.
func TestServerThatWantsOAuth(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		c.Write([]byte("* OK [CAPABILITY IMAP4rev1 LOGINDISABLED AUTH=XOAUTH2 AUTH=OAUTHBEARER] fake ready\r\n"))
		r := bufio.NewReader(c)
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			tag := strings.Fields(line)[0]
			c.Write([]byte("* BYE\r\n" + tag + " OK bye\r\n"))
		}
	}()
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	p, _ := strconv.Atoi(port)
	_, err = Check(context.Background(), Server{Host: host, Port: p, Security: storage.SecurityNone,
		Username: "alice", Password: "secret-app-pw"})
	if !errors.Is(err, mailerr.ErrOAuthRequired) {
		t.Fatalf("error %v, want ErrOAuthRequired", err)
	}
}
