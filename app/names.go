package app

// The names of the lower layers that the window shows or hands back: the
// storage package's rows, settings and their validation errors, and the
// mail packages' results and events. They are aliases, the same types,
// so the window reaches them through the application layer only and a
// value passes between the layers unchanged. A first step: the window's
// data types may become the application layer's own later, without the
// window changing its imports again (docs/ARCHITECTURE.md).

import (
	"postbridge/domain"
	"postbridge/mail/autoconfig"
	"postbridge/mail/deliver"
	"postbridge/mail/imapsync"
	"postbridge/mail/oauth"
	"postbridge/mail/route"
	"postbridge/storage"
)

type (
	APIToken           = storage.APIToken
	AccountSMTP        = storage.AccountSMTP
	AddressError       = storage.AddressError
	Attachment         = storage.Attachment
	AttentionLink      = storage.AttentionLink
	CardError          = storage.CardError
	Company            = storage.Company
	Endpoint           = storage.Endpoint
	FieldError         = storage.FieldError
	ImapAccount        = storage.ImapAccount
	ImapFolder         = storage.ImapFolder
	Login              = storage.Login
	MailAuth           = storage.MailAuth
	MailServer         = storage.MailServer
	Message            = storage.Message
	MessageFilter      = storage.MessageFilter
	MessageQuery       = storage.MessageQuery
	MessageRow         = storage.MessageRow
	MessageSort        = storage.MessageSort
	MessageState       = storage.MessageState
	OwnServerAuth      = storage.OwnServerAuth
	OwnServerMode      = storage.OwnServerMode
	Project            = storage.Project
	Relation           = storage.Relation
	RelationEmail      = storage.RelationEmail
	Role               = storage.Role
	Security           = storage.Security
	SendingDomain      = storage.SendingDomain
	User               = storage.User
	ValidationError    = storage.ValidationError
	Webhook            = storage.Webhook
	AutoconfigResult   = autoconfig.Result
	AutoconfigServer   = autoconfig.Server
	AutoconfigSettings = autoconfig.Settings
	AutoconfigSource   = autoconfig.Source
	AutoconfigFinder   = autoconfig.Finder
	DeliverReport      = deliver.Report
	DeliverStatus      = deliver.Status
	DeliverFinding     = deliver.Finding
	SyncAccountDone    = imapsync.AccountDone
	SyncAccountFailed  = imapsync.AccountFailed
	SyncAccountStarted = imapsync.AccountStarted
	SyncCheckResult    = imapsync.CheckResult
	SyncCounts         = imapsync.Counts
	SyncEvent          = imapsync.Event
	SyncFolder         = imapsync.Folder
	SyncFolderFailed   = imapsync.FolderFailed
	SyncFolderPreview  = imapsync.FolderPreview
	SyncFolderStarted  = imapsync.FolderStarted
	SyncProgress       = imapsync.Progress
	SyncReconnecting   = imapsync.Reconnecting
	SyncWarning        = imapsync.Warning
	OAuthDeviceCode    = oauth.DeviceCode
	OAuthStatus        = oauth.Status
	OAuthBrowser       = oauth.Browser
	RouteReason        = route.Reason
	RouteVia           = route.Via
)

