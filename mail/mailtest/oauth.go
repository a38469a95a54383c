package mailtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

// OAuthServer is the test stack's OAuth2 authorization server: Ory Hydra
// v2.3.0 in memory (scripts/mailstack/hydra.sh). The test Dovecot accepts
// its access tokens over XOAUTH2 and OAUTHBEARER (IMAP, and SMTP through
// Postfix's Dovecot SASL), checking each one with Hydra at every login.
//
// Which mailbox a token opens: Dovecot compares the local part of the
// token's subject with the local part of the SASL user name. A token
// approved for subject u.Address() (u from Stack.NewUser, or a fixed user
// such as alice@acme.test) logs in as mailbox u.Name, whether the client
// sends "u.Name@acme.test" or "u.Name" as the user; for any other
// mailbox it is refused.
//
// Dovecot checks a token at login only: a session outlives its token's
// expiry or revocation. To cut a running session as a provider does
// ("BYE ... AccessTokenExpired"), revoke (RevokeAccessTokens) and then
// kick the user: s.Doveadm(t, nil, "kick", u.Name).
//
// Hydra v2.3.0 has no device authorization grant (RFC 8628): only the
// authorization code grant (PKCE S256 enforced for public clients) and
// refresh tokens. Access and refresh tokens are opaque ("ory_at_...",
// "ory_rt_..."); scripts/run-tests.sh fails a run whose output shows one.
type OAuthServer struct {
	Issuer    string // public base URL, also the "iss" of ID tokens
	AuthURL   string // authorization endpoint
	TokenURL  string // token endpoint
	RevokeURL string // token revocation (RFC 7009): token=..&client_id=..
	// Admin is the admin API's base URL. It has no authentication: tests
	// use it through the methods below to play the user and the admin.
	Admin string

	http *http.Client
}

// NewOAuthUser returns a fresh mailbox that has no password at all: only
// an OAuth2 access token for subject u.Address() (or u.Name) opens it,
// like a Microsoft 365 mailbox with basic authentication switched off.
// Password is empty; Deliver, Count etc. work as for NewUser, and Postfix
// delivers mail for its address. (Dovecot's password passdbs know only
// the fixed users and names starting with "t"; this name starts with "o".)
func (s *Stack) NewOAuthUser(t testing.TB) User {
	t.Helper()
	b := make([]byte, 6)
	rand.Read(b)
	return s.opened(t, User{Name: "o" + hex.EncodeToString(b), Domain: "acme.test"})
}

// OAuth returns the test OAuth2 server, or skips the test (fails it under
// CI=true) when the stack runs without it.
func OAuth(t testing.TB) *OAuthServer {
	t.Helper()
	pub := need(t, "POSTBRIDGE_TEST_OAUTH_PUBLIC", "Hydra (the OAuth2 server)")
	adm := need(t, "POSTBRIDGE_TEST_OAUTH_ADMIN", "Hydra (the OAuth2 server)")
	return &OAuthServer{
		Issuer:    pub,
		AuthURL:   pub + "/oauth2/auth",
		TokenURL:  pub + "/oauth2/token",
		RevokeURL: pub + "/oauth2/revoke",
		Admin:     adm,
		http:      &http.Client{Timeout: 30 * time.Second},
	}
}

// Endpoint is the server's endpoint for x/oauth2. A public client has no
// secret and sends its client_id in the form (AuthStyleInParams).
func (s *OAuthServer) Endpoint() oauth2.Endpoint {
	return oauth2.Endpoint{AuthURL: s.AuthURL, TokenURL: s.TokenURL, AuthStyle: oauth2.AuthStyleInParams}
}

// DefaultScopes are the scopes every test client may ask for:
// offline_access is the one that yields a refresh token.
var DefaultScopes = []string{"openid", "offline_access", "email"}

