package storage

// The settings file of DESIGN.md section 6. Outside scripts rely on these
// field names: add fields, never rename or change the meaning of one.
// Secrets appear only as keyring keys ("secret": "company/smtp").

// SettingsFile is the whole settings document.
type SettingsFile struct {
	Company     *CompanyJSON     `json:"company"`
	MailServers []MailServerJSON `json:"mail_servers"`
	Domains     []DomainJSON     `json:"domains,omitempty"`
	Roles       []RoleJSON       `json:"roles,omitempty"`
	Users       []UserJSON       `json:"users"`
	Relations   []RelationJSON   `json:"relations"`
	Projects    []ProjectJSON    `json:"projects"`
	Webhooks    []WebhookJSON    `json:"webhooks,omitempty"` // settings_webhooks.go
}

// CompanyJSON is the company card.
type CompanyJSON struct {
	Name           string         `json:"name"`
	Email          string         `json:"email"`
	AttachmentPath string         `json:"attachment_path"`
	SMTP           *SMTPJSON      `json:"smtp"`
	IMAP           *ServerJSON    `json:"imap"`
	OwnServer      *OwnServerJSON `json:"own_server,omitempty"`
	MaxMessageMB   int            `json:"max_message_mb,omitempty"`
}

// ServerJSON is a host with its security and an optional pinned certificate.
type ServerJSON struct {
	Host           string `json:"host"`
	Port           int    `json:"port"`
	Security       string `json:"security"`
	TLSFingerprint string `json:"tls_fingerprint,omitempty"`
	AuthJSON
}

// SMTPJSON is an SMTP server with optional authentication.
type SMTPJSON struct {
	Host           string `json:"host"`
	Port           int    `json:"port"`
	Security       string `json:"security"`
	Auth           bool   `json:"auth"`
	Username       string `json:"username"`
	Secret         string `json:"secret"`
	TLSFingerprint string `json:"tls_fingerprint,omitempty"`
	AuthJSON
}

// OwnServerJSON is the company's own mail server (manual 003).
type OwnServerJSON struct {
	Mode           string `json:"mode"`
	Host           string `json:"host"`
	Port           int    `json:"port"`
	Security       string `json:"security"`
	Auth           string `json:"auth"`
	Username       string `json:"username,omitempty"`
	Secret         string `json:"secret,omitempty"`
	TLSFingerprint string `json:"tls_fingerprint,omitempty"`
	AuthJSON
}

// MailServerJSON is a named mail server (manual 002).
type MailServerJSON struct {
	ID             string `json:"id"`
	Host           string `json:"host"`
	Port           int    `json:"port"`
	Security       string `json:"security"`
	Auth           string `json:"auth"`
	Username       string `json:"username"`
	Secret         string `json:"secret"`
	TLSFingerprint string `json:"tls_fingerprint,omitempty"`
	AuthJSON
}

// DomainJSON is a sending domain of the own mail server (manual 003).
type DomainJSON struct {
	Domain      string `json:"domain"`
	ValidatedAt string `json:"validated_at,omitempty"`
	ValidatedBy string `json:"validated_by,omitempty"`
	Disabled    bool   `json:"disabled,omitempty"`
	Excluded    bool   `json:"excluded,omitempty"`
}

// RoleJSON is a role with its rights.
type RoleJSON struct {
	Name            string `json:"name"`
	ManageCompany   bool   `json:"manage_company"`
	ManageUsers     bool   `json:"manage_users"`
	OwnMailServer   bool   `json:"own_mail_server"`
	ManageRelations bool   `json:"manage_relations"`
}

// UserJSON is a user card.
type UserJSON struct {
	Name          string     `json:"name"`
	Email         string     `json:"email"`
	Department    string     `json:"department,omitempty"`
	Role          string     `json:"role,omitempty"`
	WorkLocation  string     `json:"work_location"`
	WorkUsername  string     `json:"work_username,omitempty"`
	WorkSecret    string     `json:"work_secret,omitempty"`
	AlwaysOwnSMTP bool       `json:"always_own_smtp"`
	SMTP          *SMTPJSON  `json:"smtp"`
	Delegates     []string   `json:"delegates"`
	IMAP          []ImapJSON `json:"imap"`
}

// ImapJSON is one IMAP account of a user. Empty host, port and security
// fall back to the company IMAP settings.
type ImapJSON struct {
	Description    string `json:"description,omitempty"`
	DisplayName    string `json:"display_name,omitempty"`
	Address        string `json:"address,omitempty"`
	Username       string `json:"username"`
	Secret         string `json:"secret"`
	Host           string `json:"host,omitempty"`
	Port           int    `json:"port,omitempty"`
	Security       string `json:"security,omitempty"`
	TLSFingerprint string `json:"tls_fingerprint,omitempty"`
	AuthJSON
	Timeout          int    `json:"timeout,omitempty"`
	Mode             string `json:"mode"`
	Inbox            string `json:"inbox"`
	Outbox           string `json:"outbox"`
	Sent             string `json:"sent"`
	Drafts           string `json:"drafts"`
	Archive          string `json:"archive"`
	SyncDays         int    `json:"sync_days"`
	DeleteAfterLimit bool   `json:"delete_after_limit"`
	DotSeparated     bool   `json:"dot_separated,omitempty"`
	Active           *bool  `json:"active,omitempty"`
	Locked           bool   `json:"locked,omitempty"`
	AutoSendReceive  bool   `json:"auto_send_receive,omitempty"`
	AutoSyncMinutes  int    `json:"auto_sync_minutes,omitempty"`
	LinkToCRM        bool   `json:"link_to_crm,omitempty"`
	Default          bool   `json:"default,omitempty"`
	ProjectRoot      string `json:"project_root,omitempty"`
	// SMTP is the account's own outgoing server (manual 001, 004);
	// absent or null: "use standard", the route of the user card.
	SMTP    *AccountSMTPJSON `json:"smtp,omitempty"`
	Folders []FolderJSON     `json:"folders,omitempty"`
}

// AccountSMTPJSON is an IMAP account's own SMTP server. Login says whose
// login it takes: "imap" (the default) is the account's own IMAP login,
// password or OAuth2 alike, and then username, secret, auth_method and
// oauth stay empty; "own" is the username and secret given here.
type AccountSMTPJSON struct {
	Host           string `json:"host"`
	Port           int    `json:"port"`
	Security       string `json:"security"`
	TLSFingerprint string `json:"tls_fingerprint,omitempty"`
	Auth           bool   `json:"auth"`
	Login          string `json:"login,omitempty"`
	Username       string `json:"username,omitempty"`
	Secret         string `json:"secret,omitempty"`
	AuthJSON
}

// Whose login an account's own SMTP server takes (AccountSMTPJSON.Login).
const (
	SMTPLoginIMAP = "imap"
	SMTPLoginOwn  = "own"
)

// FolderJSON is a mirror-mode folder with its sync switch and role.
type FolderJSON struct {
	Name       string `json:"name"`
	Role       string `json:"role,omitempty"`
	Sync       bool   `json:"sync"`
	Subscribed bool   `json:"subscribed,omitempty"`
}

// RelationJSON is a contact card.
type RelationJSON struct {
	Name    string   `json:"name"`
	Company string   `json:"company,omitempty"`
	Emails  []string `json:"emails"`
}

// ProjectJSON is a project.
type ProjectJSON struct {
	Number      string `json:"number"`
	Description string `json:"description"`
}
