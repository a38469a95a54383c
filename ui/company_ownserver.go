package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/domain"
)

// companyOwnServer is the Own mail server tab (manual 003, "Eigen
// e-mailserver"): how mail goes through it (relay or a mailbox), host,
// port, encryption, authentication by user name and password or by IP
// whitelisting, and Validate, which opens the domain validation.
type companyOwnServer struct {
	s           *companyScreen
	mode        *widget.RadioGroup
	host        *widget.Entry
	port        *widget.Entry
	encryption  *widget.RadioGroup
	auth        *widget.RadioGroup
	username    *widget.Entry
	password    *widget.Entry
	validateBtn *widget.Button
	validation  *domainValidation
	sendAs      *sendAsCheck
	oauth       *oauthFields
	readOnly    bool // the role lacks the right
}

func ownModeLabels() map[app.OwnServerMode]string {
	return map[app.OwnServerMode]string{
		app.OwnServerOff:     t("company.own.mode_off", "Not used"),
		app.OwnServerRelay:   t("company.own.mode_relay", "Relay through the mail server"),
		app.OwnServerMailbox: t("company.own.mode_mailbox", "Send from a mailbox"),
	}
}

func ownAuthLabels() map[app.OwnServerAuth]string {
	return map[app.OwnServerAuth]string{
		app.OwnAuthPassword:    t("company.own.auth_password", "User name and password"),
		app.OwnAuthIPWhitelist: t("company.own.auth_ip", "IP whitelisting"),
	}
}

func newCompanyOwnServer(s *companyScreen) *companyOwnServer {
	o := &companyOwnServer{s: s, host: widget.NewEntry(), port: widget.NewEntry(), username: widget.NewEntry(),
		password: widget.NewPasswordEntry()}
	modes := ownModeLabels()
	o.mode = widget.NewRadioGroup([]string{modes[app.OwnServerOff], modes[app.OwnServerRelay],
		modes[app.OwnServerMailbox]}, func(string) { o.follow() })
	o.host.SetPlaceHolder("mail.example.nl")
	// Manual 003: "De standaard poort is 25".
	o.port.SetPlaceHolder("25")
	o.encryption = widget.NewRadioGroup(securityChoices(), nil)
	auths := ownAuthLabels()
	o.auth = widget.NewRadioGroup([]string{auths[app.OwnAuthPassword], auths[app.OwnAuthIPWhitelist]}, func(string) { o.follow() })
	o.password.SetPlaceHolder(t("company.unchanged", "(unchanged)"))
	o.validation = newDomainValidation(s)
	o.sendAs = newSendAsCheck(s)
	o.validateBtn = widget.NewButton(t("company.own.validate", "Validate"), func() { s.whenSaved(o.validation.open) })
	o.oauth = newOAuthFields(s.w, o.password, loginSource{hint: func() string { return o.username.Text },
		key: func() (string, error) { return keyOr(s.saved.OwnServer.SecretKey, domain.SecretOwnServer) }})
	s.d.watchEntries(o.host, o.port, o.username, o.password)
	s.d.watchRadios(o.mode, o.encryption, o.auth)
	o.oauth.watch(s.d)
	return o
}

