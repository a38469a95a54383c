package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/explain"
)

// page lays out one step: a bold title, what to do, the step's body and
// its buttons at the bottom.
func page(title, text string, body fyne.CanvasObject, buttons ...fyne.CanvasObject) fyne.CanvasObject {
	head := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	intro := widget.NewLabel(text)
	intro.Wrapping = fyne.TextWrapWord
	return container.NewBorder(container.NewVBox(head, intro, widget.NewSeparator()), container.NewHBox(buttons...),
		nil, nil, container.NewVScroll(body))
}

func (a *assistant) skipButton() *widget.Button {
	return widget.NewButton(t("assistant.skip", "Skip the assistant"), a.skip)
}

func (a *assistant) companyPage() fyne.CanvasObject {
	next := widget.NewButton(t("autoconfig.button", "Find settings"), a.find)
	next.Importance = widget.HighImportance
	return page(t("assistant.welcome", "Welcome to Postbridge"),
		t("assistant.welcome_text", "Type the company's name and its general e-mail address. Postbridge finds the mail servers, you check them with the password, and nothing is stored before you save."),
		widget.NewForm(widget.NewFormItem(t("assistant.company_name", "Company name"), a.name),
			widget.NewFormItem(t("autoconfig.address", "E-mail address"), a.email)),
		a.skipButton(), next)
}

func (a *assistant) foundPage() fyne.CanvasObject {
	tried := widget.NewButton(t("autoconfig.tried", "Sources tried"), func() {
		d := dialog.NewCustom(t("autoconfig.tried", "Sources tried"), t("autoconfig.close", "Close"),
			container.NewVScroll(widget.NewLabel(attemptsText(a.res))), a.w.win)
		d.Resize(fyne.NewSize(700, 420))
		d.Show()
	})
	form := widget.NewForm(
		widget.NewFormItem(t("assistant.imap_host", "IMAP server"), a.imap.host),
		widget.NewFormItem(t("assistant.imap_port", "IMAP port"), a.imap.port),
		widget.NewFormItem(t("assistant.imap_security", "IMAP encryption"), a.imap.security),
		widget.NewFormItem(t("assistant.smtp_host", "SMTP server"), a.smtp.host),
		widget.NewFormItem(t("assistant.smtp_port", "SMTP port"), a.smtp.port),
		widget.NewFormItem(t("assistant.smtp_security", "SMTP encryption"), a.smtp.security),
	)
	body := container.NewVBox(a.foundBy, container.NewHBox(tried), form)
	if c := a.res.Chosen; c != nil && a.res.NeedsConfirmation() {
		warn := widget.NewLabel(confirmText(a.res))
		warn.Wrapping, warn.Importance = fyne.TextWrapWord, widget.WarningImportance
		body.Add(warn)
		imap, smtp := a.chosen()
		if (imap != nil && imap.Fingerprint != "") || (smtp != nil && smtp.Fingerprint != "") {
			body.Add(a.pin)
		}
		if c.Insecure || (imap != nil && imap.Unsafe) || (smtp != nil && smtp.Unsafe) {
			body.Add(a.confirmed)
		}
	}
	next := widget.NewButton(t("assistant.next", "Next"), func() { a.show(2) })
	next.Importance = widget.HighImportance
	if a.needsConfirmed() {
		next.Disable()
		a.confirmed.OnChanged = func(on bool) { setEnabled(on, next) }
	}
	title, text := t("assistant.found_title", "Settings found"),
		t("assistant.found_text", "These are the servers Postbridge found for the address. Change them if your provider says otherwise.")
	if a.res.Chosen == nil { // the title must not say the opposite of the page
		title, text = t("assistant.notfound_title", "No settings found"),
			t("assistant.notfound_text", "Postbridge found no servers for this address. Fill them in as your provider names them, then go on.")
	}
	return page(title, text, body, widget.NewButton(t("assistant.back", "Back"), func() { a.show(0) }), a.skipButton(), next)
}

// needsConfirmed: a plain-HTTP file or an unencrypted server is used only
// after the admin ticks that they compared it.
func (a *assistant) needsConfirmed() bool {
	c := a.res.Chosen
	if c == nil {
		return false
	}
	imap, smtp := a.chosen()
	return !a.confirmed.Checked && (c.Insecure || (imap != nil && imap.Unsafe) || (smtp != nil && smtp.Unsafe))
}

