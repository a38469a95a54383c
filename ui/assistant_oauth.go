package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/domain"
)

// The assistant at a provider that needs OAuth2 (Microsoft 365, Google):
// the password step becomes a sign-in step. The admin enters the client
// ID of the office's own app registration (for Microsoft the tenant),
// presses Sign in and signs in in the browser with the company's mailbox;
// the sign-in is kept under the company SMTP login's key. Check logs in
// to both servers with it, and Save stores the company SMTP login and the
// company IMAP default as OAuth2, so that the accounts follow. The first
// user then signs in to their own mailbox, under their account's key.

// newCompanyOAuth is the company login's authentication on the sign-in
// step; Password stays a choice (Google also takes app passwords).
func (a *assistant) newCompanyOAuth() *oauthFields {
	return newOAuthFields(a.w, a.password, loginSource{
		key:  func() (string, error) { return app.SecretCompanySMTP, nil },
		hint: func() string { return a.username.Text }})
}

// newUserOAuth is the user account's sign-in: the method and app
// registration are the company IMAP default's, the key the account's.
func (a *assistant) newUserOAuth() *oauthFields {
	return newOAuthFields(a.w, nil, loginSource{
		fixed: func() (domain.AuthMethod, domain.OAuth) { return a.coAuth, a.coOAuth },
		hint:  func() string { return firstNonEmpty(a.userLogin.Text, a.userEmail.Text) },
		key: func() (string, error) {
			name := strings.TrimSpace(a.userName.Text)
			if name == "" {
				return "", errNameFirst()
			}
			return app.SecretUserIMAP(name, 0), nil
		}})
}

// foundProvider is the OAuth2 provider the found servers need, or "".
func (a *assistant) foundProvider() domain.Provider {
	c := a.res.Chosen
	if c == nil {
		return ""
	}
	f := found{foundServers: *c}
	if p := foundProvider(f, c.SMTP); p != "" {
		return p
	}
	return foundProvider(f, c.IMAP)
}

// foundAuth sets the company login's method for the found servers: OAuth2
// at their provider (a client ID entered before is kept), else Password.
func (a *assistant) foundAuth() {
	if p := a.foundProvider(); p != "" {
		a.oauth.useProvider(p)
	} else {
		a.oauth.set(domain.AuthPassword, domain.OAuth{})
	}
}

// signInPage is the step in place of the password for an OAuth2 provider.
func (a *assistant) signInPage(p domain.Provider) fyne.CanvasObject {
	note := widget.NewLabel(signInText(p))
	note.Wrapping, note.Importance = fyne.TextWrapWord, widget.WarningImportance
	form := widget.NewForm(widget.NewFormItem(t("assistant.username", "User name"), a.username),
		a.oauth.item(t("oauth.method", "Sign-in method")),
		widget.NewFormItem(t("assistant.password", "Password"), a.password))
	check := widget.NewButton(t("assistant.check", "Check"), a.check)
	return page(t("assistant.signin_title", "Sign in and Check"),
		t("assistant.signin_text", "Enter the client ID of the office's own app registration (made once by whoever manages the office's Microsoft 365 or Google account; for Microsoft 365 also the tenant, the office's domain, or leave it empty for any work or school account), press Sign in and sign in in the browser with the company's mailbox. Check logs in to both servers with that sign-in and sends nothing; the sign-in stays in the system keyring, no password is stored."),
		container.NewVBox(note, form, a.result.box),
		widget.NewButton(t("assistant.back", "Back"), func() { a.show(1) }), check, a.saveBtn)
}

// checkSignedIn is Check with the company login's sign-in: IMAP and SMTP
// both log in with its token.
func (a *assistant) checkSignedIn() {
	imap, smtp := a.endpoints()
	user := strings.TrimSpace(a.username.Text)
	method, o := a.oauth.read()
	act := a.w.backend.Actions
	a.w.runLong(t("assistant.check", "Check"), func(ctx context.Context) func() {
		ires, ierr := act.CheckIMAPWithAuth(ctx, imap, user, method, o, app.SecretCompanySMTP)
		sres, serr := act.CheckSMTPWithAuth(ctx, smtp, user, method, o, app.SecretCompanySMTP)
		return func() {
			ok := ierr == nil && serr == nil
			a.result.show(ok, "IMAP: "+imapResult(ires, ierr)+"\nSMTP: "+smtpResult(serr), "", sres.Transcript)
			setEnabled(ok, a.saveBtn)
			a.tell("checked")
		}
	}, func() { a.result.show(false, canceledText(), "", "") })
}

// companyAuth puts the company login's method on co: for OAuth2 the SMTP
// login and the IMAP default both, so the accounts follow. A password
// office's IMAP default is left as it is.
func (a *assistant) companyAuth(co *app.Company) {
	if a.oauth.oauth2() {
		m, o := a.oauth.read()
		co.SMTPLogin.AuthMethod, co.SMTPLogin.OAuth = m, o
		co.IMAPAuth, co.IMAPOAuth = m, o
	}
	a.coAuth, a.coOAuth = co.IMAPAuth, co.IMAPOAuth
}

// userLogIn is how Check logs the user's account in: with the typed
// password, or at an OAuth2 office with the user's own sign-in.
func (a *assistant) userLogIn() (func(context.Context, app.Endpoint) (app.SyncCheckResult, error), error) {
	act := a.w.backend.Actions
	login := strings.TrimSpace(a.userLogin.Text)
	if !a.coAuth.IsOAuth2() {
		pw := a.userPass.Text
		return func(ctx context.Context, e app.Endpoint) (app.SyncCheckResult, error) {
			return act.CheckIMAPWith(ctx, e, login, pw)
		}, nil
	}
	l, err := a.userOAuth.current()
	if err != nil {
		return nil, err
	}
	method, o := a.coAuth, a.coOAuth
	return func(ctx context.Context, e app.Endpoint) (app.SyncCheckResult, error) {
		return act.CheckIMAPWithAuth(ctx, e, login, method, o, l.Key)
	}, nil
}
