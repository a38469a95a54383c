package ui

import (
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/domain"
	"postbridge/explain"
)

// mailServerCard is the form of one mail server (manual 002).
type mailServerCard struct {
	s        *mailServers
	m        app.MailServer
	ident    *widget.Entry
	host     *widget.Entry
	port     *widget.Entry
	ssl      *widget.Check
	auth     *widget.RadioGroup
	user     *widget.Entry
	password *widget.Entry
	oauth    *oauthFields
	dlg      dialog.Dialog
	// testBtn and result are manual 002's 'Test e-mail versturen' and
	// its outcome with the Detail button (mailserver_testmail.go).
	testBtn *widget.Button
	result  *resultView
	// lastError is the sentence of a refused save: under its field
	// (lastField), or on top of the card when it names none.
	lastError, lastField string
	// portTyped is set once the admin types a port: from then on ticking
	// SSL no longer changes it (manual 002: 25, or 465 with SSL).
	portTyped bool
	// foundSecurity is what Find settings found; STARTTLS has no box here.
	foundSecurity app.Security
}

// authChoices are manual 002's three authentication choices, in its order.
var authChoices = []app.MailAuth{app.MailAuthNone, app.MailAuthCentral, app.MailAuthPerEmployee}

// authLabel names an authentication choice in the window's language
// (manual 002: Geen / Centraal / Per medewerker).
func authLabel(a app.MailAuth) string {
	switch a {
	case app.MailAuthCentral:
		return t("mailservers.authCentral", "Central")
	case app.MailAuthPerEmployee:
		return t("mailservers.authPerEmployee", "Per employee")
	}
	return t("mailservers.authNone", "None")
}

// authLabels lists the choices' labels for the radio group.
func authLabels() []string {
	labels := make([]string, len(authChoices))
	for i, a := range authChoices {
		labels[i] = authLabel(a)
	}
	return labels
}

func newMailServerCard(s *mailServers, m app.MailServer) *mailServerCard {
	c := &mailServerCard{s: s, m: m, result: newResultView()}
	c.ident = widget.NewEntry()
	c.ident.SetText(m.Identification)
	c.host = widget.NewEntry()
	c.host.SetText(m.Host)
	c.host.SetPlaceHolder("smtp.xs4all.nl") // manual 002's own example
	c.port = widget.NewEntry()
	c.port.SetText(strconv.Itoa(m.Port))
	c.port.OnChanged = func(string) { c.portTyped = true }
	c.portTyped = m.ID != 0
	c.ssl = widget.NewCheck(t("mailservers.ssl", "Secure connection (SSL)"), c.sslChanged)
	c.ssl.SetChecked(m.Security == app.SecurityTLS)
	c.auth = widget.NewRadioGroup(authLabels(), nil)
	c.auth.Horizontal = true
	c.auth.SetSelected(authLabel(m.Auth))
	c.user = widget.NewEntry()
	c.user.SetText(m.Username)
	c.password = widget.NewPasswordEntry()
	if m.ID != 0 { // a saved card's password is in the keyring, never shown
		c.password.SetPlaceHolder(t("mailservers.unchanged", "(unchanged)"))
	}
	c.oauth = newOAuthFields(s.w, c.password, loginSource{key: c.centralKey, hint: func() string { return c.user.Text }})
	c.oauth.set(m.AuthMethod, m.OAuth)
	c.auth.OnChanged = func(string) { c.authChanged() }
	c.authChanged()
	return c
}

// authChanged: with None the server takes no login, so its fields are
// greyed out rather than inviting a user name nobody uses.
func (c *mailServerCard) authChanged() {
	on := c.auth.Selected != authLabel(app.MailAuthNone)
	setEnabled(on, c.user, c.password)
	c.oauth.setEditable(on)
}

// centralKey is the keyring key of the central login; an employee signs
// in on their own user card, under their own key.
func (c *mailServerCard) centralKey() (string, error) {
	if c.auth.Selected != authLabel(app.MailAuthCentral) {
		return "", errors.New(t("oauth.mailserver_central_only", "Only the central login signs in here; with Per employee each employee signs in on their user card (General tab, work location)."))
	}
	ident := strings.TrimSpace(c.ident.Text)
	if ident == "" {
		return "", errNameFirst()
	}
	return keyOr(c.m.SecretKey, domain.SecretMailServer(ident))
}

func (c *mailServerCard) sslChanged(on bool) {
	if c.portTyped {
		return
	}
	port := "25"
	if on {
		port = "465"
	}
	c.port.OnChanged = nil
	c.port.SetText(port)
	c.port.OnChanged = func(string) { c.portTyped = true }
}

