package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/widget"

	"postbridge/app"
)

// The Find settings button of each card: it asks for the address (the
// card's own, when it has one), finds the settings, fills the fields,
// says how they were found and runs Check on them with the card's login
// (the typed password, else the stored one). Nothing is stored before
// Save.

func (w *MainWindow) findButton(address func() string, apply func(found)) *widget.Button {
	return widget.NewButton(t("autoconfig.button", "Find settings"), func() { w.askFind(address(), apply) })
}

// plainEndpoint is s as the card will save it: cards keep no pinned
// fingerprint, so Check sees what Save would keep.
func plainEndpoint(s *app.AutoconfigServer) app.Endpoint {
	return app.Endpoint{Host: s.Host, Port: s.Port, Security: s.Security}
}

// checkFound runs check on the filled-in settings and shows the "Found
// by" sentence with its outcome.
func (w *MainWindow) checkFound(f found, check func(ctx context.Context) (string, bool), show func(ok bool, text string)) {
	w.runLong(t("assistant.check", "Check"), func(ctx context.Context) func() {
		text, ok := check(ctx)
		return func() { show(ok, foundByText(f)+"\n"+text) }
	}, func() { show(false, foundByText(f)+"\n"+canceledText()) })
}

// noPassword says that Check waits for a password.
func noPassword() string {
	return t("autoconfig.type_password", "Type the password, then Check these settings.")
}

func (c *companySMTP) findButton() *widget.Button {
	return c.s.w.findButton(func() string { return c.s.saved.Email }, c.applyFound)
}

func (c *companySMTP) applyFound(f found) {
	s := f.SMTP
	if s == nil {
		c.result.show(false, explainNoServer("SMTP"), "", "")
		return
	}
	c.host.SetText(s.Host)
	c.port.SetText(strconv.Itoa(s.Port))
	c.ssl.SetChecked(s.Security != app.SecurityNone)
	c.auth.SetChecked(true)
	c.username.SetText(s.Username)
	if text, ok := foundAuth(f, s, c.oauth); ok {
		c.result.show(true, text, "", "")
		return
	}
	key := c.s.saved.SMTPLogin.SecretKey
	if key == "" {
		key = app.SecretCompanySMTP
	}
	act, typed := c.s.w.backend.Actions, c.password.Text
	c.s.w.checkFound(f, func(ctx context.Context) (string, bool) {
		_, err := act.CheckSMTPFound(ctx, plainEndpoint(s), s.Username, typed, key)
		return smtpResult(err), err == nil
	}, func(ok bool, text string) { c.result.show(ok, text, "", "") })
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
	if text, ok := foundAuth(f, s, c.oauth); ok {
		c.result.show(true, text, "", "")
		return
	}
	user := c.user.Selected
	if user == "" {
		c.result.show(true, foundByText(f)+"\n"+t("company.imap.no_user", "Choose the user whose account is used for the check."), "", "")
		return
	}
	act := c.s.w.backend.Actions
	c.s.w.checkFound(f, func(ctx context.Context) (string, bool) {
		res, err := act.CheckIMAPFound(ctx, plainEndpoint(s), user, "", "", "")
		return imapResult(res, err), err == nil
	}, func(ok bool, text string) { c.result.show(ok, text, "", "") })
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
		if text, ok := foundAuth(f, s, c.smtpOAuth); ok {
			c.top.SetText(text)
			return
		}
		typed, key := c.smtpPassword.Text, c.u.OwnSMTPLogin.SecretKey
		if typed == "" && key == "" {
			c.top.SetText(foundByText(f) + "\n" + noPassword())
			return
		}
		act := c.s.w.backend.Actions
		c.s.w.checkFound(f, func(ctx context.Context) (string, bool) {
			_, err := act.CheckSMTPFound(ctx, plainEndpoint(s), s.Username, typed, key)
			return smtpResult(err), err == nil
		}, func(_ bool, text string) { c.top.SetText(text) })
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
		if text, ok := foundAuth(f, s, c.oauth); ok {
			c.top.SetText(text)
			return
		}
		typed, key := c.password.Text, c.a.SecretKey
		if typed == "" && key == "" {
			c.top.SetText(foundByText(f) + "\n" + noPassword())
			return
		}
		act := c.w().backend.Actions
		c.w().checkFound(f, func(ctx context.Context) (string, bool) {
			res, err := act.CheckIMAPFound(ctx, plainEndpoint(s), "", s.Username, typed, key)
			return imapResult(res, err), err == nil
		}, func(_ bool, text string) { c.top.SetText(text) })
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
		c.ssl.SetChecked(s.Security == app.SecurityTLS)
		c.port.SetText(strconv.Itoa(s.Port))
		c.foundSecurity = s.Security
		c.user.SetText(s.Username)
		if text, ok := foundAuth(f, s, c.oauth); ok {
			c.result.show(true, text, "", "")
			return
		}
		typed, key := c.password.Text, c.m.SecretKey
		if typed == "" && key == "" {
			c.result.show(true, foundByText(f)+"\n"+noPassword(), "", "")
			return
		}
		act := c.s.w.backend.Actions
		c.s.w.checkFound(f, func(ctx context.Context) (string, bool) {
			_, err := act.CheckSMTPFound(ctx, plainEndpoint(s), s.Username, typed, key)
			return smtpResult(err), err == nil
		}, func(ok bool, text string) { c.result.show(ok, text, "", "") })
	})
}

// explainNoServer says that the sources found no server of that kind.
func explainNoServer(kind string) string {
	return t("autoconfig.no_server", "No {{.Kind}} server was found for this address; fill it in by hand.",
		map[string]string{"Kind": kind})
}
