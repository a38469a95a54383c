package domain

import "strings"

// Provider names an OAuth2 authorization server Postbridge knows.
type Provider string

// Providers. The names are part of the settings file contract.
const (
	ProviderMicrosoft Provider = "microsoft" // Microsoft 365 / Entra ID
	ProviderGoogle    Provider = "google"    // Google Workspace and Gmail
	ProviderCustom    Provider = "custom"    // any other: URLs and scopes given
)

// Valid reports whether p is a known provider.
func (p Provider) Valid() bool {
	return p == ProviderMicrosoft || p == ProviderGoogle || p == ProviderCustom
}

// OAuth is the office's own app registration at a provider (Postbridge
// ships no client ID). For Microsoft the URLs follow from Tenant; for
// Google they are fixed; Custom names them. Scopes is space-separated, as
// in the scope parameter (RFC 6749 §3.3); empty means the provider's
// default for IMAP and SMTP.
type OAuth struct {
	Provider  Provider
	ClientID  string
	Tenant    string
	AuthURL   string
	TokenURL  string
	DeviceURL string // RFC 8628 device authorization endpoint, optional
	RevokeURL string // RFC 7009 revocation endpoint, optional
	Scopes    string
}

// ScopeList splits Scopes.
func (o OAuth) ScopeList() []string { return strings.Fields(o.Scopes) }

// IsZero reports whether nothing is set.
func (o OAuth) IsZero() bool { return o == OAuth{} }
