// Package actions carries out what an admin or a user starts from a
// button or a command: check a server, send a test e-mail, look at and
// create folders, validate a sending domain. It reads settings from
// storage and passwords from the keyring, and leaves the protocol work to
// smtpsend and imapsync, so the window and the command line share one
// implementation.
package actions

import (
	"crypto/x509"
	"errors"
	"fmt"
	"time"

	"postbridge/mail/imapsync"
	"postbridge/storage"
)

// Secrets is the keyring as actions read it.
type Secrets interface {
	Get(key string) (string, error)
}

// Actions works on one database and keyring.
type Actions struct {
	Store   *storage.Store
	Secrets Secrets
	// Roots replaces the system certificate roots; nil in the application.
	Roots *x509.CertPool
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Translate gives the text of a key in the reader's language (the
	// window installs it); nil means English. It words the mails
	// Postbridge writes itself, such as the domain validation code.
	Translate func(key, english string, data map[string]string) string
}

// ErrNoImapAccount is returned for a user without an IMAP account.
var ErrNoImapAccount = errors.New("the user has no IMAP account")

// ErrNoSecretKey is returned when a login has a user name but the settings
// name no keyring entry for its password.
var ErrNoSecretKey = errors.New("the settings name no password (secret) for this login")

// ErrNoHost is returned when neither the account nor the company names a server.
var ErrNoHost = errors.New("no server is set")

func (a *Actions) now() time.Time {
	if a.Now != nil {
		return a.Now()
	}
	return time.Now()
}

// password reads key from the keyring. An empty key means the settings
// never named one, which is a settings error, not an empty password.
func (a *Actions) password(key, what string) (string, error) {
	if key == "" {
		return "", fmt.Errorf("%s: %w", what, ErrNoSecretKey)
	}
	return a.Secrets.Get(key)
}

// account picks the user's default IMAP account, or the first.
func account(u *storage.User) (*storage.ImapAccount, error) {
	if len(u.ImapAccounts) == 0 {
		return nil, fmt.Errorf("user %s: %w", u.Name, ErrNoImapAccount)
	}
	for i := range u.ImapAccounts {
		if u.ImapAccounts[i].IsDefault {
			return &u.ImapAccounts[i], nil
		}
	}
	return &u.ImapAccounts[0], nil
}

// imapServer merges an account with the company IMAP defaults (an empty
// host, port or security on the account means "as the company") and reads
// its password.
func (a *Actions) imapServer(c storage.Company, acc *storage.ImapAccount) (imapsync.Server, error) {
	e := acc.Endpoint
	if e.Host == "" {
		e.Host, e.TLSFingerprint = c.IMAP.Host, c.IMAP.TLSFingerprint
	}
	if e.Port == 0 {
		e.Port = c.IMAP.Port
	}
	if e.Security == "" {
		e.Security = c.IMAP.Security
	}
	if e.Host == "" {
		return imapsync.Server{}, fmt.Errorf("imap account %s: %w", acc.Username, ErrNoHost)
	}
	if e.Port == 0 {
		e.Port = defaultIMAPPort(e.Security)
	}
	pw, err := a.password(acc.SecretKey, "imap account "+acc.Username)
	if err != nil {
		return imapsync.Server{}, err
	}
	return imapsync.Server{Host: e.Host, Port: e.Port, Security: e.Security, Pinned: e.TLSFingerprint,
		Roots: a.Roots, Username: acc.Username, Password: pw,
		Timeout: time.Duration(acc.TimeoutSec) * time.Second}, nil
}

// defaultIMAPPort is 993 for implicit TLS and 143 otherwise (RFC 8314, RFC 9051).
func defaultIMAPPort(s storage.Security) int {
	if s == storage.SecurityTLS {
		return 993
	}
	return 143
}
