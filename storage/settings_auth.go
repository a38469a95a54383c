package storage

import (
	"fmt"
	"net/url"
	"strings"
)

// AuthJSON is how a login block proves who it is. It is embedded in every
// block that logs in; a file without it means password, as before.
type AuthJSON struct {
	AuthMethod string     `json:"auth_method,omitempty"`
	OAuth      *OAuthJSON `json:"oauth,omitempty"`
}

// OAuthJSON is the office's app registration at an OAuth2 provider. No
// token is ever written here: the refresh token lives in the keyring under
// the block's "secret" key.
type OAuthJSON struct {
	Provider  string   `json:"provider"`
	ClientID  string   `json:"client_id"`
	Tenant    string   `json:"tenant,omitempty"`
	AuthURL   string   `json:"auth_url,omitempty"`
	TokenURL  string   `json:"token_url,omitempty"`
	DeviceURL string   `json:"device_url,omitempty"`
	RevokeURL string   `json:"revoke_url,omitempty"`
	Scopes    []string `json:"scopes,omitempty"`
}

func authJSON(m AuthMethod, o OAuth) AuthJSON {
	j := AuthJSON{AuthMethod: string(m)}
	if !o.IsZero() {
		j.OAuth = &OAuthJSON{Provider: string(o.Provider), ClientID: o.ClientID, Tenant: o.Tenant,
			AuthURL: o.AuthURL, TokenURL: o.TokenURL, DeviceURL: o.DeviceURL, RevokeURL: o.RevokeURL,
			Scopes: o.ScopeList()}
	}
	return j
}

func authFrom(j AuthJSON) (AuthMethod, OAuth) {
	if j.OAuth == nil {
		return AuthMethod(j.AuthMethod), OAuth{}
	}
	o := j.OAuth
	return AuthMethod(j.AuthMethod), OAuth{Provider: Provider(o.Provider), ClientID: o.ClientID,
		Tenant: o.Tenant, AuthURL: o.AuthURL, TokenURL: o.TokenURL, DeviceURL: o.DeviceURL,
		RevokeURL: o.RevokeURL, Scopes: strings.Join(o.Scopes, " ")}
}

// withAuth returns l with the block's method and OAuth settings.
func withAuth(l Login, j AuthJSON) Login {
	l.AuthMethod, l.OAuth = authFrom(j)
	return l
}

// auth checks a block's method and, for OAuth2, its provider settings.
// hasSecret tells whether the block names a keyring entry (or gets a
// default one) for the refresh token.
func (v *validator) auth(path string, j AuthJSON) {
	m := AuthMethod(j.AuthMethod)
	if !m.Valid() {
		v.fail(path+".auth_method", "not_auth_method", j.AuthMethod)
		return
	}
	if !m.IsOAuth2() {
		return
	}
	o := j.OAuth
	if o == nil {
		v.fail(path+".oauth", "required")
		return
	}
	p := path + ".oauth"
	if !Provider(o.Provider).Valid() {
		v.fail(p+".provider", "not_provider", o.Provider)
	}
	v.required(p+".client_id", o.ClientID)
	if Provider(o.Provider) == ProviderCustom {
		v.required(p+".auth_url", o.AuthURL)
		v.required(p+".token_url", o.TokenURL)
	}
	for name, u := range map[string]string{"auth_url": o.AuthURL, "token_url": o.TokenURL,
		"device_url": o.DeviceURL, "revoke_url": o.RevokeURL} {
		if u != "" && !SafeOAuthURL(u) {
			v.fail(p+"."+name, "not_https_url", u)
		}
	}
}

// SafeOAuthURL reports whether u may carry OAuth2 traffic: https, or http
// on the loopback interface only (a test provider or a local gateway);
// tokens never cross a network in clear (RFC 6749 §3.1, §10.9).
func SafeOAuthURL(u string) bool {
	p, err := url.Parse(u)
	if err != nil || p.Host == "" {
		return false
	}
	if p.Scheme == "https" {
		return true
	}
	h := p.Hostname()
	return p.Scheme == "http" && (h == "127.0.0.1" || h == "::1" || h == "localhost")
}

// oauthCardError checks a card's OAuth2 settings as the settings file's
// rules do, and names the first field that is missing or wrong.
func oauthCardError(l Login) error {
	v := &validator{}
	v.auth("login", authJSON(l.AuthMethod, l.OAuth))
	if len(v.fields) == 0 {
		return nil
	}
	f := v.fields[0]
	return &CardError{strings.TrimPrefix(f.Path, "login."), fmt.Errorf("%w: %s", ErrInvalidSettings, f.Problem)}
}
