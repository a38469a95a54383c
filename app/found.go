package app

import (
	"context"

	"postbridge/domain"
	"postbridge/mail/autoconfig"
	"postbridge/mail/imapsync"
	"postbridge/mail/smtpsend"
	"postbridge/storage"
)

// FindSettings is the Find settings button: every autoconfig source for
// address, in order, with the Actions' certificate roots.
func (a *Actions) FindSettings(ctx context.Context, address string) (autoconfig.Result, error) {
	var f autoconfig.Finder
	if a.Finder != nil {
		f = *a.Finder
	}
	if f.Roots == nil {
		f.Roots = a.Roots
	}
	return f.Find(ctx, address)
}

// CheckIMAPWith checks IMAP settings that are not saved yet (found
// settings, the first-start assistant) with a typed password. The
// certificate is verified, or must match e.TLSFingerprint, before the
// password is sent.
func (a *Actions) CheckIMAPWith(ctx context.Context, e storage.Endpoint, username, password string) (imapsync.CheckResult, error) {
	srv := a.foundServer(e, defaultIMAPPort, true, username)
	srv.Password = password
	return imapsync.Check(ctx, srv)
}

// CheckIMAPWithAuth is CheckIMAPWith for a login by its method: OAuth2
// with the sign-in kept under key (the assistant checks after Sign in,
// before anything is saved), or the password stored there.
func (a *Actions) CheckIMAPWithAuth(ctx context.Context, e storage.Endpoint, username string, method domain.AuthMethod, o domain.OAuth, key string) (imapsync.CheckResult, error) {
	srv := a.foundServer(e, defaultIMAPPort, true, username)
	if err := a.credentials(&srv, method, o, key, "imap login "+username); err != nil {
		return imapsync.CheckResult{}, err
	}
	return imapsync.Check(ctx, srv)
}

// foundServer is an endpoint not saved yet as a server to log in to.
func (a *Actions) foundServer(e storage.Endpoint, port func(storage.Security) int, auth bool, username string) domain.Server {
	if e.Port == 0 {
		e.Port = port(e.Security)
	}
	return domain.Server{Host: e.Host, Port: e.Port, Security: e.Security, Pinned: e.TLSFingerprint,
		Roots: a.Roots, Auth: auth, Username: username}
}

// CheckSMTPWith is CheckIMAPWith for SMTP: connect, secure, log in,
// send nothing. The transcript is redacted.
func (a *Actions) CheckSMTPWith(ctx context.Context, e storage.Endpoint, auth bool, username, password string) (SendResult, error) {
	srv := a.foundServer(e, defaultSMTPPort, auth, username)
	srv.Password = password
	checked, err := smtpsend.Check(ctx, srv)
	return SendResult{Transcript: checked.Transcript}, err
}

// CheckSMTPWithAuth is CheckIMAPWithAuth for SMTP: log in by the
// method, with the sign-in or password under key; send nothing.
func (a *Actions) CheckSMTPWithAuth(ctx context.Context, e storage.Endpoint, username string, method domain.AuthMethod, o domain.OAuth, key string) (SendResult, error) {
	srv := a.foundServer(e, defaultSMTPPort, true, username)
	if err := a.credentials(&srv, method, o, key, "smtp login "+username); err != nil {
		return SendResult{}, err
	}
	checked, err := smtpsend.Check(ctx, srv)
	return SendResult{Transcript: checked.Transcript, Mechanism: checked.Mechanism}, err
}

// CheckIMAPFound checks a found IMAP endpoint, not saved yet, with a
// login: the typed password, else the one stored under secretKey. With
// userName (and no username) the login is that user's default account,
// as the company IMAP tab's "Check with the account of".
func (a *Actions) CheckIMAPFound(ctx context.Context, e storage.Endpoint, userName, username, typed, secretKey string) (imapsync.CheckResult, error) {
	if userName != "" && username == "" {
		_, acc, err := a.userAccount(userName)
		if err != nil {
			return imapsync.CheckResult{}, err
		}
		username, secretKey = acc.Username, acc.SecretKey
	}
	pw, err := a.typedOrStored(typed, secretKey, "imap login "+username)
	if err != nil {
		return imapsync.CheckResult{}, err
	}
	return a.CheckIMAPWith(ctx, e, username, pw)
}

// CheckSMTPFound is CheckIMAPFound for an SMTP login.
func (a *Actions) CheckSMTPFound(ctx context.Context, e storage.Endpoint, username, typed, secretKey string) (SendResult, error) {
	pw, err := a.typedOrStored(typed, secretKey, "smtp login "+username)
	if err != nil {
		return SendResult{}, err
	}
	return a.CheckSMTPWith(ctx, e, true, username, pw)
}

// typedOrStored is the password typed on a card, or the stored one.
func (a *Actions) typedOrStored(typed, key, what string) (string, error) {
	if typed != "" {
		return typed, nil
	}
	return a.password(key, what)
}
