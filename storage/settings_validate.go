package storage

import (
	"errors"
	"fmt"
	"net/mail"
	"regexp"
	"strings"
)

// ErrInvalidSettings is what every settings validation failure wraps.
var ErrInvalidSettings = errors.New("invalid settings")

// FieldError is one problem in a settings document, at a JSON path such as
// users[0].imap[0].port.
type FieldError struct {
	Path    string
	Problem string // in English
	// Key and Args let the window translate Problem (problems.go).
	Key  string
	Args []string
}

func (f FieldError) String() string { return f.Path + ": " + f.Problem }

// ValidationError lists every problem found; the first one is the message.
type ValidationError struct{ Fields []FieldError }

func (e *ValidationError) Error() string {
	msg := e.Fields[0].String()
	if n := len(e.Fields) - 1; n > 0 {
		msg += fmt.Sprintf(" (and %d more)", n)
	}
	return msg
}

// Is makes errors.Is(err, ErrInvalidSettings) true.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalidSettings }

// knownNames are the mail servers, users and roles already in the
// database, which a settings file may refer to without repeating them.
type knownNames struct {
	mailServers, users, roles map[string]bool
}

// validator collects FieldErrors while walking a settings document.
type validator struct {
	known  knownNames
	fields []FieldError
}

// fail records the problem named by key (problems.go) at path.
func (v *validator) fail(path, key string, args ...any) {
	v.fields = append(v.fields, newFieldError(path, key, args...))
}

// failWith records a problem found elsewhere, in its own words: it has no
// key, and the window shows it as it is.
func (v *validator) failWith(path string, err error) {
	v.fields = append(v.fields, FieldError{Path: path, Problem: err.Error()})
}

func (v *validator) err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return &ValidationError{Fields: v.fields}
}

// Validate checks a settings document against itself and the names
// already known, returning a *ValidationError or nil.
func validateSettings(f *SettingsFile, known knownNames) error {
	v := &validator{known: known}
	if f.Company != nil {
		v.company("company", f.Company)
	}
	servers := v.mailServers(f.MailServers)
	roles := v.roles(f.Roles)
	v.domains(f.Domains)
	v.users(f.Users, servers, roles)
	v.relations(f.Relations)
	v.projects(f.Projects)
	v.webhooks(f.Webhooks)
	return v.err()
}

func (v *validator) company(path string, c *CompanyJSON) {
	v.email(path+".email", c.Email, false)
	v.folderPath(path+".attachment_path", c.AttachmentPath)
	if c.SMTP != nil {
		v.smtp(path+".smtp", c.SMTP)
	}
	if c.IMAP != nil {
		v.server(path+".imap", c.IMAP.Host, c.IMAP.Port, c.IMAP.Security, c.IMAP.TLSFingerprint, false)
		v.auth(path+".imap", c.IMAP.AuthJSON)
	}
	if o := c.OwnServer; o != nil {
		p := path + ".own_server"
		switch OwnServerMode(o.Mode) {
		case OwnServerOff, OwnServerRelay, OwnServerMailbox:
		default:
			v.fail(p+".mode", "not_own_mode", o.Mode)
		}
		if o.Mode != "" {
			v.server(p, o.Host, o.Port, o.Security, o.TLSFingerprint, true)
			switch OwnServerAuth(o.Auth) {
			case OwnAuthPassword:
				v.required(p+".username", o.Username)
			case OwnAuthIPWhitelist:
			default:
				v.fail(p+".auth", "not_own_auth", o.Auth)
			}
		}
		v.secret(p+".secret", o.Secret)
		v.auth(p, o.AuthJSON)
	}
}

func (v *validator) smtp(path string, s *SMTPJSON) {
	v.server(path, s.Host, s.Port, s.Security, s.TLSFingerprint, false)
	if s.Auth {
		v.required(path+".username", s.Username)
	}
	v.secret(path+".secret", s.Secret)
	v.auth(path, s.AuthJSON)
}

// server checks a host/port/security triple. A server with no host is
// "not set"; hostRequired makes the host mandatory.
func (v *validator) server(path, host string, port int, security, fingerprint string, hostRequired bool) {
	if host == "" {
		if hostRequired {
			v.fail(path+".host", "required")
		}
	} else if strings.ContainsAny(host, " /\\") {
		v.fail(path+".host", "not_host", host)
	}
	if port != 0 || host != "" {
		v.port(path+".port", port)
	}
	if security != "" && !Security(security).Valid() {
		v.fail(path+".security", "not_security", security)
	} else if security == "" && host != "" {
		v.fail(path+".security", "security_required")
	}
	if fingerprint != "" {
		if _, err := NormalizeFingerprint(fingerprint); err != nil {
			v.failWith(path+".tls_fingerprint", err)
		}
	}
}

func (v *validator) port(path string, port int) {
	if port < 1 || port > 65535 {
		v.fail(path, "not_port", port)
	}
}

func (v *validator) required(path, value string) {
	if strings.TrimSpace(value) == "" {
		v.fail(path, "required")
	}
}

func (v *validator) email(path, value string, required bool) {
	if value == "" {
		if required {
			v.fail(path, "required")
		}
		return
	}
	if !IsEmailAddress(value) {
		v.fail(path, "not_email", value)
	}
}

// secretKeyPattern is the shape of a keyring key: a scope Postbridge uses,
// then a name. Requiring it keeps a password typed into "secret" by
// mistake from being stored in the database as if it were a key.
// db/postgres is the one key outside them: the PostgreSQL password.
var secretKeyPattern = regexp.MustCompile(`^((company|mailserver|user)/[^\s]+|db/postgres)$`)

func (v *validator) secret(path, key string) {
	if key != "" {
		if err := ValidSecretKey(key); err != nil {
			v.failWith(path, err)
		}
	}
}

// ValidSecretKey checks that key has the shape of a Postbridge keyring key.
func ValidSecretKey(key string) error {
	if !secretKeyPattern.MatchString(key) {
		return fmt.Errorf("%w: must be a keyring key such as \"company/smtp\" or \"user/alice/imap\", not a password", ErrBadSecretKey)
	}
	return nil
}

// ErrBadSecretKey is wrapped by errors about a malformed keyring key.
var ErrBadSecretKey = errors.New("not a secret key")

// IsEmailAddress reports whether s is one bare address such as a@b.test.
func IsEmailAddress(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && a.Name == "" && strings.Contains(s, "@")
}

var hexFingerprint = regexp.MustCompile(`^[0-9A-F]{64}$`)

// NormalizeFingerprint turns a SHA-256 fingerprint in hex, with or without
// colons, into upper-case hex pairs joined by colons.
func NormalizeFingerprint(s string) (string, error) {
	h := strings.ToUpper(strings.NewReplacer(":", "", " ", "").Replace(s))
	if !hexFingerprint.MatchString(h) {
		return "", fmt.Errorf("%q is not a SHA-256 fingerprint (64 hex digits, colons optional)", s)
	}
	pairs := make([]string, 0, 32)
	for i := 0; i < len(h); i += 2 {
		pairs = append(pairs, h[i:i+2])
	}
	return strings.Join(pairs, ":"), nil
}
