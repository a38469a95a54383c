package domain

import (
	"context"
	"crypto/x509"
	"net"
	"strconv"
	"time"
)

// Server is a mail server as a connection sees it: where, how secured, and
// how to log in, with the secret already read from the keyring. IMAP and
// SMTP share it.
type Server struct {
	Host     string
	Port     int
	Security Security
	// Pinned is an admin-pinned SHA-256 certificate fingerprint.
	Pinned string
	// Roots replaces the system roots; tests trust their private CA this way.
	Roots *x509.CertPool
	// Auth says whether to log in at all (SMTP may send without).
	Auth     bool
	Username string
	Password string
	// Token, when set, logs in with OAuth2 (SASL XOAUTH2 or OAUTHBEARER,
	// RFC 7628) instead of Password.
	Token TokenSource
	// Mechanism forces one SASL mechanism ("XOAUTH2", "OAUTHBEARER"); empty
	// lets the client choose from what the server offers.
	Mechanism string
	Timeout   time.Duration
}

// Addr is host:port.
func (s Server) Addr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

// TokenSource hands out OAuth2 access tokens for one login. Tokens are
// reused while valid; Refused tells the source that a server turned token
// down or cut a session for it, so that the next AccessToken renews it
// (once per token, never on every connection: providers flag refresh
// tokens that are used too often).
type TokenSource interface {
	AccessToken(ctx context.Context) (string, error)
	Refused(token string)
	// Expired reports whether the token handed out last has expired or
	// was refused: a session cut then was cut for its token.
	Expired() bool
}
