package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/domain"
	"postbridge/explain"
)

// companySMTP is the SMTP tab, as manual 000's company tab: host,
// authorize, use SSL, port, user name, password, and the Check button;
// manual 002's "Send test e-mail" with its Detail button beside it.
type companySMTP struct {
	s        *companyScreen
	host     *widget.Entry
	auth     *widget.Check
	ssl      *widget.Check
	port     *widget.Entry
	username *widget.Entry
	password *widget.Entry
	testTo   *widget.Entry // a recipient for the test e-mail (manual 004); empty: the company address
	checkBtn *widget.Button
	sendBtn  *widget.Button
	result   *resultView
	oauth    *oauthFields
}

func newCompanySMTP(s *companyScreen) *companySMTP {
	c := &companySMTP{s: s, host: widget.NewEntry(), port: widget.NewEntry(), username: widget.NewEntry(),
		password: widget.NewPasswordEntry(), testTo: widget.NewEntry(), result: newResultView()}
	c.host.SetPlaceHolder("smtp.example.nl")
	c.auth = widget.NewCheck("", nil)
	c.ssl = widget.NewCheck("", nil)
	c.password.SetPlaceHolder(t("company.unchanged", "(unchanged)"))
	c.testTo.SetPlaceHolder(t("company.smtp.test_to_placeholder", "(the company's e-mail address)"))
	c.checkBtn = widget.NewButton(t("company.smtp.check", "Check"), func() { s.whenSaved(c.check) })
	c.sendBtn = widget.NewButton(t("company.smtp.send_test", "Send test e-mail"), func() { s.whenSaved(c.sendTest) })
	c.oauth = newOAuthFields(s.w, c.password, loginSource{hint: func() string { return c.username.Text },
		key:    func() (string, error) { return keyOr(s.saved.SMTPLogin.SecretKey, domain.SecretCompanySMTP) },
		chosen: func(on bool) { authorizeFor(on, s.d, c.auth) }})
	s.d.watchEntries(c.host, c.port, c.username, c.password)
	s.d.watchChecks(c.auth, c.ssl)
	c.oauth.watch(s.d)
	return c
}

func (c *companySMTP) object() fyne.CanvasObject {
	f := c.s.fields
	form := widget.NewForm(
		f.item(tabSMTP, "company.smtp.host", t("company.smtp.host", "Host"), c.host),
		f.item(tabSMTP, "company.smtp.auth", t("company.smtp.auth", "Authorize"), c.auth),
		f.item(tabSMTP, "company.smtp.security", t("company.smtp.ssl", "Use SSL"), c.ssl),
		f.item(tabSMTP, "company.smtp.port", t("company.smtp.port", "Port"), c.port),
		f.item(tabSMTP, "company.smtp.username", t("company.smtp.username", "User name"), c.username),
		f.item(tabSMTP, "company.smtp.password", t("company.smtp.password", "Password"), c.password),
		c.oauth.item(t("oauth.method", "Sign-in method")),
		// In the same grid as the fields, so its entry lines up with theirs.
		widget.NewFormItem(t("company.smtp.test_to", "Test e-mail to"), c.testTo),
	)
	who := widget.NewLabel(t("company.smtp.as_user", "Check and Send test e-mail act as the current user (chosen in the toolbar), through the server that user's mail goes out by; the result says which server and why."))
	who.Wrapping = fyne.TextWrapWord
	return container.NewVBox(form, widget.NewSeparator(), who,
		container.NewHBox(c.checkBtn, c.sendBtn, c.findButton()), c.result.box)
}

func (c *companySMTP) fill(co app.Company) {
	c.host.SetText(co.SMTP.Host)
	c.auth.SetChecked(co.SMTPAuth)
	c.ssl.SetChecked(co.SMTP.Security != app.SecurityNone && co.SMTP.Security != "")
	c.port.SetText(portText(co.SMTP.Port))
	c.username.SetText(co.SMTPLogin.Username)
	c.password.SetText("")
	c.oauth.set(co.SMTPLogin.AuthMethod, co.SMTPLogin.OAuth)
}

func (c *companySMTP) collect(co *app.Company, problems *[]app.FieldError) {
	port := portOf(c.port, "company.smtp.port", problems)
	co.SMTP.Security = smtpSecurity(c.ssl.Checked, port, c.s.saved.SMTP)
	co.SMTP.Host, co.SMTP.Port = c.host.Text, port
	co.SMTPAuth, co.SMTPLogin.Username = c.auth.Checked, c.username.Text
	co.SMTPLogin.AuthMethod, co.SMTPLogin.OAuth = c.oauth.read()
}

func (c *companySMTP) setEditable(on bool) {
	setEnabled(on, c.host, c.auth, c.ssl, c.port, c.username, c.password)
	c.oauth.setEditable(on)
}

// currentUser is the toolbar's user, whose route the tests follow; without
// one the admin is told to choose.
func (c *companySMTP) currentUser() (string, bool) {
	u := c.s.w.toolbar.user.Selected
	if u == "" {
		c.showOutcome(app.SendResult{}, errNoCurrentUser())
	}
	return u, u != ""
}

func (c *companySMTP) check() {
	user, ok := c.currentUser()
	if !ok {
		return
	}
	act := c.s.w.backend.Actions
	c.s.w.runLong(t("company.smtp.check", "Check"), func(ctx context.Context) func() {
		res, err := act.CheckSMTP(ctx, user)
		return func() { c.showOutcome(res, err) }
	}, c.showCanceled)
}

func (c *companySMTP) sendTest() {
	user, ok := c.currentUser()
	if !ok {
		return
	}
	to := c.testTo.Text
	act := c.s.w.backend.Actions
	c.s.w.runLong(t("company.smtp.send_test", "Send test e-mail"), func(ctx context.Context) func() {
		res, err := act.SendTest(ctx, user, to)
		return func() { c.showOutcome(res, err) }
	}, c.showCanceled)
}

func (c *companySMTP) showCanceled() {
	c.result.show(false, canceledText(), "", "")
}

// showOutcome shows a Check or test e-mail: what happened in words, which
// server was used and why, and the conversation behind Detail.
func (c *companySMTP) showOutcome(res app.SendResult, err error) {
	c.result.show(err == nil, sendOutcome(res, err), routeReason(res), res.Transcript)
}

func sendOutcome(res app.SendResult, err error) string {
	switch {
	case err != nil:
		return explain.Error(err)
	case res.To == "":
		return t("company.smtp.check_ok", "The server accepted the connection and the login.")
	case res.SentCopyError != nil:
		return t("company.smtp.sent_no_copy", "The test e-mail was sent to {{.To}}, but its copy could not be put in the sent folder:",
			map[string]string{"To": res.To}) + " " + explain.Error(res.SentCopyError)
	}
	return t("company.smtp.sent", "The test e-mail was sent to {{.To}}.", map[string]string{"To": res.To})
}

// routeReason is the route's reason, or nothing when no route was chosen.
func routeReason(res app.SendResult) string {
	if res.Route.Reason.Key == "" {
		return ""
	}
	return reasonText(res.Route.Reason)
}

// errNoCurrentUser says that a test needs the toolbar's user.
func errNoCurrentUser() error {
	return errors.New(t("company.no_current_user", "Choose the current user in the toolbar first: the test follows that user's settings."))
}
