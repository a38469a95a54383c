package ui

import (
	"strings"

	"postbridge/app"
	"postbridge/domain"
)

// Find settings and OAuth2: a found server that needs
// OAuth2 sets the card's Authentication to OAuth2 with the found
// provider; the admin enters (or keeps) the client ID and signs in. A
// server that takes a password leaves the card's method as it is.

// foundProvider is the OAuth2 provider a found server needs, or "" when
// it takes a password (or names OAuth2 without a provider Postbridge
// knows how to sign in with: the card's method is then left alone).
func foundProvider(f found, s *app.AutoconfigServer) domain.Provider {
	if s == nil || s.Auth != app.AutoconfigAuthOAuth2 || !f.OAuthProvider.Valid() {
		return ""
	}
	return f.OAuthProvider
}

// useProvider sets the fields to OAuth2 at p through set, keeping what is
// entered for p: the client ID and, for Microsoft, the tenant (for Other
// its URLs and scopes), and settings the card does not show.
func (f *oauthFields) useProvider(p domain.Provider) {
	o := domain.OAuth{Provider: p}
	if f.loaded.Provider == p {
		o = f.loaded
	}
	if f.chosenProvider() == p {
		o.ClientID = strings.TrimSpace(f.clientID.Text)
		o.Tenant = strings.TrimSpace(f.tenant.Text)
		if p == domain.ProviderCustom {
			o.AuthURL, o.TokenURL = strings.TrimSpace(f.authURL.Text), strings.TrimSpace(f.tokenURL.Text)
			o.Scopes = strings.Join(strings.Fields(f.scopes.Text), " ")
			o.DeviceURL, o.RevokeURL = strings.TrimSpace(f.deviceURL.Text), strings.TrimSpace(f.revokeURL.Text)
		}
	}
	if p != domain.ProviderMicrosoft {
		o.Tenant = ""
	}
	f.set(domain.AuthOAuth2, o)
}

// foundAuth sets fields to OAuth2 when the found server s needs it and
// then returns the sentence the card shows in place of Check (which
// needs the sign-in first); ok is false for a server with a password.
func foundAuth(f found, s *app.AutoconfigServer, fields *oauthFields) (text string, ok bool) {
	p := foundProvider(f, s)
	if p == "" {
		return "", false
	}
	fields.useProvider(p)
	data := map[string]string{"Provider": providerLabel(p)}
	next := t("autoconfig.oauth_set", "The sign-in method is now OAuth2 with {{.Provider}}: enter the client ID of the office's app registration, press Sign in, then Check.", data)
	if fields.login.noSignIn != "" {
		next = t("autoconfig.oauth_set_default", "The sign-in method is now OAuth2 with {{.Provider}}: enter the client ID of the office's app registration. Each user signs in on their IMAP account card.", data)
	}
	return foundByText(f) + "\n" + next, true
}
