package domain

// Security is how a connection to a mail server is protected.
type Security string

// The four security modes of DESIGN.md section 2. The names are part of the
// settings file contract.
const (
	SecurityNone             Security = "none"
	SecuritySTARTTLS         Security = "starttls"          // STARTTLS required (RFC 3207, RFC 9051 §6.2.1)
	SecuritySTARTTLSOptional Security = "starttls-optional" // "TLS if available"
	SecurityTLS              Security = "tls"               // implicit TLS, "SSL" (RFC 8314)
)

// Valid reports whether s is one of the known modes.
func (s Security) Valid() bool {
	switch s {
	case SecurityNone, SecuritySTARTTLS, SecuritySTARTTLSOptional, SecurityTLS:
		return true
	}
	return false
}

// Endpoint is a mail server address with its transport security. A pinned
// TLSFingerprint (SHA-256 of the certificate, upper-case hex with colons)
// is accepted in place of a trusted chain.
type Endpoint struct {
	Host           string
	Port           int
	Security       Security
	TLSFingerprint string
}

// AuthMethod is how a login proves who it is.
type AuthMethod string

// Authentication methods. The names are part of the settings file contract;
// an empty method means password.
const (
	AuthPassword AuthMethod = "password"
	AuthOAuth2   AuthMethod = "oauth2"
)

// Valid reports whether m is a known method (empty counts as password).
func (m AuthMethod) Valid() bool { return m == "" || m == AuthPassword || m == AuthOAuth2 }

// IsOAuth2 reports whether the login signs in with OAuth2.
func (m AuthMethod) IsOAuth2() bool { return m == AuthOAuth2 }

// Login is the account used on a server. SecretKey names the keyring entry
// that holds the password or, for OAuth2, the refresh token; neither ever
// reaches the database.
type Login struct {
	Username   string
	SecretKey  string
	AuthMethod AuthMethod
	OAuth      OAuth `gorm:"embedded;embeddedPrefix:oauth_"`
}

// OAuth2 returns whether l signs in with OAuth2.
func (l Login) OAuth2() bool { return l.AuthMethod.IsOAuth2() }
