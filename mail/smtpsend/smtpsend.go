// Package smtpsend sends mail through an SMTP server with go-mail and
// keeps the conversation as a redacted transcript for the Detail view
// (manual 002). go-mail's types stay inside this package.
package smtpsend

import (
	"bytes"
	"context"
	"fmt"
	"time"

	gomail "github.com/wneessen/go-mail"
	"github.com/wneessen/go-mail/smtp"

	"postbridge/domain"
)

// DefaultTimeout is used when a Server sets none. It bounds the dial and
// is the deadline of the whole session, set again before each message, so
// a server that stops answering ends the send with mailerr.ErrTimeout.
const DefaultTimeout = 60 * time.Second

// Server is an SMTP server with the credentials to use on it.
type Server = domain.Server

// Attachment is a file sent with a message.
type Attachment struct {
	Name        string
	ContentType string
	Data        []byte
}

// Mail is a message to send.
type Mail struct {
	From, FromName string
	To, Cc, Bcc    []string
	Subject        string
	Text, HTML     string
	Attachments    []Attachment
}

// Result is what a send produced, also when it failed.
type Result struct {
	// Transcript is the SMTP conversation with passwords and AUTH payloads
	// replaced by "<redacted>".
	Transcript string
	// Message is the message as sent (RFC 5322), to append to the sent folder.
	Message []byte
	// Mechanism is the SASL mechanism of an OAuth2 login (XOAUTH2 or
	// OAUTHBEARER); empty for a password or no login.
	Mechanism string
}

// Send delivers m through s. A failure is classified (see mailerr) and
// carries the server's own words; the transcript is returned either way.
func Send(ctx context.Context, s Server, m Mail) (Result, error) {
	msg, err := buildMessage(m)
	if err != nil {
		return Result{}, err
	}
	var raw bytes.Buffer
	if _, err := msg.WriteTo(&raw); err != nil {
		return Result{}, fmt.Errorf("compose message: %w", err)
	}
	res, err := withLogin(ctx, s, sendOn(s, msg))
	res.Message = raw.Bytes()
	return res, err
}

// sendOn sends msg on a session dial opened. go-mail's Client only
// writes the message here (MAIL, RCPT, DATA, with a refusal as its
// *SendError); its timeout is the session's deadline again before the
// message (RFC 5321 §4.5.3.2 allows minutes for the data).
func sendOn(s Server, msg *gomail.Msg) func(*smtp.Client) error {
	return func(c *smtp.Client) error {
		g, err := gomail.NewClient(s.Host, gomail.WithPort(s.Port), gomail.WithTimeout(timeoutOf(s)))
		if err != nil {
			return fmt.Errorf("smtp client for %s: %w", s.Addr(), err)
		}
		return g.SendWithSMTPClient(c, msg)
	}
}

func buildMessage(m Mail) (*gomail.Msg, error) {
	msg := gomail.NewMsg()
	var err error
	if m.FromName != "" {
		err = msg.FromFormat(m.FromName, m.From)
	} else {
		err = msg.From(m.From)
	}
	if err != nil {
		return nil, fmt.Errorf("from address %q: %w", m.From, err)
	}
	if err := msg.To(m.To...); err != nil {
		return nil, fmt.Errorf("to address: %w", err)
	}
	if len(m.Cc) > 0 {
		if err := msg.Cc(m.Cc...); err != nil {
			return nil, fmt.Errorf("cc address: %w", err)
		}
	}
	if len(m.Bcc) > 0 {
		if err := msg.Bcc(m.Bcc...); err != nil {
			return nil, fmt.Errorf("bcc address: %w", err)
		}
	}
	msg.Subject(m.Subject)
	msg.SetMessageID()
	msg.SetDate()
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	for _, a := range m.Attachments {
		opts := []gomail.FileOption{}
		if a.ContentType != "" {
			opts = append(opts, gomail.WithFileContentType(gomail.ContentType(a.ContentType)))
		}
		if err := msg.AttachReader(a.Name, bytes.NewReader(a.Data), opts...); err != nil {
			return nil, fmt.Errorf("attach %q: %w", a.Name, err)
		}
	}
	return msg, nil
}

// Check connects, secures the connection, authenticates and says goodbye
// without sending: the Check SMTP button (manual 000).
func Check(ctx context.Context, s Server) (Result, error) {
	return withLogin(ctx, s, func(*smtp.Client) error { return nil })
}
