package domain

import "time"

// Company is the single row holding the office's own settings (manual 000, 003).
type Company struct {
	ID             uint `gorm:"primaryKey"`
	Name           string
	Email          string
	AttachmentPath string
	SMTP           Endpoint `gorm:"embedded;embeddedPrefix:smtp_"`
	SMTPAuth       bool
	SMTPLogin      Login    `gorm:"embedded;embeddedPrefix:smtp_"`
	IMAP           Endpoint `gorm:"embedded;embeddedPrefix:imap_"`
	// IMAPAuth and IMAPOAuth are the accounts' default way to log in, as
	// IMAP is their default server: an account with no method of its own
	// follows them.
	IMAPAuth  AuthMethod
	IMAPOAuth OAuth     `gorm:"embedded;embeddedPrefix:imap_oauth_"`
	OwnServer OwnServer `gorm:"embedded;embeddedPrefix:own_"`
	// MaxMessageMB is the largest message a sync fetches, in MiB; larger
	// ones stay on the server and are listed. 0: 256 MiB.
	MaxMessageMB int
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
	// The last deliverability check (SPF, DKIM, DMARC, MX, reverse DNS):
	// when, its most serious line (ok / warning / failing) and the whole
	// report as JSON, for the domain list.
	CheckedAt   *time.Time
	CheckWorst  string
	CheckReport string
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

// SyncMode is how an IMAP account is synchronised (DESIGN.md section 4).
type SyncMode string

// Transfer imports and files each message in Completed (manual 000);
// mirror keeps the chosen folders in step (manual 001, 004).
const (
	ModeTransfer SyncMode = "transfer"
	ModeMirror   SyncMode = "mirror"
)

// ImapAccount is one mailbox of a user (manual 000, 001, 004). Empty
// server fields fall back to the company IMAP settings.
type ImapAccount struct {
	ID          uint `gorm:"primaryKey"`
	UserID      uint `gorm:"index;not null"`
	Description string
	DisplayName string
	Address     string
	Login       `gorm:"embedded"`
	Endpoint    `gorm:"embedded"`
	TimeoutSec  int
	Mode        SyncMode
	Inbox       string
	Outbox      string
	Sent        string
	Drafts      string
	Archive     string
	// SyncDays is the sync time limit; 0 means no limit.
	SyncDays         int
	DeleteAfterLimit bool
	DotSeparated     bool
	Active           bool
	Locked           bool
	AutoSendReceive  bool
	// AutoSyncMinutes is the automatic send/receive's interval between
	// full passes; 0 means storage.DefaultAutoSyncMinutes.
	AutoSyncMinutes int
	LinkToCRM       bool
	IsDefault       bool
	ProjectRoot     string
	// SMTP is the account's own outgoing server (account.go); an empty
	// host means none, and the account sends as manual 001's "Bruke
	// Standard": through the server the route picks for the user.
	SMTP    AccountSMTP  `gorm:"embedded;embeddedPrefix:smtp_"`
	Folders []ImapFolder `gorm:"foreignKey:AccountID;constraint:OnDelete:CASCADE"`
}

// ImapFolder is a server folder of a mirror-mode account with its sync
// switch and role (manual 001).
type ImapFolder struct {
	ID         uint   `gorm:"primaryKey"`
	AccountID  uint   `gorm:"uniqueIndex:idx_folder_account_name;not null"`
	Name       string `gorm:"uniqueIndex:idx_folder_account_name;not null"`
	Role       string
	Sync       bool
	Subscribed bool
}