// ClientOptions shape a test client. The zero value is a public client
// with Hydra's default lifespans (access token 1 h, refresh token 720 h).
type ClientOptions struct {
	// AccessTokenLifespan, when set, is how long this client's access
	// tokens live, both from the code exchange and from a refresh: a few
	// seconds lets a test see Dovecot refuse an expired token. Note that
	// x/oauth2 treats a token as expired 10 s early, so under 10 s an
	// oauth2.TokenSource refreshes on every call.
	AccessTokenLifespan time.Duration
	// RefreshTokenLifespan, when set, is how long refresh tokens live:
	// a test of "refresh token expired, sign in again".
	RefreshTokenLifespan time.Duration
	// Scopes are allowed besides DefaultScopes.
	Scopes []string
}

// OAuthClient is a public OAuth2 client registered at the test server.
// Its redirect URIs are http://127.0.0.1/callback and
// http://localhost/callback; Hydra accepts them on any port (RFC 8252
// loopback redirect), so a client listens on 127.0.0.1:0 and sends
// http://127.0.0.1:PORT/callback.
type OAuthClient struct {
	ID     string
	Scopes []string // every scope the client may ask for
	server *OAuthServer
}

// NewClient registers a public client (no secret, token_endpoint_auth_method
// none) for the authorization code and refresh token grants. It is deleted
// when the test ends.
func (s *OAuthServer) NewClient(t testing.TB, opts ClientOptions) *OAuthClient {
	t.Helper()
	scopes := append(append([]string{}, DefaultScopes...), opts.Scopes...)
	body := map[string]any{
		"client_name":                "postbridge-test " + t.Name(),
		"grant_types":                []string{"authorization_code", "refresh_token"},
		"response_types":             []string{"code"},
		"scope":                      strings.Join(scopes, " "),
		"redirect_uris":              []string{"http://127.0.0.1/callback", "http://localhost/callback", "http://127.0.0.1/", "http://localhost/"},
		"token_endpoint_auth_method": "none",
	}
	var created struct {
		ClientID string `json:"client_id"`
	}
	if err := s.admin(http.MethodPost, "/admin/clients", body, http.StatusCreated, &created); err != nil {
		t.Fatalf("create OAuth2 test client: %v", err)
	}
	c := &OAuthClient{ID: created.ClientID, Scopes: scopes, server: s}
	t.Cleanup(func() {
		s.admin(http.MethodDelete, "/admin/clients/"+url.PathEscape(c.ID), nil, http.StatusNoContent, nil)
	})
	life := map[string]string{}
	if d := opts.AccessTokenLifespan; d > 0 {
		life["authorization_code_grant_access_token_lifespan"] = d.String()
		life["refresh_token_grant_access_token_lifespan"] = d.String()
	}
	if d := opts.RefreshTokenLifespan; d > 0 {
		life["authorization_code_grant_refresh_token_lifespan"] = d.String()
		life["refresh_token_grant_refresh_token_lifespan"] = d.String()
	}
	if len(life) > 0 {
		if err := s.admin(http.MethodPut, "/admin/clients/"+url.PathEscape(c.ID)+"/lifespans", life, http.StatusOK, nil); err != nil {
			t.Fatalf("set OAuth2 test client lifespans: %v", err)
		}
	}
	return c
}

// Config is an x/oauth2 configuration of the client for one redirect URL
// (e.g. http://127.0.0.1:PORT/callback), asking for all its scopes.
func (c *OAuthClient) Config(redirectURL string) *oauth2.Config {
	return &oauth2.Config{
		ClientID:    c.ID,
		Endpoint:    c.server.Endpoint(),
		RedirectURL: redirectURL,
		Scopes:      c.Scopes,
	}
}

