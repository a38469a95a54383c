package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/explain"
)

// userPage adds a user with one IMAP account, found and checked the same
// way as the company's; an address in the company's domain uses the
// company's IMAP server.
func (a *assistant) userPage() fyne.CanvasObject {
	a.userSaveBtn.Disable()
	body := widget.NewForm(
		widget.NewFormItem(t("assistant.user_name", "Name"), a.userName),
		widget.NewFormItem(t("autoconfig.address", "E-mail address"), a.userEmail),
		widget.NewFormItem(t("assistant.username", "User name"), a.userLogin),
	)
	text := t("assistant.user_text", "Add the user whose mail Postbridge imports: name, e-mail address and the mailbox's login. Check finds the servers for the address and logs in.")
	if a.coAuth.IsOAuth2() {
		a.userOAuth.set(a.coAuth, a.coOAuth) // shown as the company's, not offered
		body.AppendItem(a.userOAuth.item(t("oauth.method", "Sign-in method")))
		text = t("assistant.user_signin_text", "Add the user whose mail Postbridge imports: name, e-mail address and the mailbox's login. The account signs in the way the company's does: press Sign in and let the user sign in to their own mailbox in the browser, then Check.")
	} else {
		body.AppendItem(widget.NewFormItem(t("assistant.password", "Password"), a.userPass))
	}
	check := widget.NewButton(t("assistant.check", "Check"), a.checkUser)
	later := widget.NewButton(t("assistant.later", "Later"), func() { a.show(4) })
	return page(t("assistant.user_title", "The first user"), text,
		container.NewVBox(body, a.userResult.box), later, check, a.userSaveBtn)
}

// checkUser finds the user's IMAP server (the company's for its domain)
// and logs in.
func (a *assistant) checkUser() {
	address := strings.TrimSpace(a.userEmail.Text)
	logIn, err := a.userLogIn()
	if err != nil {
		a.userResult.show(false, explain.Error(err), "", "")
		return
	}
	company, _ := a.endpoints()
	sameDomain := domainOf(address) == domainOf(a.email.Text)
	act := a.w.backend.Actions
	a.w.runLong(t("assistant.check", "Check"), func(ctx context.Context) func() {
		own := app.Endpoint{}
		var found app.AutoconfigResult
		var err error
		if !sameDomain {
			if found, err = act.FindSettings(ctx, address); err == nil && !sameServer(found.Chosen.IMAP, company) {
				s := found.Chosen.IMAP
				own = app.Endpoint{Host: s.Host, Port: s.Port, Security: s.Security}
			}
		}
		use := company
		if own.Host != "" {
			use = own
		}
		res, cerr := logIn(ctx, use)
		return func() {
			a.userOwn = own
			text := imapResult(res, cerr)
			if found.Chosen != nil {
				text = t("autoconfig.found_by", "Found by {{.Source}}.", map[string]string{"Source": sourceName(found.FoundBy)}) + "\n" + text
			}
			a.userResult.show(cerr == nil, text, "", "")
			setEnabled(cerr == nil, a.userSaveBtn)
			a.tell("user checked")
		}
	}, func() { a.userResult.show(false, canceledText(), "", "") })
}

func domainOf(address string) string {
	_, d, err := app.AutoconfigSplitAddress(address)
	if err != nil {
		return ""
	}
	return d
}

// saveUser stores the user with one IMAP account and its password.
func (a *assistant) saveUser() {
	st := a.w.backend.Actions
	name := strings.TrimSpace(a.userName.Text)
	u := app.User{Name: name, Email: strings.TrimSpace(a.userEmail.Text)}
	err := st.SaveUser(&u)
	if err == nil {
		acc := newAccount(u.ID)
		acc.Address, acc.IsDefault = u.Email, true
		acc.Login = app.Login{Username: strings.TrimSpace(a.userLogin.Text), SecretKey: app.SecretUserIMAP(name, 0)}
		acc.Endpoint = a.userOwn
		// An OAuth2 office's account names no method: it follows the
		// company IMAP default, and its sign-in is under its key already.
		if err = st.SaveImapAccount(&acc); err == nil && !a.coAuth.IsOAuth2() {
			err = a.w.backend.Secrets.Set(acc.SecretKey, a.userPass.Text)
		}
	}
	if err != nil {
		a.userResult.show(false, explain.Error(err), "", "")
		return
	}
	a.w.toolbar.loadUsers()
	a.show(4)
}
