// Package app carries out what an admin or a user starts from a
// button or a command: check a server, send a test e-mail, look at and
// create folders, validate a sending domain. It reads settings from
// storage and passwords from the keyring, and leaves the protocol work to
// smtpsend and imapsync, so the window and the command line share one
// implementation.
package app

import (
	"crypto/x509"
	"errors"
	"fmt"
	"sync"
	"time"

	"postbridge/domain"
	"postbridge/mail/autoconfig"
	"postbridge/mail/deliver"
	"postbridge/mail/imapsync"
	"postbridge/mail/oauth"
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
	// Tokens keeps the OAuth2 sign-ins; one per process, so every
	// connection reuses the same access tokens. Nil: made on first use
	// over Secrets.
	Tokens *oauth.Manager
	// Finder finds settings from an address (found.go); nil: the defaults.
	Finder *autoconfig.Finder
	// LeaseTerms is how a sync holds its account in the database
	// (busy.go); the zero value is storage's defaults and this process.
	LeaseTerms storage.LeaseTerms
	// LeaseRetry is how often a sync that waits for another process's
	// sync of the account asks again; 0 means every 2 s.
	LeaseRetry time.Duration
	// Resolver answers the deliverability check's DNS questions
	// (deliver.go); nil: $POSTBRIDGE_RESOLVER or the system's.
	Resolver deliver.Resolver

	tokensOnce sync.Once
	// locks lets this process's syncs of one account take turns
	// (locks.go): the window and the command line make one Actions each,
	// so every sync in the process goes through the same locks.
	locks accountLocks
	// following indexes for search beside the syncs (sync_index.go).
	following indexFollower
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
	return a.imapServerTyped(c, acc, "")
}

// imapServerTyped is imapServer with a password typed on the card but not
// saved yet; empty means the keyring's.
func (a *Actions) imapServerTyped(c storage.Company, acc *storage.ImapAccount, typed string) (imapsync.Server, error) {
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
	srv := imapsync.Server{Host: e.Host, Port: e.Port, Security: e.Security, Pinned: e.TLSFingerprint,
		Roots: a.Roots, Auth: true, Username: acc.Username, Timeout: storage.AccountTimeout(acc.TimeoutSec)}
	method, o := imapAuth(c, acc)
	if typed != "" && !method.IsOAuth2() {
		srv.Password = typed
		return srv, nil
	}
	err := a.credentials(&srv, method, o, acc.SecretKey, "imap account "+acc.Username)
	return srv, err
}

// imapAuth is how an account logs in: its own method, or the company
// IMAP's when it names none (domain.IMAPLogin).
func imapAuth(c storage.Company, acc *storage.ImapAccount) (domain.AuthMethod, domain.OAuth) {
	l := domain.IMAPLogin(c, *acc)
	return l.AuthMethod, l.OAuth
}

// credentials puts the login's secret on srv: an OAuth2 token source, or
// the password read from the keyring.
func (a *Actions) credentials(srv *domain.Server, method domain.AuthMethod, o domain.OAuth, key, what string) error {
	if key == "" {
		return fmt.Errorf("%s: %w", what, ErrNoSecretKey)
	}
	if method.IsOAuth2() {
		srv.Token = a.tokens().Source(key, o)
		return nil
	}
	pw, err := a.password(key, what)
	srv.Password = pw
	return err
}

// tokens is the process's OAuth2 token keeper.
func (a *Actions) tokens() *oauth.Manager {
	a.tokensOnce.Do(func() {
		if a.Tokens != nil {
			return
		}
		if k, ok := a.Secrets.(oauth.Keyring); ok {
			a.Tokens = oauth.NewManager(k)
		} else {
			a.Tokens = oauth.NewManager(readOnlyKeyring{a.Secrets})
		}
	})
	return a.Tokens
}

// readOnlyKeyring lets a keyring that can only be read serve renewals
// that keep their refresh token; storing a rotated one fails in words.
type readOnlyKeyring struct{ Secrets }

var errReadOnlyKeyring = errors.New("this keyring cannot be written")

func (readOnlyKeyring) Set(string, string) error { return errReadOnlyKeyring }
func (readOnlyKeyring) Delete(string) error      { return errReadOnlyKeyring }

// defaultIMAPPort is 993 for implicit TLS and 143 otherwise (RFC 8314, RFC 9051).
func defaultIMAPPort(s storage.Security) int {
	if s == storage.SecurityTLS {
		return 993
	}
	return 143
}