func (c *mailServerCard) show() {
	form := widget.NewForm(
		widget.NewFormItem(t("mailservers.identificationRequired", "Identification (required)"), c.withProblem("identification", c.ident)),
		widget.NewFormItem(t("mailservers.hostRequired", "Mail server address (required)"), c.withProblem("host", c.host)),
		widget.NewFormItem(t("mailservers.port", "Port"), c.withProblem("port", c.port)),
		widget.NewFormItem("", c.ssl),
		widget.NewFormItem(t("mailservers.authentication", "Authentication"), c.auth),
		widget.NewFormItem(t("mailservers.username", "User name"), c.user),
		widget.NewFormItem(t("mailservers.password", "Password"), c.password),
		c.oauth.item(t("oauth.method", "Sign-in method")),
	)
	// Scrolls, so that the test conversation (Detail) fits in the card;
	// a result or conversation that appears is scrolled into view.
	// The view ends on a whole line and, scrolled to the result, begins
	// on one: no half field at the dialog's edges.
	scroll := container.NewVScroll(container.NewVBox(form, c.testArea()))
	pane := wholeLineScroll(scroll)
	c.result.relayout = func() {
		scroll.Refresh()
		pane.Refresh()
		scrollToEnd(scroll)
	}
	content := fyne.CanvasObject(pane)
	if c.lastError != "" && c.lastField == "" {
		msg := widget.NewLabel(c.lastError)
		msg.Importance = widget.DangerImportance
		msg.Wrapping = fyne.TextWrapWord
		content = container.NewBorder(msg, nil, nil, nil, content)
	}
	c.dlg = dialog.NewCustomConfirm(t("mailservers.cardTitle", "Mail server"),
		t("mailservers.save", "Save"), t("mailservers.cancel", "Cancel"), container.NewPadded(content), func(save bool) {
			if save {
				c.save()
			}
		}, c.s.w.win)
	// Tall enough for the test buttons under a refused field's sentence.
	c.dlg.Resize(fyne.NewSize(560, 540))
	c.dlg.Show()
}

// save validates and stores the card; on an error the card opens again
// with the field marked, so nothing typed is lost.
func (c *mailServerCard) save() {
	if err := c.store(); err != nil {
		c.refuse(err)
	}
}

// collect reads the card's fields into a mail server.
func (c *mailServerCard) collect() app.MailServer {
	m := c.m
	m.Identification, m.Host, m.Username = c.ident.Text, c.host.Text, c.user.Text
	port, err := strconv.Atoi(c.port.Text)
	if err != nil {
		port = -1
	}
	m.Port = port
	m.AuthMethod, m.OAuth = c.oauth.read()
	m.Security = app.SecurityNone
	if c.ssl.Checked {
		m.Security = app.SecurityTLS
	} else if c.foundSecurity == app.SecuritySTARTTLS {
		m.Security = app.SecuritySTARTTLS
	}
	for _, a := range authChoices {
		if authLabel(a) == c.auth.Selected {
			m.Auth = a
		}
	}
	return m
}

// store saves the card and puts a typed password in the keyring; the
// card stays as it is, so a refused save can be shown on it.
func (c *mailServerCard) store() error {
	m := c.collect()
	if err := c.s.w.backend.Actions.SaveMailServer(&m); err != nil {
		return err
	}
	if c.password.Text != "" && m.SecretKey != "" {
		if err := c.s.w.backend.Secrets.Set(m.SecretKey, c.password.Text); err != nil {
			dialog.ShowError(errors.New(explain.Error(err)), c.s.w.win)
		}
	}
	c.password.SetText("") // stored: "(unchanged)" from now on
	c.m = m
	c.s.reload()
	return nil
}

// unsaved tells whether the card differs from what is stored.
func (c *mailServerCard) unsaved() bool {
	m := c.collect()
	return c.m.ID == 0 || c.password.Text != "" || m.Identification != c.m.Identification ||
		m.Host != c.m.Host || m.Port != c.m.Port || m.Security != c.m.Security ||
		m.Auth != c.m.Auth || m.Username != c.m.Username || !sameAuth(m.AuthMethod, m.OAuth, c.m.AuthMethod, c.m.OAuth)
}

func (c *mailServerCard) refuse(err error) {
	var ce *app.CardError
	entry := map[string]*widget.Entry{"identification": c.ident, "host": c.host, "port": c.port}
	c.lastError, c.lastField = explain.Error(err), ""
	if errors.As(err, &ce) {
		// In the window's language, as on the other cards.
		c.lastError = cardProblem(fieldLabel(ce.Field), ce.Err)
		if entry[ce.Field] != nil {
			entry[ce.Field].SetValidationError(errors.New(c.lastError))
			c.lastField = ce.Field
		}
	}
	c.show()
}

// withProblem puts the sentence of a refused save under its field, as
// the other cards do.
func (c *mailServerCard) withProblem(field string, e *widget.Entry) fyne.CanvasObject {
	if c.lastField != field {
		return e
	}
	note := widget.NewLabel(c.lastError)
	note.Importance = widget.DangerImportance
	note.Wrapping = fyne.TextWrapWord
	return container.NewVBox(e, note)
}

// fieldLabel names a card field in the sentence of a refused save.
func fieldLabel(field string) string {
	switch field {
	case "identification":
		return t("mailservers.identification", "Identification")
	case "host":
		return t("mailservers.host", "Mail server address")
	case "port":
		return t("mailservers.port", "Port")
	}
	return field
}
