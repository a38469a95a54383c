package oauth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"golang.org/x/oauth2"

	"postbridge/domain"
)

// Keyring is where refresh tokens are kept (storage.Keyring).
type Keyring interface {
	Get(key string) (string, error)
	Set(key, value string) error
	Delete(key string) error
}

// renewBefore is how long before its expiry an access token is renewed,
// so that a connection never starts with a token about to lapse; a token
// that lives shorter than four times that is renewed in its last quarter.
const renewBefore = 2 * time.Minute

// Manager keeps the tokens of every OAuth2 login of this program: one per
// process, shared by the window, the command line and the sync, so that an
// access token is renewed once and reused by every connection that needs
// it (refreshing on every connection gets refresh tokens flagged).
type Manager struct {
	keys Keyring
	// HTTP talks to the providers; nil means a client with a 30 s timeout.
	HTTP *http.Client
	// Now is the clock; nil means time.Now.
	Now func() time.Time

	mu     sync.Mutex
	logins map[string]*login
}

// login is the in-memory state of one keyring key: the access token and
// until when it is valid. Never written anywhere.
type login struct {
	mu       sync.Mutex
	access   string
	obtained time.Time
	expiry   time.Time
	refused  bool
}

// fresh reports whether the access token may still be handed out at now.
func (l *login) fresh(now time.Time) bool {
	if l.access == "" || l.refused {
		return false
	}
	margin := min(renewBefore, l.expiry.Sub(l.obtained)/4)
	return now.Add(margin).Before(l.expiry)
}

func (l *login) set(access string, obtained, expiry time.Time) {
	l.access, l.obtained, l.expiry, l.refused = access, obtained, expiry, false
}

// NewManager keeps refresh tokens in keys.
func NewManager(keys Keyring) *Manager {
	return &Manager{keys: keys, logins: map[string]*login{}}
}

func (m *Manager) now() time.Time {
	if m.Now != nil {
		return m.Now()
	}
	return time.Now()
}

func (m *Manager) httpContext(ctx context.Context) context.Context {
	c := m.HTTP
	if c == nil {
		c = &http.Client{Timeout: 30 * time.Second}
	}
	return context.WithValue(ctx, oauth2.HTTPClient, c)
}

func (m *Manager) login(key string) *login {
	m.mu.Lock()
	defer m.mu.Unlock()
	l := m.logins[key]
	if l == nil {
		l = &login{}
		m.logins[key] = l
	}
	return l
}

// stored is the keyring entry of a signed-in login. The refresh token is
// the secret; the rest lets the card say who signed in, and when.
type stored struct {
	Version  int       `json:"v"`
	Refresh  string    `json:"refresh_token"`
	Account  string    `json:"account,omitempty"`
	ClientID string    `json:"client_id"`
	SignedIn time.Time `json:"signed_in"`
}

func (m *Manager) read(key string) (stored, error) {
	var st stored
	v, err := m.keys.Get(key)
	if err != nil {
		if errors.Is(err, domain.ErrNoSecret) {
			return st, ErrNotSignedIn
		}
		return st, err
	}
	// A password left from before the login switched to OAuth2 is no
	// sign-in.
	if json.Unmarshal([]byte(v), &st) != nil || st.Refresh == "" {
		return st, ErrNotSignedIn
	}
	return st, nil
}

func (m *Manager) write(key string, st stored) error {
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	return m.keys.Set(key, string(b))
}

// keep stores a fresh grant: the refresh token in the keyring, the access
// token in memory.
func (m *Manager) keep(key string, o domain.OAuth, loginHint string, tok *oauth2.Token) (Status, error) {
	if tok.RefreshToken == "" {
		return Status{}, fmt.Errorf("%w: the provider gave no refresh token (is offline_access among the scopes?)", ErrProvider)
	}
	st := stored{Version: 1, Refresh: tok.RefreshToken, Account: accountOf(tok, loginHint),
		ClientID: o.ClientID, SignedIn: m.now().UTC()}
	if err := m.write(key, st); err != nil {
		return Status{}, err
	}
	l := m.login(key)
	l.mu.Lock()
	l.set(tok.AccessToken, m.now(), m.expiryOf(tok))
	l.mu.Unlock()
	return m.Status(key)
}

// expiryOf is the token's expiry; a provider that names none gets the
// hour that Microsoft and Google give.
func (m *Manager) expiryOf(tok *oauth2.Token) time.Time {
	if tok.Expiry.IsZero() {
		return m.now().Add(time.Hour)
	}
	return tok.Expiry
}

// Source is the token source of the login stored under key.
func (m *Manager) Source(key string, o domain.OAuth) domain.TokenSource {
	return &source{m: m, key: key, o: o}
}

type source struct {
	m   *Manager
	key string
	o   domain.OAuth
}

// AccessToken returns the access token in memory while it is valid for
// more than renewBefore and was not refused; otherwise it renews it with
// the refresh token, keeping a rotated refresh token in the keyring.
func (s *source) AccessToken(ctx context.Context) (string, error) {
	l := s.m.login(s.key)
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.fresh(s.m.now()) {
		return l.access, nil
	}
	st, err := s.m.read(s.key)
	if err != nil {
		return "", err
	}
	if st.ClientID != s.o.ClientID {
		return "", fmt.Errorf("%w: the client ID changed since the sign-in", ErrSignInAgain)
	}
	e, err := resolve(s.o)
	if err != nil {
		return "", err
	}
	tok, err := e.config(s.o.ClientID, "").TokenSource(s.m.httpContext(ctx), &oauth2.Token{RefreshToken: st.Refresh}).Token()
	if err != nil {
		return "", tokenError(err)
	}
	// RFC 6749 §6: the provider may issue a new refresh token, and then
	// the old one may stop working (Hydra and Microsoft rotate them).
	if tok.RefreshToken != "" && tok.RefreshToken != st.Refresh {
		st.Refresh = tok.RefreshToken
		if err := s.m.write(s.key, st); err != nil {
			return "", fmt.Errorf("keep the renewed sign-in: %w", err)
		}
	}
	l.set(tok.AccessToken, s.m.now(), s.m.expiryOf(tok))
	return l.access, nil
}

// Refused marks token as turned down by a server, so the next AccessToken
// renews it. A token already replaced is left alone.
func (s *source) Refused(token string) {
	l := s.m.login(s.key)
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.access == token {
		l.refused = true
	}
}

// Expired reports whether the access token handed out last has passed its
// expiry or was refused: a session the server cut then was cut for it.
func (s *source) Expired() bool {
	l := s.m.login(s.key)
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.access == "" || l.refused || !s.m.now().Before(l.expiry)
}
