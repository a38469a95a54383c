// Package explain is the one place where an error becomes the sentence a
// person reads, for the window and the command line alike. Translations
// of these sentences come with the translation issue; the error's own
// text, with the server's words, always follows.
package explain

import (
	"errors"
	"io/fs"
	"strings"

	"postbridge/mail/actions"
	"postbridge/mail/imapsync"
	"postbridge/mail/mailerr"
	"postbridge/mail/tlsverify"
	"postbridge/storage"
)

// explanations map what went wrong to the sentence a person reads first;
// the error's own text follows, so that support sees what failed beneath.
var explanations = []struct {
	kind error
	text string
}{
	{storage.ErrKeyringUnavailable, "the system keyring cannot be used (on Linux a Secret Service such as gnome-keyring must be running and unlocked)"},
	{mailerr.ErrHostNotFound, "the server's name is not known: check the host name"},
	{mailerr.ErrConnectionRefused, "nothing answers on that port: check the port number and that the server runs"},
	{mailerr.ErrTimeout, "the server did not answer in time: check host, port and firewall"},
	{mailerr.ErrTLSHandshake, "the secure connection failed: the port and the encryption setting probably do not match (SSL/TLS versus STARTTLS)"},
	{mailerr.ErrSTARTTLSNotOffered, "the server does not offer STARTTLS: choose SSL/TLS, another port, or 'TLS if available'"},
	{mailerr.ErrAuthFailed, "the server refused the user name or password"},
	{mailerr.ErrAuthNotOffered, "the server accepts no password login here"},
	{mailerr.ErrOAuthRequired, "the server only accepts OAuth sign-in, which Postbridge does not do: ask the provider for an app password or SMTP/IMAP access"},
	{mailerr.ErrRelayDenied, "the server will not pass mail on to that recipient (relay denied): turn on authentication or use another server"},
	{mailerr.ErrSenderRejected, "the server refused the sender address"},
	{mailerr.ErrRecipientRejected, "the server refused the recipient"},
	{mailerr.ErrCanceled, "canceled"},
	{imapsync.ErrFolderMissing, "the folder does not exist on the server (names are case-sensitive)"},
	{actions.ErrNoImapAccount, "the user has no IMAP account"},
	{actions.ErrNoSecretKey, "no password is set for this login: give it a \"secret\" key in the settings and store the password with postbridge secret set"},
	{actions.ErrNoHost, "no server host is set, neither on the account nor for the company"},
	{storage.ErrNoAttachmentPath, "attachments are saved and opened only when the company has an attachment path (Company, General)"},
	{storage.ErrNotFound, "not found"},
	{fs.ErrNotExist, "file not found"},
	{fs.ErrPermission, "permission denied"},
}

// Error turns an error into the line a person reads: the sentence first,
// the error's own text (with the server's words) after it.
func Error(err error) string {
	if text, ok := databaseTooNew(err); ok {
		return text
	}
	var missing *storage.MissingSecretError
	var cert *tlsverify.CertificateError
	var role *storage.RoleInUseError
	switch {
	case errors.As(err, &role):
		return "the role " + role.Role + " is still given to " + strings.Join(role.Users, ", ") +
			": give them another role first, then delete it"
	case errors.As(err, &missing):
		return "no password is stored on this computer for " + missing.Key +
			"; store it with: postbridge secret set " + missing.Key
	case errors.As(err, &cert):
		return "the server's certificate is not trusted (SHA-256 fingerprint " + cert.Fingerprint +
			"); if you have checked it with the server's owner, pin it as tls_fingerprint: " + err.Error()
	}
	for _, e := range explanations {
		if errors.Is(err, e.kind) {
			return e.text + ": " + err.Error()
		}
	}
	return err.Error()
}
