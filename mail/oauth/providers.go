// Package oauth signs a login in with OAuth2 and keeps its tokens: the
// authorization code grant with PKCE in the system browser (RFC 6749,
// RFC 7636, RFC 8252 loopback redirect), the device authorization grant
// (RFC 8628) for a computer without a browser, refresh and revocation
// (RFC 7009). The refresh token lives in the keyring under the login's
// secret key; access tokens live in memory only. golang.org/x/oauth2's
// types stay inside this package.
package oauth

import (
	"fmt"
	"net/url"
	"strings"

	"golang.org/x/oauth2"

	"postbridge/domain"
)

// Microsoft's identity platform (Entra ID). The IMAP and SMTP scopes are
// those of Exchange Online; offline_access yields the refresh token.
const (
	microsoftLogin   = "https://login.microsoftonline.com/"
	microsoftScopes  = "https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/SMTP.Send offline_access openid email"
	microsoftTenant  = "organizations"
	googleAuthURL    = "https://accounts.google.com/o/oauth2/v2/auth"
	googleTokenURL   = "https://oauth2.googleapis.com/token"
	googleRevokeURL  = "https://oauth2.googleapis.com/revoke"
	googleMailScopes = "https://mail.google.com/ openid email"
)

// endpoints is a provider's URLs and scopes for one app registration.
type endpoints struct {
	auth, token, device, revoke string
	scopes                      []string
	// authParams are extra parameters of the authorization request.
	authParams map[string]string
}

// resolve fills in what the provider fixes. Microsoft: the tenant is
// organizations (any work account), common (also personal accounts) or
// the tenant's ID or domain. Google issues a refresh token only when
// asked for offline access with consent. Google's device grant does not
// allow the mail scope, so Google offers no device sign-in.
func resolve(o domain.OAuth) (endpoints, error) {
	var e endpoints
	switch o.Provider {
	case domain.ProviderMicrosoft:
		tenant := strings.TrimSpace(o.Tenant)
		if tenant == "" {
			tenant = microsoftTenant
		}
		if strings.ContainsAny(tenant, "/?#@ ") {
			return e, fmt.Errorf("tenant %q: %w", tenant, ErrWrongTenant)
		}
		base := microsoftLogin + url.PathEscape(tenant) + "/oauth2/v2.0/"
		e = endpoints{auth: base + "authorize", token: base + "token", device: base + "devicecode",
			scopes: strings.Fields(microsoftScopes)}
	case domain.ProviderGoogle:
		e = endpoints{auth: googleAuthURL, token: googleTokenURL, revoke: googleRevokeURL,
			scopes:     strings.Fields(googleMailScopes),
			authParams: map[string]string{"access_type": "offline", "prompt": "consent"}}
	case domain.ProviderCustom:
		e = endpoints{auth: o.AuthURL, token: o.TokenURL, device: o.DeviceURL, revoke: o.RevokeURL,
			scopes: []string{"offline_access"}}
	default:
		return e, fmt.Errorf("provider %q: %w", o.Provider, ErrNotConfigured)
	}
	// An admin's own URLs and scopes win over the provider's defaults.
	if o.Provider != domain.ProviderCustom {
		e.auth, e.token = or(o.AuthURL, e.auth), or(o.TokenURL, e.token)
		e.device, e.revoke = or(o.DeviceURL, e.device), or(o.RevokeURL, e.revoke)
	}
	if s := o.ScopeList(); len(s) > 0 {
		e.scopes = s
	}
	if o.ClientID == "" || e.auth == "" || e.token == "" {
		return e, ErrNotConfigured
	}
	return e, nil
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// config is x/oauth2's view of a public client: no secret, the client ID
// sent in the body (RFC 6749 §2.3.1 is for confidential clients only).
func (e endpoints) config(clientID, redirect string) *oauth2.Config {
	return &oauth2.Config{ClientID: clientID, RedirectURL: redirect, Scopes: e.scopes,
		Endpoint: oauth2.Endpoint{AuthURL: e.auth, TokenURL: e.token, DeviceAuthURL: e.device,
			AuthStyle: oauth2.AuthStyleInParams}}
}

// SupportsDevice reports whether the provider offers the device grant.
func SupportsDevice(o domain.OAuth) bool {
	e, err := resolve(o)
	return err == nil && e.device != ""
}

// SupportsRevoke reports whether sign-out can revoke the token at the
// provider; Microsoft offers no revocation endpoint to a public client.
func SupportsRevoke(o domain.OAuth) bool {
	e, err := resolve(o)
	return err == nil && e.revoke != ""
}