const (
	DefaultAutoSyncMinutes     = storage.DefaultAutoSyncMinutes
	DirectionDraft             = storage.DirectionDraft
	DirectionIn                = storage.DirectionIn
	DirectionOut               = storage.DirectionOut
	EventMessageNew            = storage.EventMessageNew
	MailAuthCentral            = storage.MailAuthCentral
	MailAuthNone               = storage.MailAuthNone
	MailAuthPerEmployee        = storage.MailAuthPerEmployee
	ModeMirror                 = storage.ModeMirror
	ModeTransfer               = storage.ModeTransfer
	OwnAuthIPWhitelist         = storage.OwnAuthIPWhitelist
	OwnAuthPassword            = storage.OwnAuthPassword
	OwnServerMailbox           = storage.OwnServerMailbox
	OwnServerOff               = storage.OwnServerOff
	OwnServerRelay             = storage.OwnServerRelay
	SchemaVersion              = storage.SchemaVersion
	ScopeRead                  = storage.ScopeRead
	ScopeSend                  = storage.ScopeSend
	SecretCompanySMTP          = storage.SecretCompanySMTP
	SecurityNone               = storage.SecurityNone
	SecuritySTARTTLS           = storage.SecuritySTARTTLS
	SecuritySTARTTLSOptional   = storage.SecuritySTARTTLSOptional
	SecurityTLS                = storage.SecurityTLS
	SortDate                   = storage.SortDate
	SortDirection              = storage.SortDirection
	SortFrom                   = storage.SortFrom
	SortState                  = storage.SortState
	SortSubject                = storage.SortSubject
	StateArchived              = storage.StateArchived
	StateDeletedOnServer       = storage.StateDeletedOnServer
	StateImported              = storage.StateImported
	StateNeedsAttention        = storage.StateNeedsAttention
	AutoconfigAuthOAuth2       = autoconfig.AuthOAuth2
	AutoconfigSourceAutoconfig = autoconfig.SourceAutoconfig
	AutoconfigSourceMX         = autoconfig.SourceMX
	AutoconfigSourceProbe      = autoconfig.SourceProbe
	AutoconfigSourceProvider   = autoconfig.SourceProvider
	AutoconfigSourceSRV        = autoconfig.SourceSRV
	DeliverStatusOK            = deliver.StatusOK
	DeliverStatusWarning       = deliver.StatusWarning
	DeliverStatusFailing       = deliver.StatusFailing
)

var (
	ErrDuplicate           = storage.ErrDuplicate
	ErrInvalidSettings     = storage.ErrInvalidSettings
	ErrNumberHasSpace      = storage.ErrNumberHasSpace
	ErrRequired            = storage.ErrRequired
	WebhookEvents          = storage.WebhookEvents
	ErrAutoconfigNoRecords = autoconfig.ErrNoRecords
	ErrAutoconfigSkipped   = autoconfig.ErrSkipped
	ErrSyncFolderMissing   = imapsync.ErrFolderMissing
	ErrOAuthNotSignedIn    = oauth.ErrNotSignedIn
	ErrOAuthSignInAgain    = oauth.ErrSignInAgain
)

// DomainOf is storage.DomainOf.
func DomainOf(address string) string {
	return storage.DomainOf(address)
}

// SecretUserIMAP is storage.SecretUserIMAP.
func SecretUserIMAP(user string, index int) string {
	return storage.SecretUserIMAP(user, index)
}

// SecretUserSMTP is storage.SecretUserSMTP.
func SecretUserSMTP(user string) string {
	return storage.SecretUserSMTP(user)
}

// SecretWebhook is storage.SecretWebhook.
func SecretWebhook(name string) string { return storage.SecretWebhook(name) }

// SecretUserWork is storage.SecretUserWork.
func SecretUserWork(user string) string {
	return storage.SecretUserWork(user)
}

// AutoconfigProviderByName is autoconfig.ProviderByName.
func AutoconfigProviderByName(name string) (autoconfig.Provider, bool) {
	return autoconfig.ProviderByName(name)
}

// AutoconfigSplitAddress is autoconfig.SplitAddress.
func AutoconfigSplitAddress(address string) (local string, domain string, err error) {
	return autoconfig.SplitAddress(address)
}

// OAuthSupportsDevice is oauth.SupportsDevice.
func OAuthSupportsDevice(o domain.OAuth) bool {
	return oauth.SupportsDevice(o)
}

// OAuthSupportsRevoke is oauth.SupportsRevoke.
func OAuthSupportsRevoke(o domain.OAuth) bool {
	return oauth.SupportsRevoke(o)
}

// SyncRenamed is imapsync.Renamed.
func SyncRenamed(e imapsync.Event, name string) imapsync.Event {
	return imapsync.Renamed(e, name)
}
