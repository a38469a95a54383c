package smtpsend

import (
	"context"
	"errors"
	"io"
	"net"
	"strconv"
	"testing"
	"time"

	"postbridge/mail/mailerr"
	"postbridge/storage"
)

// hang, as a scripted reply, is no reply at all: the server reads on and
// never answers.
const hang = "(hang)"

// silentServer accepts connections and never says a word.
func silentServer(t *testing.T) Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() { defer c.Close(); io.Copy(io.Discard, c) }()
		}
	}()
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	p, _ := strconv.Atoi(port)
	return Server{Host: host, Port: p, Security: storage.SecurityNone}
}

// The server's Timeout bounds the dial and the whole session (set again
// before the message), so a hung SMTP server ends a send by itself.
func TestHungServerEndsTheSend(t *testing.T) {
	tests := []struct {
		name string
		srv  func() Server
	}{
		{"no greeting", func() Server { return silentServer(t) }},
		{"no answer to RCPT", func() Server { return scripted{nil, map[string]string{"RCPT": hang}}.start(t) }},
		{"no answer after the data", func() Server { return scripted{nil, map[string]string{".": hang}}.start(t) }},
	}
	const timeout = time.Second
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := tt.srv()
			srv.Timeout = timeout
			start := time.Now()
			_, err := Send(context.Background(), srv, Mail{From: "a@acme.test", To: []string{"b@acme.test"}, Subject: "s", Text: "t"})
			if took := time.Since(start); took > 3*timeout {
				t.Errorf("took %s, want at most %s", took, 3*timeout)
			}
			if !errors.Is(err, mailerr.ErrTimeout) {
				t.Errorf("error %v, want %v", err, mailerr.ErrTimeout)
			}
		})
	}
}
