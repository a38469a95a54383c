package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/domain"
)

// accountSMTP is the Servers tab's outgoing server: manual 001's choice
// between "Bruke Standard" (the route of the user card) and the
// account's own SMTP server, with manual 004's SMTP-Server-Port, SSL and
// "Test E-Mail senden" (imap_account_testmail.go). The own server logs
// in as the IMAP login above, or with a login of its own, by password
// or OAuth2 as every login card.
type accountSMTP struct {
	c                  *accountCard
	choice, login      *widget.RadioGroup
	note               *widget.Label // what "use standard" means
	host, port         *widget.Entry
	username, password *widget.Entry
	security           *widget.Select
	ssl, auth          *widget.Check
	oauth              *oauthFields
	testTo             *widget.Entry
	testBtn            *widget.Button

	rows                          *formRows // nil until the tab is laid out
	userRow, pwRow, oauthRow      fyne.CanvasObject
	ownRows                       []fyne.CanvasObject // the own server's rows but its login
	portTyped, settingPort        bool
	result                        *resultView // the test's, shown in a dialog of its own each time
	standardLabel, ownLabel       string
	imapLoginLabel, ownLoginLabel string
}

func newAccountSMTP(c *accountCard) *accountSMTP {
	a := c.a.SMTP
	s := &accountSMTP{c: c, portTyped: a.Port != 0,
		standardLabel: t("account.useStandard", "Use standard"), ownLabel: t("account.ownSMTP", "Own SMTP server"),
		imapLoginLabel: t("account.smtpLoginIMAP", "Same as the IMAP login"), ownLoginLabel: t("account.smtpLoginOwn", "Own login"),
		result: newResultView()}
	s.host, s.port = entryWith(a.Host), entryWith(portOrEmpty(a.Port))
	s.host.SetPlaceHolder("smtp.example.com")
	s.port.OnChanged = func(string) { s.portTyped = s.portTyped || !s.settingPort }
	choices := encryptionOptions(false)
	s.security = widget.NewSelect(choiceLabels(choices), s.securityChanged)
	if a.Security == "" {
		a.Security = app.SecuritySTARTTLS // submission (RFC 6409), what providers ask for
	}
	s.security.SetSelected(choiceLabel(choices, string(a.Security)))
	s.ssl = newSSLCheck(s.security, choices)
	// A new own server logs in: a provider's mailbox takes no mail without.
	s.auth = checkWith(t("account.smtpAuth", "Authorize"), a.Auth || !a.IsSet())
	s.username, s.password = entryWith(a.Username), passwordEntry()
	s.oauth = newOAuthFields(c.w(), s.password, loginSource{key: s.key,
		hint:   func() string { return firstNonEmpty(s.username.Text, c.address.Text) },
		chosen: func(on bool) { authorizeFor(on, c.d, s.auth) }})
	s.oauth.set(a.AuthMethod, a.OAuth)
	s.login = radioWith([]string{s.imapLoginLabel, s.ownLoginLabel}, a.OwnLogin, s.update)
	s.choice = radioWith([]string{s.standardLabel, s.ownLabel}, a.IsSet(), s.update)
	s.note = widget.NewLabel(t("account.outgoingNote",
		"Mail from this account goes through the server the user card's E-mail tab chooses."))
	s.note.Wrapping = fyne.TextWrapWord
	s.testTo = widget.NewEntry()
	s.testTo.SetPlaceHolder(t("account.testToPlaceholder", "(the company's e-mail address)"))
	s.testBtn = widget.NewButton(t("account.sendTest", "Send test e-mail"), s.sendTest)
	c.d.watchEntries(s.host, s.port, s.username, s.password)
	c.d.watchChecks(s.auth)
	c.d.watchSelects(s.security)
	c.d.watchRadios(s.choice, s.login)
	s.oauth.watch(c.d)
	return s
}

// radioWith is a horizontal choice of two, the second chosen when second.
func radioWith(options []string, second bool, changed func()) *widget.RadioGroup {
	r := widget.NewRadioGroup(options, func(string) { changed() })
	r.Horizontal = true
	r.SetSelected(options[0])
	if second {
		r.SetSelected(options[1])
	}
	return r
}