func (o *companyOwnServer) object() fyne.CanvasObject {
	f := o.s.fields
	// Two columns, so the whole tab, Validate included, fits the window
	// in its first size, 1024×680 (nothing cut off below Save), read left then right as the other
	// server cards read top down: the server (how mail goes, host, port)
	// on the left with Validate under it, how to reach it (encryption
	// and login) on the right; each hint under its field in words that wrap.
	left := widget.NewForm(
		f.item(tabOwnServer, "company.own_server.mode", t("company.own.mode", "Sending"), o.mode),
		f.item(tabOwnServer, "company.own_server.host", t("company.own.host", "Host name"), withHint(o.host,
			t("company.own.host_hint", "The host name or IP address of your SMTP server, e.g. smtp.gmail.com"))),
		f.item(tabOwnServer, "company.own_server.port", t("company.own.port", "Port number"), withHint(o.port,
			t("company.own.port_hint", "The standard port is 25. Sometimes another port is used, such as 465 or 587."))),
		widget.NewFormItem("", container.NewHBox(o.validateBtn)),
	)
	right := widget.NewForm(
		f.item(tabOwnServer, "company.own_server.security", t("company.own.encryption", "Encryption"), o.encryption),
		f.item(tabOwnServer, "company.own_server.auth", t("company.own.auth", "Authentication"), o.auth),
		f.item(tabOwnServer, "company.own_server.username", t("company.own.username", "User name"), o.username),
		f.item(tabOwnServer, "company.own_server.password", t("company.own.password", "Password"), o.password),
		o.oauth.item(t("oauth.method", "Sign-in method")),
	)
	// Manual 003 opens the tab with what it is for, then "Server instellingen".
	intro := widget.NewLabel(t("company.own.intro", "You can send mail through your own organisation's mail server. Enter its SMTP settings; once they are validated and the code from the validation e-mail is entered, all mail the users write goes out through your own mail server."))
	intro.Wrapping = fyne.TextWrapWord
	heading := widget.NewLabelWithStyle(t("company.own.server_settings", "Server settings"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewVBox(intro, heading,
		container.NewGridWithColumns(2, left, right),
		o.validation.result.box, o.sendAs.object())
}

// withHint puts a small hint under an entry, wrapped to its width.
func withHint(entry *widget.Entry, hint string) fyne.CanvasObject {
	l := widget.NewRichText(&widget.TextSegment{Text: hint,
		Style: widget.RichTextStyle{SizeName: theme.SizeNameCaptionText, ColorName: theme.ColorNamePlaceHolder}})
	l.Wrapping = fyne.TextWrapWord
	return container.NewVBox(entry, l)
}

func (o *companyOwnServer) fill(c app.Company) {
	srv := c.OwnServer
	o.mode.SetSelected(ownModeLabels()[srv.Mode])
	o.host.SetText(srv.Host)
	o.port.SetText(portText(srv.Port))
	o.encryption.SetSelected(securityLabel(srv.Security))
	o.auth.SetSelected(ownAuthLabels()[srv.Auth])
	o.username.SetText(srv.Username)
	o.password.SetText("")
	o.oauth.set(srv.AuthMethod, srv.OAuth)
}

func (o *companyOwnServer) collect(c *app.Company, problems *[]app.FieldError) {
	srv := &c.OwnServer
	srv.Mode = app.OwnServerOff
	for k, v := range ownModeLabels() {
		if v == o.mode.Selected {
			srv.Mode = k
		}
	}
	srv.Host = o.host.Text
	srv.Port = portOf(o.port, "company.own_server.port", problems)
	srv.Security = securityOf(o.encryption.Selected)
	srv.Auth = ""
	for k, v := range ownAuthLabels() {
		if v == o.auth.Selected {
			srv.Auth = k
		}
	}
	srv.Username = o.username.Text
	srv.AuthMethod, srv.OAuth = o.oauth.read()
}

// passwordProblems: manual 003 requires the password with user name and
// password authentication ("moet het wachtwoord verplicht ingevuld
// worden"). One stored before may stay unchanged.
func (o *companyOwnServer) passwordProblems(c, saved app.Company) []app.FieldError {
	srv := c.OwnServer
	if srv.Mode == app.OwnServerOff || srv.Auth != app.OwnAuthPassword || o.password.Text != "" || srv.AuthMethod.IsOAuth2() {
		return nil
	}
	if saved.OwnServer.Auth == app.OwnAuthPassword && saved.OwnServer.SecretKey != "" {
		return nil
	}
	return []app.FieldError{{Path: "company.own_server.password", Problem: t("company.own.password_required", "is required")}}
}

func (o *companyOwnServer) setEditable(on bool) {
	o.readOnly = !on
	o.follow()
}

// follow enables the fields as the rights and the mode allow: with Not
// used the server's fields are greyed out, so an empty encryption choice
// reads as unused, not as forgotten; with IP whitelisting the login too
// (manual 003 D: no user name or password needed).
func (o *companyOwnServer) follow() {
	if o.auth == nil {
		return // still being built
	}
	on := !o.readOnly && o.mode.Selected != "" && o.mode.Selected != ownModeLabels()[app.OwnServerOff]
	login := on && o.auth.Selected != ownAuthLabels()[app.OwnAuthIPWhitelist]
	setEnabled(!o.readOnly, o.mode)
	setEnabled(on, o.host, o.port, o.encryption, o.auth, o.validateBtn)
	setEnabled(login, o.username, o.password)
	o.oauth.setEditable(login)
}
