// Package explain is the one place where an error becomes the sentence a
// person reads, for the window and the command line alike. Each sentence
// has a key ("explain.<name>"); the window installs a Translator so it
// speaks the window's language, the command line keeps English. The
// error's own text, with the server's words, always follows.
package explain

import (
	"errors"
	"strings"

	"postbridge/app/errkind"
	"postbridge/mail/tlsverify"
	"postbridge/storage"
)

// explanations map what went wrong to the sentence a person reads first;
// the error's own text follows, so that support sees what failed beneath.
var explanations = func() []explanation {
	var out []explanation
	for _, k := range errkind.Sentinels() {
		out = append(out, explanation{kind: k.Err, key: k.Kind, text: texts[k.Kind]})
	}
	return out
}()

// explanation is one sentinel error with its sentence.
type explanation struct {
	kind error
	key  string
	text string
}

// texts are the sentences of errkind's kinds, in English.
var texts = map[string]string{
	"keyring":                      "the system keyring cannot be used (on Linux a Secret Service such as gnome-keyring must be running and unlocked); a service without a desktop reads its passwords from systemd credentials instead (postbridge secret credential KEY)",
	"credentials_read_only":        "this service reads its passwords from systemd credentials and cannot change them: make the credential anew with postbridge secret credential and restart the service",
	"password_in_dsn":              "a password in --db or POSTBRIDGE_DB can be read by every user of this computer: take it out of the URL and store it with postbridge secret set db/postgres, or put it in a PGPASSFILE",
	"no_db_password":               "PostgreSQL asks for a password and none is stored on this computer: store it with postbridge secret set db/postgres, or put it in a PGPASSFILE",
	"host_not_found":               "the server's name is not known: check the host name",
	"refused":                      "nothing answers on that port: check the port number and that the server runs",
	"timeout":                      "the server did not answer in time: check host, port and firewall",
	"tls_handshake":                "the secure connection failed: the port and the encryption setting probably do not match (SSL/TLS versus STARTTLS)",
	"no_starttls":                  "the server does not offer STARTTLS: choose SSL/TLS, another port, or 'TLS if available'",
	"auth_failed":                  "the server refused the user name or password",
	"auth_not_offered":             "the server accepts no password login here",
	"oauth":                        "the server only accepts OAuth2 sign-in: choose OAuth2 as this login's authentication, enter the provider and client ID, and sign in",
	"no_mail_permission":           "the sign-in does not give access to the mailbox: give the app registration the IMAP and SMTP permissions (Microsoft: IMAP.AccessAsUser.All and SMTP.Send; Google: https://mail.google.com/) and make sure IMAP is enabled for the mailbox",
	"token_refused":                "the mail server refused the sign-in although the provider issued it: check that the user name is the mailbox's address and that IMAP and SMTP sign-in are enabled for the mailbox",
	"sign_in_again":                "the sign-in has expired or was revoked: sign in again",
	"not_signed_in":                "this login uses OAuth2 and no one has signed in on this computer yet: press Sign in",
	"consent_denied":               "the permissions were not granted: sign in again and accept them, or ask the tenant's administrator to grant consent for the app",
	"client_unknown":               "the provider does not know this client ID: check the client ID of the office's app registration (for Microsoft also the tenant it is registered in)",
	"wrong_tenant":                 "Microsoft does not know this tenant, or the account belongs to another one: enter organizations, common, or the tenant's ID or domain",
	"provider_unreachable":         "the sign-in provider cannot be reached: check the internet connection and any proxy",
	"oauth_not_configured":         "OAuth2 is not set up for this login: choose the provider and enter the client ID of the office's app registration",
	"no_device":                    "this provider offers no sign-in with a code: sign in with the browser",
	"provider_refused":             "the sign-in provider refused",
	"not_oauth2":                   "this login uses a password: choose OAuth2 as its authentication first",
	"unknown_login":                "there is no such login",
	"relay_denied":                 "the server will not pass mail on to that recipient (relay denied): turn on authentication or use another server",
	"sender_rejected":              "the server refused the sender address",
	"recipient_rejected":           "the server refused the recipient",
	"try_later":                    "the server cannot do this right now (a temporary failure): try again later",
	"encryption_required":          "the server wants an encrypted connection before logging in or sending: choose SSL/TLS or STARTTLS (on the port the server uses for it)",
	"auth_required":                "the server only accepts mail after a login: turn on authentication",
	"auth_too_weak":                "the server refuses this way of logging in as too weak: the account may need an app password or OAuth2 sign-in",
	"password_expired":             "the password has expired: set a new one with the mail provider, then store it in Postbridge",
	"contact_admin":                "the server refuses this account and asks you to contact its administrator (the account may be locked)",
	"over_quota":                   "the mailbox is full (over quota): make room in it or ask for more space",
	"message_too_big":              "the message is larger than the server accepts: send smaller or fewer attachments",
	"message_rejected":             "the server refused the message itself (its content)",
	"response_too_large":           "the server sent far more than was asked for (a faulty or hostile server): the connection was closed",
	"message_refused":              "a message on the server is larger than the server announced or than the company's maximum message size: it stays on the server and the health view lists it",
	"internal_error":               "an internal error in Postbridge stopped this account's sync; the other accounts went on (please report it with the log)",
	"canceled":                     "canceled",
	"lease_lost":                   "another process took the account over while this sync stalled, and this sync stopped; nothing is lost, the other process goes on",
	"not_an_address":               "that is not an e-mail address: type it as name@domain",
	"no_dns":                       "no name server answered, so nothing could be looked up: check the network connection (and the DNS server or VPN), then find the settings again",
	"nothing_found":                "no settings were found for this address: fill in the servers by hand, as the provider's help pages name them",
	"folder_missing":               "the folder does not exist on the server (names are case-sensitive)",
	"route_bad_from":               "the sender is not one e-mail address: check the e-mail address of the user or the IMAP account",
	"route_no_server":              "the server this mail goes through has no host: fill it in where the route names it (IMAP account, user card, mail server or company SMTP)",
	"route_work_location_unknown":  "the user's work location names a mail server that no longer exists: choose another on the user card",
	"route_missing_login":          "authentication is on, but no user name is set for the server this mail goes through",
	"route_missing_employee_login": "the work location's mail server logs in per employee, and this user has no user name for it (user card, General)",
	"route_invalid_setting":        "a setting of the server this mail goes through has a value Postbridge does not know",
	"not_mailbox_mode":             "the own mail server does not send from a service mailbox, so there are no send-as rights to check: choose 'Send from a mailbox' on the Own mail server tab",
	"not_via_own_server":           "this user's mail does not go out through the own mail server (the route above says where it goes): validate the user's sending domain, or remove the user's own SMTP server",
	"no_imap_account":              "the user has no IMAP account",
	"no_auto_account":              "no active IMAP account has 'Include in automatic send and receive' on (IMAP accounts, General)",
	"no_secret_key":                "no password is set for this login: give it a \"secret\" key in the settings and store the password with postbridge secret set",
	"no_host":                      "no server host is set, neither on the account nor for the company",
	"no_attachment_path":           "attachments are saved and opened only when the company has an attachment path (Company, General)",
	"not_found":                    "not found",
	"file_not_found":               "file not found",
	"permission":                   "permission denied",
}