// addRows lays the section out in the Servers tab's grid; m marks
// refused fields on the tab.
func (s *accountSMTP) addRows(rows *formRows, m *fieldMarks) {
	s.rows = rows
	rows.add(t("account.outgoing", "Outgoing server"), s.choice)
	rows.add("", s.note)
	s.ownRows = []fyne.CanvasObject{m.at("smtp.host", s.host), m.at("smtp.port", s.port),
		m.at("smtp.security", container.NewBorder(nil, nil, s.ssl, nil, s.security)), s.auth, s.login}
	labels := []string{t("account.smtpHost", "SMTP server"), t("account.smtpPort", "SMTP server port"),
		t("account.smtpSSL", "Use SSL"), "", t("account.smtpLogin", "Login")}
	for i, o := range s.ownRows {
		rows.add(labels[i], o)
	}
	s.userRow = m.at("smtp.username", s.username)
	rows.add(t("account.smtpUser", "User name"), s.userRow)
	s.pwRow = s.password
	rows.add(t("account.smtpPassword", "Password"), s.pwRow)
	s.oauthRow = s.oauth.box
	rows.add(t("account.authMethod", "Authentication method"), s.oauthRow)
	rows.add(t("account.testTo", "Test e-mail to"), container.NewBorder(nil, nil, nil, s.testBtn, s.testTo))
	s.update()
}

// update shows what the choices need: the own server's fields, and its
// own login's only when it has one.
func (s *accountSMTP) update() {
	if s.rows == nil {
		return
	}
	own := s.choice.Selected == s.ownLabel
	s.rows.show(own, s.ownRows...)
	s.rows.show(!own, s.note)
	s.rows.show(own && s.login.Selected == s.ownLoginLabel, s.userRow, s.pwRow, s.oauthRow)
	s.c.w().relayout()
}

// securityChanged follows the encryption with the port until one is
// typed: 465 for SSL (RFC 8314), 587 for submission, 25 without.
func (s *accountSMTP) securityChanged(label string) {
	if s.portTyped {
		return
	}
	port := "587"
	switch app.Security(choiceValue(encryptionOptions(false), label)) {
	case app.SecurityTLS:
		port = "465"
	case app.SecurityNone:
		port = "25"
	}
	s.settingPort = true
	s.port.SetText(port)
	s.settingPort = false
}

// read is the account's own server as the section shows it; nothing for
// "use standard".
func (s *accountSMTP) read() app.AccountSMTP {
	if s.choice.Selected != s.ownLabel {
		return app.AccountSMTP{}
	}
	out := s.c.a.SMTP // keeps a pinned certificate the card does not show
	out.Host, out.Port = strings.TrimSpace(s.host.Text), parsePort(s.port.Text)
	out.Security = app.Security(choiceValue(encryptionOptions(false), s.security.Selected))
	out.Auth, out.OwnLogin = s.auth.Checked, s.login.Selected == s.ownLoginLabel
	out.Login = app.Login{}
	if out.OwnLogin {
		out.Login = s.c.a.SMTP.Login
		out.Username = strings.TrimSpace(s.username.Text)
		out.AuthMethod, out.OAuth = s.oauth.read()
	}
	return out
}

// key is the own login's keyring key (domain.SecretAccountSMTP), which
// follows the account's IMAP key; a new account has none before Save.
func (s *accountSMTP) key() (string, error) {
	imapKey := s.c.a.SecretKey
	if imapKey == "" {
		return "", errors.New(t("oauth.save_first", "Save the account first: the sign-in is kept under its key."))
	}
	return keyOr(s.c.a.SMTP.SecretKey, domain.SecretAccountSMTP(imapKey))
}

// storePassword puts a typed password of the own login in the keyring,
// once Save has given the login its key.
func (s *accountSMTP) storePassword(a app.ImapAccount) error {
	if s.password.Text == "" || !a.SMTP.OwnLogin || a.SMTP.SecretKey == "" {
		return nil
	}
	if err := s.c.w().backend.Secrets.Set(a.SMTP.SecretKey, s.password.Text); err != nil {
		return err
	}
	s.password.SetText("")
	return nil
}
