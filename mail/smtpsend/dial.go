package smtpsend

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/wneessen/go-mail/smtp"

	"postbridge/domain"
	"postbridge/mail/tlsverify"
)

// offer is what the server announced in EHLO (RFC 5321 §4.1.1.1), read
// from go-mail's smtp client as the session went, so that a failure is
// explained by what the server offered and never by its words or by the
// debug log. It is filled as far as the session got.
type offer struct {
	// startTLS: the first EHLO listed STARTTLS (RFC 3207 §4); the EHLO
	// after the upgrade no longer does.
	startTLS bool
	// auth: the last EHLO listed AUTH, with mechs its SASL mechanisms
	// (RFC 4954 §3).
	auth  bool
	mechs []string
	// encrypted: implicit TLS or a completed STARTTLS.
	encrypted bool
}

var (
	errSTARTTLSMissing = errors.New("the server does not offer STARTTLS")
	errAUTHMissing     = errors.New("the server does not offer AUTH")
	errNoMechanism     = errors.New("no usable login mechanism")
)

// timeoutOf is the server's timeout, or DefaultTimeout.
func timeoutOf(s Server) time.Duration {
	if s.Timeout > 0 {
		return s.Timeout
	}
	return DefaultTimeout
}

// dial connects to s, says EHLO, secures the connection as s.Security
// asks and logs in: with auth when set (an OAuth2 token), else with the
// password when s.Auth. The timeout bounds the dial and is the deadline of
// the whole session until a send extends it. The client is returned only
// when every step succeeded; the offer always.
func dial(ctx context.Context, s Server, tr *transcript, auth smtp.Auth) (*smtp.Client, offer, error) {
	o := offer{encrypted: s.Security == domain.SecurityTLS}
	switch s.Security {
	case domain.SecurityTLS, domain.SecuritySTARTTLS, domain.SecuritySTARTTLSOptional, domain.SecurityNone:
	default:
		return nil, o, fmt.Errorf("unknown security %q", s.Security)
	}
	c, err := connect(ctx, s, timeoutOf(s))
	if err != nil {
		return nil, o, err
	}
	c.SetLogger(tr)
	c.SetDebugLog(true)
	if err = hello(c); err == nil {
		o.startTLS, _ = c.Extension("STARTTLS")
		err = secure(c, s, &o)
	}
	if err == nil {
		o.auth, o.mechs = authOffered(c)
		err = login(c, s, o, auth)
	}
	if err != nil {
		_ = c.Close()
		return nil, o, err
	}
	return c, o, nil
}

// connect dials s (over TLS for implicit TLS, RFC 8314 §3.3) and reads
// the greeting.
func connect(ctx context.Context, s Server, timeout time.Duration) (*smtp.Client, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var d net.Dialer
	var conn net.Conn
	var err error
	if s.Security == domain.SecurityTLS {
		td := tls.Dialer{NetDialer: &d, Config: tlsConfig(s)}
		conn, err = td.DialContext(ctx, "tcp", s.Addr())
	} else {
		conn, err = d.DialContext(ctx, "tcp", s.Addr())
	}
	if err != nil {
		return nil, err
	}
	if err := conn.SetDeadline(time.Now().Add(timeout)); err != nil {
		conn.Close()
		return nil, err
	}
	c, err := smtp.NewClient(conn, s.Host)
	if err != nil {
		return nil, err // NewClient closed the connection
	}
	return c, nil
}

func tlsConfig(s Server) *tls.Config {
	return tlsverify.Config(tlsverify.Options{Host: s.Host, Pinned: s.Pinned, Roots: s.Roots})
}

// hello greets with this computer's name, as go-mail's Client does.
func hello(c *smtp.Client) error {
	name, err := os.Hostname()
	if err != nil || name == "" {
		name = "localhost"
	}
	return c.Hello(name)
}

// secure upgrades with STARTTLS (RFC 3207) when s.Security asks for it:
// always for STARTTLS, when offered for STARTTLS-if-available.
func secure(c *smtp.Client, s Server, o *offer) error {
	switch s.Security {
	case domain.SecuritySTARTTLS:
		if !o.startTLS {
			return errSTARTTLSMissing
		}
	case domain.SecuritySTARTTLSOptional:
		if !o.startTLS {
			return nil
		}
	default:
		return nil
	}
	if err := c.StartTLS(tlsConfig(s)); err != nil {
		return err
	}
	o.encrypted = true
	return nil
}

// authOffered reads the AUTH keyword of the last EHLO.
func authOffered(c *smtp.Client) (bool, []string) {
	ok, params := c.Extension("AUTH")
	if !ok {
		return false, nil
	}
	return true, strings.Fields(params)
}

// login authenticates with auth, or with the password when s.Auth. An
// OAuth2 login is tried whatever AUTH listed: bearerAuth tells which
// mechanism it missed.
func login(c *smtp.Client, s Server, o offer, auth smtp.Auth) error {
	if auth == nil && !s.Auth {
		return nil
	}
	if auth == nil {
		if !o.auth {
			return errAUTHMissing
		}
		var err error
		if auth, err = passwordAuth(c, s, o); err != nil {
			return err
		}
	}
	if err := c.Auth(auth); err != nil {
		return fmt.Errorf("smtp auth: %w", err)
	}
	return nil
}

// passwordAuth picks the strongest mechanism the server offers, in
// go-mail's order of auto-discovery: SCRAM (RFC 7677, with channel binding
// only over TLS, RFC 5802 §6), NTLM, CRAM-MD5 (RFC 2195), and PLAIN
// (RFC 4616) or LOGIN only on an encrypted connection (RFC 4954 §4).
func passwordAuth(c *smtp.Client, s Server, o offer) (smtp.Auth, error) {
	prefer := []string{"SCRAM-SHA-256-PLUS", "SCRAM-SHA-256", "SCRAM-SHA-1-PLUS", "SCRAM-SHA-1",
		"NTLM", "CRAM-MD5", "PLAIN", "LOGIN"}
	if !o.encrypted {
		prefer = []string{"SCRAM-SHA-256", "SCRAM-SHA-1", "NTLM", "CRAM-MD5"}
	}
	i := slices.IndexFunc(prefer, func(m string) bool { return has(o.mechs, m) })
	if i < 0 {
		return nil, errNoMechanism
	}
	user, pass := s.Username, s.Password
	switch prefer[i] {
	case "SCRAM-SHA-256-PLUS", "SCRAM-SHA-1-PLUS":
		state, err := c.GetTLSConnectionState()
		if err != nil {
			return nil, err
		}
		if prefer[i] == "SCRAM-SHA-1-PLUS" {
			return smtp.ScramSHA1PlusAuth(user, pass, state), nil
		}
		return smtp.ScramSHA256PlusAuth(user, pass, state), nil
	case "SCRAM-SHA-256":
		return smtp.ScramSHA256Auth(user, pass), nil
	case "SCRAM-SHA-1":
		return smtp.ScramSHA1Auth(user, pass), nil
	case "NTLM":
		return smtp.NTLMAuth(user, pass, ""), nil
	case "CRAM-MD5":
		return smtp.CRAMMD5Auth(user, pass), nil
	case "PLAIN":
		return smtp.PlainAuth("", user, pass, s.Host, false), nil
	}
	return smtp.LoginAuth(user, pass, s.Host, false), nil
}
