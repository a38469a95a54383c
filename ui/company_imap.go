package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/explain"
)

// companyIMAP is the IMAP tab (manual 000, "imap instellingen"): the
// server every user's account uses unless the account names its own.
// Check needs a user: IMAP always logs in as someone (manual 000: "IMAP
// werkt altijd op basis van gegevens van de ingelogde gebruiker").
type companyIMAP struct {
	s        *companyScreen
	host     *widget.Entry
	port     *widget.Entry
	security *widget.Select
	// ssl is manual 000's check box "gebruik ssl", beside the finer
	// choice: ticked is SSL; the two follow each other.
	ssl      *widget.Check
	user     *widget.Select
	checkBtn *widget.Button
	result   *resultView
	oauth    *oauthFields
}

func newCompanyIMAP(s *companyScreen) *companyIMAP {
	c := &companyIMAP{s: s, host: widget.NewEntry(), port: widget.NewEntry(), result: newResultView()}
	c.host.SetPlaceHolder("imap.example.nl")
	c.security = widget.NewSelect(securityChoices(), func(label string) {
		c.ssl.SetChecked(securityOf(label) == app.SecurityTLS)
		c.suggestPort(label)
	})
	c.ssl = widget.NewCheck("", c.sslTicked)
	c.user = widget.NewSelect(nil, nil)
	c.user.PlaceHolder = t("company.imap.choose_user", "(choose a user)")
	c.loadUsers()
	c.checkBtn = widget.NewButton(t("company.imap.check", "Check"), func() { s.whenSaved(c.check) })
	c.oauth = newOAuthFields(s.w, nil, loginSource{key: func() (string, error) { return "", errNoIMAPLogin() },
		noSignIn: t("oauth.imap_default_note", "Accounts without a method of their own follow this one; each user signs in on their IMAP account card (Servers tab).")})
	s.d.watchEntries(c.host, c.port)
	s.d.watchSelects(c.security)
	c.oauth.watch(s.d)
	return c
}

// loadUsers offers every user; the toolbar's current user comes first chosen.
func (c *companyIMAP) loadUsers() {
	users, err := c.s.w.backend.Actions.Users()
	if err != nil {
		return
	}
	for _, u := range users {
		c.user.Options = append(c.user.Options, u.Name)
	}
	if cur := c.s.w.toolbar.user.Selected; cur != "" {
		c.user.SetSelected(cur)
	}
}

// sslTicked follows the check box in the finer choice: SSL, or, when
// SSL is taken away, TLS if the server offers it.
func (c *companyIMAP) sslTicked(on bool) {
	current := securityOf(c.security.Selected)
	switch {
	case on && current != app.SecurityTLS:
		c.security.SetSelected(securityLabel(app.SecurityTLS))
	case !on && current == app.SecurityTLS:
		c.security.SetSelected(securityLabel(app.SecuritySTARTTLSOptional))
	}
}

// suggestPort fills the usual port for the chosen security when none is
// typed: 993 for SSL, else 143 (RFC 8314, RFC 9051).
func (c *companyIMAP) suggestPort(label string) {
	if strings.TrimSpace(c.port.Text) != "" || c.s.d.loading {
		return
	}
	if securityOf(label) == app.SecurityTLS {
		c.port.SetText("993")
	} else {
		c.port.SetText("143")
	}
}

func (c *companyIMAP) object() fyne.CanvasObject {
	f := c.s.fields
	form := widget.NewForm(
		f.item(tabIMAP, "company.imap.host", t("company.imap.host", "Host"), c.host),
		f.item(tabIMAP, "company.imap.port", t("company.imap.port", "Port"), c.port),
		widget.NewFormItem(t("company.imap.ssl", "Use SSL"), c.ssl),
		f.item(tabIMAP, "company.imap.security", t("company.imap.security", "Encryption"), c.security),
		c.oauth.item(t("oauth.method", "Sign-in method")),
	)
	check := widget.NewForm(widget.NewFormItem(t("company.imap.check_as", "Check with the account of"), c.user))
	return container.NewVBox(form, widget.NewSeparator(), check, container.NewHBox(c.checkBtn, c.findButton()), c.result.box)
}

func (c *companyIMAP) fill(co app.Company) {
	c.host.SetText(co.IMAP.Host)
	c.port.SetText(portText(co.IMAP.Port))
	c.security.ClearSelected()
	if co.IMAP.Security != "" {
		c.security.SetSelected(securityLabel(co.IMAP.Security))
	}
	c.oauth.set(co.IMAPAuth, co.IMAPOAuth)
}

func (c *companyIMAP) collect(co *app.Company, problems *[]app.FieldError) {
	co.IMAP.Host = c.host.Text
	co.IMAP.Port = portOf(c.port, "company.imap.port", problems)
	co.IMAP.Security = securityOf(c.security.Selected)
	co.IMAPAuth, co.IMAPOAuth = c.oauth.read()
}

func (c *companyIMAP) setEditable(on bool) {
	setEnabled(on, c.host, c.port, c.ssl, c.security)
	c.oauth.setEditable(on)
}

func (c *companyIMAP) check() {
	user := c.user.Selected
	if user == "" {
		c.result.show(false, t("company.imap.no_user", "Choose the user whose account is used for the check."), "", "")
		return
	}
	act := c.s.w.backend.Actions
	c.s.w.runLong(t("company.imap.check", "Check"), func(ctx context.Context) func() {
		res, err := act.CheckIMAP(ctx, user)
		return func() { c.showOutcome(res, err) }
	}, func() {
		c.result.show(false, canceledText(), "", "")
	})
}

func (c *companyIMAP) showOutcome(res app.SyncCheckResult, err error) {
	if err != nil {
		c.result.show(false, explain.Error(err), "", "")
		return
	}
	c.result.show(true, imapOutcome(res), "", "")
}

// imapOutcome says what the check found: encryption and the folders.
func imapOutcome(res app.SyncCheckResult) string {
	names := make([]string, 0, len(res.Folders))
	for _, f := range res.Folders {
		names = append(names, f.Name)
	}
	enc := t("company.imap.unencrypted", "The connection is not encrypted.")
	if res.Encrypted {
		enc = t("company.imap.encrypted", "The connection is encrypted.")
	}
	return plural(len(names), t("company.imap.check_okOne", "Logged in. 1 folder:"),
		t("company.imap.check_ok", "Logged in. {{.Count}} folders:", map[string]string{"Count": fmt.Sprint(len(names))})) +
		" " + strings.Join(names, ", ") + "\n" + enc
}
