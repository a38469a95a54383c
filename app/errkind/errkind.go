// Package errkind names what went wrong as a problem value
// (postbridge/problem): the kind of the sentinel error an error wraps, the
// data of the typed errors that carry some, the server's codes, and the
// error's own text as the detail. The automatic sync stores a failure so
// (the health view) without knowing a sentence; explain words the kinds.
package errkind

import (
	"errors"
	"io/fs"

	"postbridge/app"
	"postbridge/mail/autoconfig"
	"postbridge/mail/bearer"
	"postbridge/mail/imapsync"
	"postbridge/mail/mailerr"
	"postbridge/mail/oauth"
	"postbridge/mail/route"
	"postbridge/mail/tlsverify"
	"postbridge/problem"
	"postbridge/storage"
)

// Sentinel is a sentinel error and the kind of the problem it is.
type Sentinel struct {
	Err  error
	Kind string
}

// Sentinels lists every sentinel with its kind, most specific first: an
// error that wraps several is the first one's kind.
func Sentinels() []Sentinel {
	return []Sentinel{
		{storage.ErrKeyringUnavailable, "keyring"},
		{storage.ErrCredentialsReadOnly, "credentials_read_only"},
		{storage.ErrPasswordInDSN, "password_in_dsn"},
		{storage.ErrNoDBPassword, "no_db_password"},
		{mailerr.ErrHostNotFound, "host_not_found"},
		{mailerr.ErrConnectionRefused, "refused"},
		{mailerr.ErrTimeout, "timeout"},
		{mailerr.ErrTLSHandshake, "tls_handshake"},
		{mailerr.ErrSTARTTLSNotOffered, "no_starttls"},
		{mailerr.ErrAuthFailed, "auth_failed"},
		{mailerr.ErrAuthNotOffered, "auth_not_offered"},
		{mailerr.ErrOAuthRequired, "oauth"},
		{bearer.ErrInsufficientScope, "no_mail_permission"},
		{bearer.ErrTokenRefused, "token_refused"},
		{oauth.ErrSignInAgain, "sign_in_again"},
		{oauth.ErrNotSignedIn, "not_signed_in"},
		{oauth.ErrConsentDenied, "consent_denied"},
		{oauth.ErrClientUnknown, "client_unknown"},
		{oauth.ErrWrongTenant, "wrong_tenant"},
		{oauth.ErrUnreachable, "provider_unreachable"},
		{oauth.ErrNotConfigured, "oauth_not_configured"},
		{oauth.ErrNoDevice, "no_device"},
		{oauth.ErrProvider, "provider_refused"},
		{app.ErrNotOAuth2, "not_oauth2"},
		{app.ErrUnknownLogin, "unknown_login"},
		{mailerr.ErrRelayDenied, "relay_denied"},
		{mailerr.ErrSenderRejected, "sender_rejected"},
		{mailerr.ErrRecipientRejected, "recipient_rejected"},
		{mailerr.ErrTryLater, "try_later"},
		{mailerr.ErrEncryptionRequired, "encryption_required"},
		{mailerr.ErrAuthRequired, "auth_required"},
		{mailerr.ErrAuthTooWeak, "auth_too_weak"},
		{mailerr.ErrPasswordExpired, "password_expired"},
		{mailerr.ErrContactAdmin, "contact_admin"},
		{mailerr.ErrOverQuota, "over_quota"},
		{mailerr.ErrMessageTooBig, "message_too_big"},
		{mailerr.ErrMessageRejected, "message_rejected"},
		{mailerr.ErrResponseTooLarge, "response_too_large"},
		{mailerr.ErrMessageRefused, "message_refused"},
		{app.ErrPanic, "internal_error"},
		{mailerr.ErrCanceled, "canceled"},
		{storage.ErrLeaseLost, "lease_lost"},
		{autoconfig.ErrBadAddress, "not_an_address"},
		{autoconfig.ErrNoDNS, "no_dns"},
		{autoconfig.ErrNothingFound, "nothing_found"},
		{imapsync.ErrFolderMissing, "folder_missing"},
		{route.ErrBadFrom, "route_bad_from"},
		{route.ErrNoServer, "route_no_server"},
		{route.ErrWorkLocationUnknown, "route_work_location_unknown"},
		{route.ErrMissingLogin, "route_missing_login"},
		{route.ErrMissingEmployeeCredentials, "route_missing_employee_login"},
		{route.ErrInvalidSetting, "route_invalid_setting"},
		{app.ErrNotMailboxMode, "not_mailbox_mode"},
		{app.ErrNotViaOwnServer, "not_via_own_server"},
		{app.ErrNoImapAccount, "no_imap_account"},
		{app.ErrNoAutoAccount, "no_auto_account"},
		{app.ErrNoSecretKey, "no_secret_key"},
		{app.ErrNoHost, "no_host"},
		{storage.ErrNoAttachmentPath, "no_attachment_path"},
		{storage.ErrNotFound, "not_found"},
		{fs.ErrNotExist, "file_not_found"},
		{fs.ErrPermission, "permission"},
	}
}

// The kinds of the typed errors that carry data; their arguments are named
// in the comment.
const (
	KindMissingSecret        = "missing_secret"        // Key: the secret's key in the keyring
	KindMissingCredential    = "missing_credential"    // Key, Name: the systemd credential
	KindUntrustedCertificate = "untrusted_certificate" // Fingerprint (SHA-256), detail
)

// Of is err as a problem: its kind, the data a typed error carries, the
// server's reply codes, and the error's own text as "detail" (what was
// asked of which server, in the protocol's words). An error of no known
// kind is storage.ErrorProblem with its text. Temporary is the caller's
// to set: it depends on who decides what passes.
func Of(err error) problem.P {
	if err == nil {
		return problem.P{}
	}
	p := kindOf(err).With("detail", err.Error())
	var reply *mailerr.ReplyError
	if errors.As(err, &reply) {
		p.Code, p.Enhanced = reply.Code, reply.Enhanced
	}
	return p
}

func kindOf(err error) problem.P {
	var missing *storage.MissingSecretError
	var credential *storage.MissingCredentialError
	var cert *tlsverify.CertificateError
	switch {
	case errors.As(err, &credential):
		return problem.New(KindMissingCredential, "Key", credential.Key, "Name", storage.CredentialName(credential.Key))
	case errors.As(err, &missing):
		return problem.New(KindMissingSecret, "Key", missing.Key)
	case errors.As(err, &cert):
		return problem.New(KindUntrustedCertificate, "Fingerprint", cert.Fingerprint)
	}
	for _, s := range Sentinels() {
		if errors.Is(err, s.Err) {
			return problem.New(s.Kind)
		}
	}
	return problem.New(storage.ErrorProblem)
}
