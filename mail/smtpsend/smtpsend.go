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

	"postbridge/domain"
	"postbridge/mail/tlsverify"
)

// DefaultTimeout is used when a Server sets none. go-mail applies it
// (WithTimeout) to the dial and as the deadline of the whole session, set
// again before each message, so a server that stops answering ends the
// send with mailerr.ErrTimeout (issue 21).
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
	res, err := withLogin(ctx, s, func(c *gomail.Client) error { return c.DialAndSendWithContext(ctx, msg) })
	res.Message = raw.Bytes()
	return res, err
}

// newClient maps Postbridge's security modes onto go-mail's options;
// auth, when set, logs in with an OAuth2 token instead of the password.
func newClient(s Server, tr *transcript, auth *bearerAuth) (*gomail.Client, error) {
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	opts := []gomail.Option{
		gomail.WithPort(s.Port),
		gomail.WithTimeout(timeout),
		gomail.WithTLSConfig(tlsverify.Config(tlsverify.Options{Host: s.Host, Pinned: s.Pinned, Roots: s.Roots})),
		gomail.WithDebugLog(),
		gomail.WithLogger(tr),
	}
	switch s.Security {
	case domain.SecurityTLS:
		opts = append(opts, gomail.WithSSL())
	case domain.SecuritySTARTTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case domain.SecuritySTARTTLSOptional:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	case domain.SecurityNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		return nil, fmt.Errorf("unknown security %q", s.Security)
	}
	if auth != nil {
		opts = append(opts, gomail.WithSMTPAuthCustom(auth))
	} else if s.Auth {
		// Auto-discovery picks the strongest mechanism the server offers
		// (SCRAM, CRAM-MD5, then PLAIN/LOGIN), and refuses PLAIN/LOGIN on an
		// unencrypted connection.
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(s.Username), gomail.WithPassword(s.Password))
	}
	c, err := gomail.NewClient(s.Host, opts...)
	if err != nil {
		return nil, fmt.Errorf("smtp client for %s: %w", s.Addr(), err)
	}
	return c, nil
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
	return withLogin(ctx, s, func(c *gomail.Client) error {
		if err := c.DialWithContext(ctx); err != nil {
			return err
		}
		return c.Close()
	})
}