// Error turns an error into the line a person reads: the sentence first,
// the error's own text (with the server's words) after it.
func Error(err error) string {
	if text, ok := databaseTooNew(err); ok {
		return text
	}
	if text, ok := accountBusy(err); ok {
		return text
	}
	var missing *storage.MissingSecretError
	var cert *tlsverify.CertificateError
	var role *storage.RoleInUseError
	var user *storage.UnknownUserError
	var credential *storage.MissingCredentialError
	var db *storage.UnsupportedDatabaseError
	switch {
	case errors.As(err, &user) && user.Similar != "":
		return tr("unknown_user_similar", unknownUserSimilarText, map[string]string{"Name": quote(user.Name), "Similar": quote(user.Similar)})
	case errors.As(err, &user):
		return tr("unknown_user", unknownUserText, map[string]string{"Name": quote(user.Name)})
	case errors.As(err, &db):
		return tr("unsupported_database", unsupportedDatabaseText, map[string]string{"Scheme": db.Scheme})
	case errors.As(err, &role):
		return tr("role_in_use", "the role {{.Role}} is still given to {{.Users}}: give them another role first, then delete it",
			map[string]string{"Role": role.Role, "Users": strings.Join(role.Users, ", ")})
	case errors.As(err, &credential):
		return tr("missing_credential", missingCredentialText, map[string]string{"Key": credential.Key, "Name": storage.CredentialName(credential.Key)})
	case errors.As(err, &missing):
		return tr("missing_secret", "no password is stored on this computer for {{.Key}}; store it with: postbridge secret set {{.Key}}",
			map[string]string{"Key": missing.Key})
	case errors.As(err, &cert):
		return tr("untrusted_certificate", "the server's certificate is not trusted (SHA-256 fingerprint {{.Fingerprint}}); if you have checked it with the server's owner, pin it as tls_fingerprint",
			map[string]string{"Fingerprint": cert.Fingerprint}) + ": " + err.Error()
	}
	for _, e := range explanations {
		if errors.Is(err, e.kind) {
			return withDetail(tr(e.key, e.text, nil), err, e.kind)
		}
	}
	return err.Error()
}

