package smtpsend

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/textproto"
	"strconv"
	"strings"
	"testing"
	"time"

	gomail "github.com/wneessen/go-mail"

	"postbridge/mail/mailerr"
	"postbridge/storage"
)

// scripted is an SMTP server that answers each command with the reply
// given for its verb (AUTH, MAIL, RCPT, DATA, and "." for the end of the
// data) and 250 otherwise: replies Postfix in the test stack cannot be
// made to give.
type scripted struct {
	ehlo    []string
	replies map[string]string
}

func (sc scripted) start(t *testing.T) Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go sc.serve(conn)
		}
	}()
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	p, _ := strconv.Atoi(port)
	return Server{Host: host, Port: p, Security: storage.SecurityNone, Username: "u", Password: "p", Timeout: 5 * time.Second}
}

func (sc scripted) serve(conn net.Conn) {
	defer conn.Close()
	r := bufio.NewReader(conn)
	say := func(line string) { conn.Write([]byte(line + "\r\n")) }
	say("220 fake ESMTP")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		verb := strings.ToUpper(strings.Fields(line + " x")[0])
		switch verb {
		case "EHLO":
			say("250-fake")
			for _, kw := range sc.ehlo {
				say("250-" + kw)
			}
			say("250 HELP")
		case "QUIT":
			say("221 2.0.0 Bye")
			return
		case "AUTH":
			say("334 PDEyMzQ1QGZha2U+") // CRAM-MD5 challenge (RFC 2195)
			r.ReadString('\n')
			say(sc.reply("AUTH", "235 2.7.0 Authentication successful"))
		case "DATA":
			reply := sc.reply("DATA", "354 End data with <CR><LF>.<CR><LF>")
			say(reply)
			if strings.HasPrefix(reply, "354") {
				sc.readData(r)
				if sc.reply(".", "") == hang {
					io.Copy(io.Discard, r)
					return
				}
				say(sc.reply(".", "250 2.0.0 queued"))
			}
		default:
			if sc.reply(verb, "") == hang {
				io.Copy(io.Discard, r)
				return
			}
			say(sc.reply(verb, "250 2.0.0 Ok"))
		}
	}
}

func (sc scripted) reply(verb, ok string) string {
	if r, found := sc.replies[verb]; found {
		return r
	}
	return ok
}

func (sc scripted) readData(r *bufio.Reader) {
	for {
		line, err := r.ReadString('\n')
		if err != nil || line == ".\r\n" {
			return
		}
	}
}

// Replies are classified by their codes, whatever their words say.
func TestRepliesAreClassifiedByCode(t *testing.T) {
	esc := []string{"ENHANCEDSTATUSCODES"}
	login := []string{"ENHANCEDSTATUSCODES", "AUTH CRAM-MD5"}
	tests := []struct {
		name    string
		server  scripted
		auth    bool
		want    error
		context string // the server's words that must still be shown
	}{
		{"unknown user", scripted{esc, map[string]string{"RCPT": "550 5.1.1 <x@acme.test>: Recipient address rejected: User unknown"}},
			false, mailerr.ErrRecipientRejected, "User unknown"},
		{"unknown user in words that say relay", scripted{esc, map[string]string{"RCPT": "550 5.1.1 no relay mailbox by that name"}},
			false, mailerr.ErrRecipientRejected, "relay"},
		{"relay refused in other words", scripted{esc, map[string]string{"RCPT": "554 5.7.1 <x@example.com>: Access denied"}},
			false, mailerr.ErrRelayDenied, "Access denied"},
		{"unknown user without enhanced codes", scripted{nil, map[string]string{"RCPT": "550 no such user"}},
			false, mailerr.ErrRecipientRejected, "no such user"},
		{"greylisted", scripted{esc, map[string]string{"RCPT": "450 4.2.0 Greylisted, try again in 5 minutes"}},
			false, mailerr.ErrTryLater, "Greylisted"},
		{"recipient's mailbox full", scripted{esc, map[string]string{"RCPT": "552 5.2.2 Mailbox full"}},
			false, mailerr.ErrOverQuota, "Mailbox full"},
		{"shutting down", scripted{esc, map[string]string{"MAIL": "421 4.3.2 Service shutting down"}},
			false, mailerr.ErrTryLater, "shutting down"},
		{"authentication required", scripted{esc, map[string]string{"MAIL": "530 5.7.0 Authentication required"}},
			false, mailerr.ErrAuthRequired, "Authentication required"},
		{"content refused", scripted{esc, map[string]string{".": "554 5.7.1 Message rejected as spam"}},
			false, mailerr.ErrMessageRejected, "spam"},
		{"bad password", scripted{login, map[string]string{"AUTH": "535 5.7.8 Authentication credentials invalid"}},
			true, mailerr.ErrAuthFailed, "credentials invalid"},
		{"app password needed", scripted{login, map[string]string{"AUTH": "534 5.7.9 Application-specific password required"}},
			true, mailerr.ErrAuthTooWeak, "Application-specific"},
		{"encryption required for the mechanism", scripted{login, map[string]string{"AUTH": "538 5.7.11 Encryption required for requested authentication mechanism"}},
			true, mailerr.ErrEncryptionRequired, "Encryption required"},
		{"temporary authentication failure", scripted{login, map[string]string{"AUTH": "454 4.7.0 Temporary authentication failure"}},
			true, mailerr.ErrTryLater, "Temporary"},
		{"only OAuth2 offered", scripted{[]string{"AUTH XOAUTH2 OAUTHBEARER"}, nil},
			true, mailerr.ErrOAuthRequired, ""},
		{"no AUTH at all", scripted{esc, nil},
			true, mailerr.ErrAuthNotOffered, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := tt.server.start(t)
			srv.Auth = tt.auth
			res, err := Send(context.Background(), srv, testMail("office@acme.test", "x@acme.test"))
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v\n%s", err, tt.want, res.Transcript)
			}
			if !strings.Contains(err.Error(), tt.context) {
				t.Errorf("error %q lacks the server's words %q", err, tt.context)
			}
			// The library's error stays reachable beside the kind: go-mail's
			// *SendError for MAIL, RCPT and DATA, the bare reply for AUTH.
			var send *gomail.SendError
			var reply *textproto.Error
			if tt.context != "" && !errors.As(err, &send) && !errors.As(err, &reply) {
				t.Errorf("error %v: neither go-mail's *SendError nor the reply is reachable by errors.As", err)
			}
		})
	}
}
