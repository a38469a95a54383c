package storage

import "time"

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

// Login is the account used on a server. SecretKey names the keyring entry
// that holds the password; the password itself never reaches the database.
type Login struct {
	Username  string
	SecretKey string
}

// Company is the single row holding the office's own settings (manual 000, 003).
type Company struct {
	ID             uint `gorm:"primaryKey"`
	Name           string
	Email          string
	AttachmentPath string
	SMTP           Endpoint `gorm:"embedded;embeddedPrefix:smtp_"`
	SMTPAuth       bool
	SMTPLogin      Login     `gorm:"embedded;embeddedPrefix:smtp_"`
	IMAP           Endpoint  `gorm:"embedded;embeddedPrefix:imap_"`
	OwnServer      OwnServer `gorm:"embedded;embeddedPrefix:own_"`
}

// OwnServerMode is how mail leaves through the company's own mail server (manual 003).
type OwnServerMode string

// Own-mail-server modes.
const (
	OwnServerOff     OwnServerMode = ""
	OwnServerRelay   OwnServerMode = "relay"
	OwnServerMailbox OwnServerMode = "mailbox"
)

// OwnServerAuth is how the own mail server accepts Postbridge (manual 003).
type OwnServerAuth string

// Own-mail-server authentication kinds.
const (
	OwnAuthPassword    OwnServerAuth = "password"
	OwnAuthIPWhitelist OwnServerAuth = "ip"
)

// OwnServer is the company's own mail server through which validated
// sending domains go out (manual 003).
type OwnServer struct {
	Mode     OwnServerMode
	Endpoint `gorm:"embedded"`
	Auth     OwnServerAuth
	Login    `gorm:"embedded"`
}

// MailAuth is the authentication kind of a named mail server (manual 002).
type MailAuth string

// Mail server authentication kinds: none, one central account, or the
// employee's own credentials.
const (
	MailAuthNone        MailAuth = "none"
	MailAuthCentral     MailAuth = "central"
	MailAuthPerEmployee MailAuth = "per_employee"
)

// MailServer is a named SMTP server a user's work location sends through (manual 002).
type MailServer struct {
	ID             uint   `gorm:"primaryKey"`
	Identification string `gorm:"uniqueIndex;not null"`
	Endpoint       `gorm:"embedded"`
	Auth           MailAuth
	Login          `gorm:"embedded"`
}

// SendingDomain is a domain the company may send from through its own
// mail server (manual 003). Excluded domains are never sent through it.
type SendingDomain struct {
	ID          uint   `gorm:"primaryKey"`
	Domain      string `gorm:"uniqueIndex;not null"`
	ValidatedAt *time.Time
	ValidatedBy string
	Disabled    bool
	Excluded    bool
	// A pending validation: the code is stored hashed, never in clear.
	CodeHash    string
	CodeFrom    string
	CodeTo      string
	CodeExpires *time.Time
}

// Role groups the rights of users (manual 003).
type Role struct {
	ID              uint   `gorm:"primaryKey"`
	Name            string `gorm:"uniqueIndex;not null"`
	ManageCompany   bool
	ManageUsers     bool
	OwnMailServer   bool
	ManageRelations bool
}

// User is an employee with mail settings (manual 000, 002, 004).
type User struct {
	ID            uint   `gorm:"primaryKey"`
	Name          string `gorm:"uniqueIndex;not null"`
	Email         string
	Department    string // shown in the delegated users table (manual 000 "afdeling")
	RoleID        *uint
	Role          *Role
	AlwaysOwnSMTP bool
	// OwnSMTP is the user's own SMTP server; an empty host means none.
	OwnSMTP        Endpoint `gorm:"embedded;embeddedPrefix:own_smtp_"`
	OwnSMTPAuth    bool
	OwnSMTPLogin   Login `gorm:"embedded;embeddedPrefix:own_smtp_"`
	WorkLocationID *uint
	WorkLocation   *MailServer
	// WorkLocationLogin is the employee's account on the work location's
	// server, used when that server authenticates per employee.
	WorkLocationLogin Login         `gorm:"embedded;embeddedPrefix:work_"`
	Delegates         []*User       `gorm:"many2many:user_delegates"`
	ImapAccounts      []ImapAccount `gorm:"constraint:OnDelete:CASCADE"`
}
