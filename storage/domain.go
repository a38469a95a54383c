package storage

import "postbridge/domain"

// The settings rows are the domain package's types: storage maps them to
// tables. These names keep storage.X working for callers.
type (
	Security      = domain.Security
	Endpoint      = domain.Endpoint
	Login         = domain.Login
	AuthMethod    = domain.AuthMethod
	OAuth         = domain.OAuth
	Provider      = domain.Provider
	Company       = domain.Company
	OwnServerMode = domain.OwnServerMode
	OwnServerAuth = domain.OwnServerAuth
	OwnServer     = domain.OwnServer
	MailAuth      = domain.MailAuth
	MailServer    = domain.MailServer
	SendingDomain = domain.SendingDomain
	Role          = domain.Role
	User          = domain.User
	SyncMode      = domain.SyncMode
	ImapAccount   = domain.ImapAccount
	AccountSMTP   = domain.AccountSMTP
	ImapFolder    = domain.ImapFolder
)

// Constants of the domain types, under their storage names.
const (
	SecurityNone             = domain.SecurityNone
	SecuritySTARTTLS         = domain.SecuritySTARTTLS
	SecuritySTARTTLSOptional = domain.SecuritySTARTTLSOptional
	SecurityTLS              = domain.SecurityTLS
	AuthPassword             = domain.AuthPassword
	AuthOAuth2               = domain.AuthOAuth2
	ProviderMicrosoft        = domain.ProviderMicrosoft
	ProviderGoogle           = domain.ProviderGoogle
	ProviderCustom           = domain.ProviderCustom
	OwnServerOff             = domain.OwnServerOff
	OwnServerRelay           = domain.OwnServerRelay
	OwnServerMailbox         = domain.OwnServerMailbox
	OwnAuthPassword          = domain.OwnAuthPassword
	OwnAuthIPWhitelist       = domain.OwnAuthIPWhitelist
	MailAuthNone             = domain.MailAuthNone
	MailAuthCentral          = domain.MailAuthCentral
	MailAuthPerEmployee      = domain.MailAuthPerEmployee
	ModeTransfer             = domain.ModeTransfer
	ModeMirror               = domain.ModeMirror
)

// Keyring keys, as the domain package names them.
const (
	SecretCompanySMTP = domain.SecretCompanySMTP
	SecretOwnServer   = domain.SecretOwnServer
)

// SecretMailServer is domain.SecretMailServer.
func SecretMailServer(identification string) string { return domain.SecretMailServer(identification) }

// SecretUserIMAP is domain.SecretUserIMAP.
func SecretUserIMAP(user string, index int) string { return domain.SecretUserIMAP(user, index) }

// SecretUserSMTP is domain.SecretUserSMTP.
func SecretUserSMTP(user string) string { return domain.SecretUserSMTP(user) }

// SecretUserWork is domain.SecretUserWork.
func SecretUserWork(user string) string { return domain.SecretUserWork(user) }
