package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2/widget"

	"postbridge/storage"
)

// The Find settings button of each card: it asks for the address (the
// card's own, when it has one), finds the settings, fills the fields and
// says how they were found. Nothing is stored before Save.

func (w *MainWindow) findButton(address func() string, apply func(found)) *widget.Button {
	return widget.NewButton(t("autoconfig.button", "Find settings"), func() { w.askFind(address(), apply) })
}

func (c *companySMTP) findButton() *widget.Button {
	return c.s.w.findButton(func() string { return c.s.saved.Email }, func(f found) {
		s := f.SMTP
		if s == nil {
			c.result.show(false, explainNoServer("SMTP"), "", "")
			return
		}
		c.host.SetText(s.Host)
		c.port.SetText(strconv.Itoa(s.Port))
		c.ssl.SetChecked(s.Security != storage.SecurityNone)
		c.auth.SetChecked(true)
		c.username.SetText(s.Username)
		c.result.show(true, foundByText(f), "", "")
	})
}

func (c *companyIMAP) findButton() *widget.Button {
	return c.s.w.findButton(func() string { return c.s.saved.Email }, c.applyFound)
}

func (c *companyIMAP) applyFound(f found) {
	s := f.IMAP
	if s == nil {
		c.result.show(false, explainNoServer("IMAP"), "", "")
		return
	}
	c.host.SetText(s.Host)
	c.port.SetText(strconv.Itoa(s.Port))
	c.security.SetSelected(securityLabel(s.Security))
	c.result.show(true, foundByText(f), "", "")
}

// findOwnSMTP fills the user card's own SMTP server.
func (c *userCard) findOwnSMTP() *widget.Button {
	return c.s.w.findButton(func() string { return strings.TrimSpace(c.email.Text) }, func(f found) {
		s := f.SMTP
		if s == nil {
			c.top.SetText(explainNoServer("SMTP"))
			return
		}
		c.smtpHost.SetText(s.Host)
		c.smtpPort.SetText(strconv.Itoa(s.Port))
		c.smtpSecurity.SetSelected(choiceLabel(encryptionOptions(false), string(s.Security)))
		c.smtpAuth.SetChecked(true)
		c.smtpUser.SetText(s.Username)
		c.top.SetText(foundByText(f))
	})
}

// findIMAP fills the IMAP account card's server, port, security and user.
func (c *accountCard) findIMAP() *widget.Button {
	return c.w().findButton(func() string {
		if a := strings.TrimSpace(c.address.Text); a != "" {
			return a
		}
		return strings.TrimSpace(c.tab.c.email.Text)
	}, func(f found) {
		s := f.IMAP
		if s == nil {
			c.top.SetText(explainNoServer("IMAP"))
			return
		}
		c.host.SetText(s.Host)
		c.port.SetText(strconv.Itoa(s.Port))
		c.security.SetSelected(choiceLabel(encryptionOptions(true), string(s.Security)))
		c.username.SetText(s.Username)
		c.top.SetText(foundByText(f))
	})
}

// findSMTP fills the mail server card. The card knows only "Secure
// connection (SSL)" (manual 002); a server found with STARTTLS is kept as
// STARTTLS (see collect).
func (c *mailServerCard) findSMTP() *widget.Button {
	return c.s.w.findButton(func() string { return "" }, func(f found) {
		s := f.SMTP
		if s == nil {
			c.result.show(false, explainNoServer("SMTP"), "", "")
			return
		}
		c.host.SetText(s.Host)
		c.ssl.SetChecked(s.Security == storage.SecurityTLS)
		c.port.SetText(strconv.Itoa(s.Port))
		c.foundSecurity = s.Security
		c.user.SetText(s.Username)
		c.result.show(true, foundByText(f), "", "")
	})
}

// explainNoServer says that the sources found no server of that kind.
func explainNoServer(kind string) string {
	return t("autoconfig.no_server", "No {{.Kind}} server was found for this address; fill it in by hand.",
		map[string]string{"Kind": kind})
}
