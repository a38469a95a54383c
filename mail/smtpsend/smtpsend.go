// Package smtpsend sends mail through an SMTP server with go-mail and
// keeps the conversation as a redacted transcript for the Detail view
// (manual 002). go-mail's types stay inside this package.
package smtpsend

import (
	"bytes"
	"context"
	"crypto/x509"
	"fmt"
	"net"
	"strconv"
	"time"

	gomail "github.com/wneessen/go-mail"

	"postbridge/mail/tlsverify"
	"postbridge/storage"
)

// DefaultTimeout is used when a Server sets none.
const DefaultTimeout = 30 * time.Second

// Server is an SMTP server with the credentials to use on it.
type Server struct {
	Host     string
	Port     int
	Security storage.Security
	// Pinned is an admin-pinned certificate fingerprint (SHA-256).
	Pinned string
	// Roots replaces the system roots; tests trust their private CA this way.
	Roots    *x509.CertPool
	Auth     bool
	Username string
	Password string
	Timeout  time.Duration
}

// Addr is host:port.
func (s Server) Addr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

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
}

// Send delivers m through s. A failure is classified (see mailerr) and
// carries the server's own words; the transcript is returned either way.
func Send(ctx context.Context, s Server, m Mail) (Result, error) {
	tr := newTranscript(s.Username, s.Password)
	msg, err := buildMessage(m)
	if err != nil {
		return Result{}, err
	}
	var raw bytes.Buffer
	if _, err := msg.WriteTo(&raw); err != nil {
		return Result{}, fmt.Errorf("compose message: %w", err)
	}
	client, err := newClient(s, tr)
	if err != nil {
		return Result{}, err
	}
	err = client.DialAndSendWithContext(ctx, msg)
	res := Result{Transcript: tr.String(), Message: raw.Bytes()}
	if err != nil {
		return res, classify(s, tr, err)
	}
	return res, nil
}

// newClient maps Postbridge's security modes onto go-mail's options.
func newClient(s Server, tr *transcript) (*gomail.Client, error) {
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
	case storage.SecurityTLS:
		opts = append(opts, gomail.WithSSL())
	case storage.SecuritySTARTTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case storage.SecuritySTARTTLSOptional:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	case storage.SecurityNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		return nil, fmt.Errorf("unknown security %q", s.Security)
	}
	if s.Auth {
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
	tr := newTranscript(s.Username, s.Password)
	client, err := newClient(s, tr)
	if err != nil {
		return Result{}, err
	}
	err = client.DialWithContext(ctx)
	if err == nil {
		err = client.Close()
	}
	res := Result{Transcript: tr.String()}
	if err != nil {
		return res, classify(s, tr, err)
	}
	return res, nil
}