// Sentence is what Error says without the error's own text, for a screen
// that shows the server's words elsewhere (behind Detail). It reports
// false, with Error's text, when err has no sentence of its own.
func Sentence(err error) (string, bool) {
	full := Error(err)
	for _, e := range explanations {
		if errors.Is(err, e.kind) {
			if s := tr(e.key, e.text, nil); strings.HasPrefix(full, s) {
				return s, true
			}
		}
	}
	return full, false
}

// withDetail puts the error's own text after the sentence, without the
// sentinel's words the sentence has just said in full ("this login uses a
// password: choose OAuth2 …", not "…: this login uses a password, not
// OAuth2"): what is left is the context, what was asked of which server.
func withDetail(sentence string, err, kind error) string {
	return withDetailText(sentence, err.Error(), kind)
}

// withDetailText is withDetail for an error kept as its text.
func withDetailText(sentence, detail string, kind error) string {
	if detail == kind.Error() {
		return sentence
	}
	detail = strings.TrimSuffix(detail, ": "+kind.Error())
	return sentence + ": " + detail
}

// Sentences for errors that carry their own data.
const (
	unknownUserText         = "there is no user {{.Name}}: check the name as the Users screen or postbridge status shows it"
	unknownUserSimilarText  = "there is no user {{.Name}}; did you mean {{.Similar}}? (user names are case-sensitive)"
	missingCredentialText   = "this service was given no systemd credential {{.Name}} for {{.Key}}: make it with postbridge secret credential {{.Key}} and add the LoadCredentialEncrypted= line it prints to the service"
	unsupportedDatabaseText = "Postbridge cannot open a {{.Scheme}}:// database: give --db or POSTBRIDGE_DB a SQLite file path or a postgres:// URL"
)

// quote puts a name in double quotes, as the command line types it.
func quote(s string) string { return `"` + s + `"` }

// Translator gives the text of "explain.<key>" in the reader's language,
// filling {{.Name}} placeholders from data; english is the fallback.
type Translator func(key, english string, data map[string]string) string

// translator is English unless the window installs its own.
var translator Translator

// SetTranslator makes every sentence from now on come from t (the
// window's language); nil restores English.
func SetTranslator(t Translator) { translator = t }

func tr(key, english string, data map[string]string) string {
	if translator != nil {
		return translator("explain."+key, english, data)
	}
	return fill(english, data)
}

// fill replaces {{.Name}} with data[Name] in English sentences.
func fill(text string, data map[string]string) string {
	for k, v := range data {
		text = strings.ReplaceAll(text, "{{."+k+"}}", v)
	}
	return text
}

// Keys lists every sentence key with its English text, for the
// translations' completeness test.
func Keys() map[string]string {
	out := map[string]string{
		"explain.role_in_use":           "the role {{.Role}} is still given to {{.Users}}: give them another role first, then delete it",
		"explain.missing_secret":        "no password is stored on this computer for {{.Key}}; store it with: postbridge secret set {{.Key}}",
		"explain.untrusted_certificate": "the server's certificate is not trusted (SHA-256 fingerprint {{.Fingerprint}}); if you have checked it with the server's owner, pin it as tls_fingerprint",
		"explain.database_too_new":      databaseTooNewText,
		"explain.newer_postbridge":      "a newer Postbridge",
		"explain.account_busy":          accountBusyText,
		"explain.unknown_user":          unknownUserText,
		"explain.unknown_user_similar":  unknownUserSimilarText,
		"explain.unsupported_database":  unsupportedDatabaseText,
		"explain.missing_credential":    missingCredentialText,
	}
	for _, e := range explanations {
		out["explain."+e.key] = e.text
	}
	deliverKeys(out)
	sendAsKeys(out)
	problemKeys(out)
	return out
}

// Kind names the sentence that explains err ("auth_failed"), for keeping
// an error as text (the health view) and explaining it later in the
// reader's language; "" when no plain sentence applies.
func Kind(err error) string {
	for _, e := range explanations {
		if errors.Is(err, e.kind) {
			return e.key
		}
	}
	return ""
}