// Token runs the whole authorization code flow with PKCE S256 for
// subject, without a listener (the code is taken from the redirect the
// browser would follow), and returns the tokens: for tests that just
// need a valid access and refresh token.
func (c *OAuthClient) Token(t testing.TB, subject string) *oauth2.Token {
	t.Helper()
	conf := c.Config("http://127.0.0.1/callback")
	verifier := oauth2.GenerateVerifier()
	state := randomState()
	to := c.server.Authorize(t, conf.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier)), subject)
	if to == nil {
		t.FailNow()
	}
	q := to.Query()
	if q.Get("state") != state || q.Get("code") == "" {
		t.Fatalf("authorization redirect has no code or the wrong state (error=%q %q)",
			q.Get("error"), q.Get("error_description"))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	tok, err := conf.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatalf("exchange the authorization code: %v", err)
	}
	return tok
}

func randomState() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// RevokeSubject is an administrator withdrawing access: every consent
// subject ever gave is revoked, with every access and refresh token
// issued under it, and their login sessions end. Dovecot refuses the
// access tokens at the next login and a refresh fails with invalid_grant.
func (s *OAuthServer) RevokeSubject(t testing.TB, subject string) {
	t.Helper()
	q := url.Values{"subject": {subject}, "all": {"true"}}.Encode()
	if err := s.admin(http.MethodDelete, "/admin/oauth2/auth/sessions/consent?"+q, nil, http.StatusNoContent, nil); err != nil {
		t.Fatalf("revoke consent of %s: %v", subject, err)
	}
	q = url.Values{"subject": {subject}}.Encode()
	if err := s.admin(http.MethodDelete, "/admin/oauth2/auth/sessions/login?"+q, nil, http.StatusNoContent, nil); err != nil {
		t.Fatalf("revoke login sessions of %s: %v", subject, err)
	}
}

// RevokeAccessTokens deletes every access token the client holds, and
// only those: its refresh tokens still work. Dovecot refuses the old
// access token at once, as a provider does that ends an access token
// early (e.g. "AccessTokenExpired" in the middle of a sync); a refresh
// gives a working one.
func (s *OAuthServer) RevokeAccessTokens(t testing.TB, clientID string) {
	t.Helper()
	q := url.Values{"client_id": {clientID}}.Encode()
	if err := s.admin(http.MethodDelete, "/admin/oauth2/tokens?"+q, nil, http.StatusNoContent, nil); err != nil {
		t.Fatalf("revoke access tokens of client %s: %v", clientID, err)
	}
}

// Introspection is what the server knows about a token (RFC 7662), as
// Dovecot sees it.
type Introspection struct {
	Active    bool   `json:"active"`
	Subject   string `json:"sub"`
	ClientID  string `json:"client_id"`
	Scope     string `json:"scope"`
	TokenUse  string `json:"token_use"` // "access_token" or "refresh_token"
	ExpiresAt int64  `json:"exp"`       // Unix seconds
}

// Expiry is when the token stops being valid.
func (i Introspection) Expiry() time.Time { return time.Unix(i.ExpiresAt, 0) }

// Introspect asks the server about a token (never printed).
func (s *OAuthServer) Introspect(t testing.TB, token string) Introspection {
	t.Helper()
	resp, err := s.http.PostForm(s.Admin+"/admin/oauth2/introspect", url.Values{"token": {token}})
	if err != nil {
		t.Fatalf("introspect: %v", err)
	}
	defer resp.Body.Close()
	var in Introspection
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("introspect: %s", resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(&in); err != nil {
		t.Fatalf("introspect: %v", err)
	}
	return in
}

// admin calls the admin API with a JSON body and decodes the JSON answer.
// Errors carry the status and Hydra's error text, which never holds a
// token (the requests here carry none).
func (s *OAuthServer) admin(method, path string, body any, want int, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = strings.NewReader(string(b))
	}
	req, err := http.NewRequest(method, s.Admin+path, rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := s.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != want {
		return fmt.Errorf("%s %s: %s: %.300s", method, strings.SplitN(path, "?", 2)[0], resp.Status, data)
	}
	if out != nil {
		return json.Unmarshal(data, out)
	}
	return nil
}
