// Package imapsync talks IMAP (RFC 9051, RFC 3501) through go-imap v2:
// the Check IMAP button, folder lists and the magnifier's folder creation,
// and the synchronisation engine. go-imap's types stay inside this package.
package imapsync

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"postbridge/domain"
	"postbridge/mail/mailerr"
	"postbridge/mail/tlsverify"
)

// DefaultTimeout bounds connecting, and each command's silence (deadline.go),
// when a Server sets none.
const DefaultTimeout = 60 * time.Second

// Server is an IMAP server with the account to log in with.
type Server = domain.Server

// timeoutOf is s.Timeout or DefaultTimeout.
func timeoutOf(s Server) time.Duration {
	if s.Timeout > 0 {
		return s.Timeout
	}
	return DefaultTimeout
}

// Conn is a logged-in IMAP connection.
type Conn struct {
	c *imapclient.Client
	g *guard // deadlines and bounds (deadline.go)
	// announced is the RFC822.SIZE of the selected folder's messages,
	// from the FETCH that plans its batches (batch.go): a body larger
	// than announced is refused (bounds.go).
	announced map[imap.UID]int64
	srv       Server
	stop      func() bool // detaches the context watcher
	tls       bool
	mech      string // how it logged in: LOGIN, XOAUTH2 or OAUTHBEARER
}

// Dial connects, secures the connection as s.Security says, and logs in.
// Cancelling ctx closes the connection, which ends any command in flight.
func Dial(ctx context.Context, s Server) (*Conn, error) { return dial(ctx, s, nil) }

// dial is Dial with a handler for what the server says unasked (IDLE).
func dial(ctx context.Context, s Server, h *imapclient.UnilateralDataHandler) (*Conn, error) {
	c, g, secured, err := connect(ctx, s, h)
	if err != nil {
		return nil, mailerr.Network(s.Addr(), err)
	}
	conn := &Conn{c: c, g: g, srv: s, tls: secured}
	conn.stop = context.AfterFunc(ctx, func() { c.Close() })
	if err := conn.login(ctx); err != nil {
		conn.Close()
		if ctx.Err() != nil {
			return nil, mailerr.Network(s.Addr(), ctx.Err())
		}
		return nil, err
	}
	return conn, nil
}

// connect dials the TCP connection itself, secures it as s.Security says
// and hands it to go-imap through a guard (deadline.go), which bounds
// every command's silence by the account's timeout and what the server
// may send. TLS sits beneath the guard, so that it reads IMAP.
func connect(ctx context.Context, s Server, h *imapclient.UnilateralDataHandler) (*imapclient.Client, *guard, bool, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, false, err
	}
	conf := tlsverify.Config(tlsverify.Options{Host: s.Host, Pinned: s.Pinned, Roots: s.Roots})
	opts := &imapclient.Options{UnilateralDataHandler: h}
	raw, err := (&net.Dialer{Timeout: timeoutOf(s)}).DialContext(ctx, "tcp", s.Addr())
	if err != nil {
		return nil, nil, false, err
	}
	secured, greeting, err := secure(ctx, raw, s, conf)
	if err != nil {
		raw.Close()
		return nil, nil, false, err
	}
	g := newGuard(secured, timeoutOf(s), greeting)
	return imapclient.New(g, opts), g, s.Security != domain.SecurityNone, nil
}

// secure puts TLS on raw as s.Security says; greeting, when not nil, is
// the greeting go-imap is to read first (STARTTLS took the real one).
func secure(ctx context.Context, raw net.Conn, s Server, conf *tls.Config) (net.Conn, []byte, error) {
	switch s.Security {
	case domain.SecurityTLS:
		conf.NextProtos = []string{"imap"}
		tc := tls.Client(raw, conf)
		hctx, cancel := context.WithTimeout(ctx, timeoutOf(s))
		defer cancel()
		if err := tc.HandshakeContext(hctx); err != nil {
			return nil, nil, err
		}
		return tc, nil, nil
	case domain.SecuritySTARTTLS, domain.SecuritySTARTTLSOptional:
		tc, err := startTLS(ctx, raw, s, conf)
		if err != nil {
			return nil, nil, err
		}
		return tc, tlsGreeting, nil
	case domain.SecurityNone:
		return raw, nil, nil
	}
	return nil, nil, fmt.Errorf("unknown security %q", s.Security)
}

// login authenticates: with an OAuth2 token when the login has one,
// otherwise with LOGIN. A server that disables LOGIN (RFC 9051 §6.2.3
// LOGINDISABLED) and offers only OAuth mechanisms is reported as wanting
// OAuth, so the admin knows to choose OAuth2 for this login.
func (c *Conn) login(ctx context.Context) error {
	if err := c.c.WaitGreeting(); err != nil {
		return c.classify(err)
	}
	if c.srv.Token != nil {
		return c.loginBearer(ctx)
	}
	caps := c.c.Caps()
	if caps.Has(imap.CapLoginDisabled) {
		if caps.Has("AUTH=XOAUTH2") || caps.Has("AUTH=OAUTHBEARER") {
			return fmt.Errorf("%s: %w", c.srv.Addr(), mailerr.ErrOAuthRequired)
		}
		return fmt.Errorf("%s: %w: the server disables LOGIN on this connection", c.srv.Addr(), mailerr.ErrAuthNotOffered)
	}
	if err := c.c.Login(c.srv.Username, c.srv.Password).Wait(); err != nil {
		if c.g.failed() != nil {
			return c.classify(err)
		}
		return loginError(c.srv.Addr(), err)
	}
	c.mech = "LOGIN"
	return nil
}

// loginError classifies a failed LOGIN by its response code (RFC 5530).
// A NO without a code the kinds know is the login failure RFC 9051
// §6.2.3 defines for LOGIN ("user name or password rejected"); a BAD is
// a protocol error and keeps its own words.
func loginError(addr string, err error) error {
	var imapErr *imap.Error
	if !errors.As(err, &imapErr) {
		return mailerr.Network(addr, err)
	}
	// The kind and go-imap's *imap.Error (its code and text) both stay
	// reachable by errors.Is and errors.As.
	if kind := mailerr.IMAPCode(string(imapErr.Code)); kind != nil {
		return fmt.Errorf("%s: %w: %w", addr, kind, err)
	}
	if imapErr.Type == imap.StatusResponseTypeNo {
		return fmt.Errorf("%s: %w: %w", addr, mailerr.ErrAuthFailed, err)
	}
	return fmt.Errorf("%s: login: %w", addr, err)
}

// Mechanism says how the connection logged in: LOGIN, XOAUTH2 or OAUTHBEARER.
func (c *Conn) Mechanism() string { return c.mech }

// Close logs out and closes the connection.
func (c *Conn) Close() error {
	c.stop()
	if c.c.State() != imap.ConnStateLogout {
		c.c.Logout().Wait()
	}
	return c.c.Close()
}

// abort closes a connection that is broken or stalled, without the
// LOGOUT that Close sends first: nothing more is said on it.
func (c *Conn) abort() {
	c.stop()
	c.c.Close()
}

// Capabilities lists what the server announced, sorted.
func (c *Conn) Capabilities() []string {
	var list []string
	for cap := range c.c.Caps() {
		list = append(list, string(cap))
	}
	sortStrings(list)
	return list
}

// Encrypted reports whether the connection runs over TLS.
func (c *Conn) Encrypted() bool { return c.tls }