func (a *assistant) checkPage() fyne.CanvasObject {
	a.saveBtn.Disable()
	if p := a.foundProvider(); p != "" {
		return a.signInPage(p)
	}
	body := container.NewVBox()
	body.Add(widget.NewForm(widget.NewFormItem(t("assistant.username", "User name"), a.username),
		widget.NewFormItem(t("assistant.password", "Password"), a.password)))
	body.Add(a.result.box)
	check := widget.NewButton(t("assistant.check", "Check"), a.check)
	return page(t("assistant.check_title", "Password and Check"),
		t("assistant.check_text", "Postbridge logs in to both servers with this password, lists the folders and sends nothing. The password goes to the system keyring when you save."),
		body, widget.NewButton(t("assistant.back", "Back"), func() { a.show(1) }), check, a.saveBtn)
}

// check logs in to the IMAP and SMTP servers on the pages.
func (a *assistant) check() {
	if a.oauth.oauth2() {
		a.checkSignedIn()
		return
	}
	imap, smtp := a.endpoints()
	user, pw := strings.TrimSpace(a.username.Text), a.password.Text
	act := a.w.backend.Actions
	a.w.runLong(t("assistant.check", "Check"), func(ctx context.Context) func() {
		ires, ierr := act.CheckIMAPWith(ctx, imap, user, pw)
		sres, serr := act.CheckSMTPWith(ctx, smtp, true, user, pw)
		return func() {
			ok := ierr == nil && serr == nil
			a.result.show(ok, "IMAP: "+imapResult(ires, ierr)+"\nSMTP: "+smtpResult(serr), "", sres.Transcript)
			setEnabled(ok, a.saveBtn)
			a.tell("checked")
		}
	}, func() { a.result.show(false, canceledText(), "", "") })
}

func imapResult(res app.SyncCheckResult, err error) string {
	if err != nil {
		return explain.Error(err)
	}
	return imapOutcome(res)
}

func smtpResult(err error) string {
	if err != nil {
		return explain.Error(err)
	}
	return t("company.smtp.check_ok", "The server accepted the connection and the login.")
}

// saveCompany stores the checked settings and the password (keyring);
// an OAuth2 login keeps its sign-in, made under the same key.
func (a *assistant) saveCompany() {
	st := a.w.backend.Actions
	co, err := st.Company()
	if err == nil {
		co.Name, co.Email = strings.TrimSpace(a.name.Text), strings.TrimSpace(a.email.Text)
		co.IMAP, co.SMTP = a.endpoints()
		co.SMTPAuth = true
		co.SMTPLogin = app.Login{Username: strings.TrimSpace(a.username.Text), SecretKey: app.SecretCompanySMTP}
		a.companyAuth(&co)
		err = st.SaveCompany(&co)
	}
	if err == nil && !a.oauth.oauth2() { // a sign-in is in the keyring already
		err = a.w.backend.Secrets.Set(app.SecretCompanySMTP, a.password.Text)
	}
	if err != nil {
		a.result.show(false, explain.Error(err), "", "")
		return
	}
	a.userEmail.SetText(strings.TrimSpace(a.email.Text))
	a.userLogin.SetText(strings.TrimSpace(a.username.Text))
	a.show(3)
}

func (a *assistant) donePage() fyne.CanvasObject {
	another := widget.NewButton(t("assistant.another_user", "Add another user"), func() {
		for _, e := range []*widget.Entry{a.userName, a.userEmail, a.userLogin, a.userPass} {
			e.SetText("")
		}
		a.show(3)
	})
	open := widget.NewButton(t("assistant.open", "Open Postbridge"), func() {
		a.w.assistant = nil
		a.w.display(2) // Users: where the next step, more users, happens
	})
	open.Importance = widget.HighImportance
	return page(t("assistant.done_title", "Postbridge is set up"),
		t("assistant.done_text", "The company's mail settings and the first user are saved and checked. Press Synchronize in the toolbar to import the mail; the assistant can be opened again from the Company screen."),
		widget.NewLabel(""), another, open)
}

// sameServer reports whether found names the company's IMAP server.
func sameServer(found *app.AutoconfigServer, company app.Endpoint) bool {
	return found == nil || (strings.EqualFold(found.Host, company.Host) && found.Port == company.Port)
}
