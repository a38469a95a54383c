package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/domain"
	"postbridge/explain"
)

// assistant is the first-start assistant: company name and
// address → found settings → password, or Sign in where the provider
// needs OAuth2 (assistant_oauth.go) → Check → Save, then the first user
// the same way. It opens instead of empty screens when
// the database is empty, can be skipped, and is reopened from Company.
type assistant struct {
	w    *MainWindow
	view *fyne.Container
	step int
	// shown hears of every page and check result, so a test can wait.
	shown chan string

	name, email         *widget.Entry
	res                 app.AutoconfigResult
	foundBy             *widget.Label
	imap, smtp          serverFields
	username, password  *widget.Entry
	pin                 *widget.Check // pin the offered certificates
	confirmed           *widget.Check // a plain-HTTP file or unsafe server was looked at
	oauth               *oauthFields  // the company login's sign-in, for a provider that needs OAuth2
	userOAuth           *oauthFields  // the user's sign-in, following the company IMAP default
	coAuth              domain.AuthMethod
	coOAuth             domain.OAuth // the company IMAP default as saved: the user's account follows it
	result              *resultView
	saveBtn             *widget.Button
	userName, userEmail *widget.Entry
	userLogin, userPass *widget.Entry
	userResult          *resultView
	userOwn             app.Endpoint // the user's IMAP server; empty: the company's
	userSaveBtn         *widget.Button
}

// serverFields are host, port and security of one found server.
type serverFields struct {
	host, port *widget.Entry
	security   *widget.Select
}

func newServerFields() serverFields {
	return serverFields{host: widget.NewEntry(), port: widget.NewEntry(),
		security: widget.NewSelect(choiceLabels(encryptionOptions(false)), nil)}
}

func (f serverFields) set(s *app.AutoconfigServer) {
	if s == nil {
		return
	}
	f.host.SetText(s.Host)
	f.port.SetText(strconv.Itoa(s.Port))
	f.security.SetSelected(choiceLabel(encryptionOptions(false), string(s.Security)))
}

// endpoint reads the fields back; fingerprint is the pinned one, if any.
func (f serverFields) endpoint(fingerprint string) app.Endpoint {
	port, _ := strconv.Atoi(strings.TrimSpace(f.port.Text))
	return app.Endpoint{Host: strings.TrimSpace(f.host.Text), Port: port, TLSFingerprint: fingerprint,
		Security: app.Security(choiceValue(encryptionOptions(false), f.security.Selected))}
}

// databaseEmpty reports whether nothing is set up yet: no company name
// or address and no user.
func (w *MainWindow) databaseEmpty() bool {
	co, err := w.backend.Actions.Company()
	if err != nil || co.Name != "" || co.Email != "" || co.SMTP.Host != "" {
		return false
	}
	users, err := w.backend.Actions.Users()
	return err == nil && len(users) == 0
}

// openAssistant shows the assistant in place of the current screen.
func (w *MainWindow) openAssistant() *assistant {
	a := &assistant{w: w, view: container.NewStack(), shown: make(chan string, 32)}
	a.build()
	w.assistant = a
	w.leaveGuard = nil
	w.current = -1
	w.nav.UnselectAll()
	w.content.Objects = []fyne.CanvasObject{a.view}
	w.content.Refresh()
	a.show(0)
	return a
}

// assistantButton reopens the assistant (on the Company screen).
func (w *MainWindow) assistantButton() *widget.Button {
	return widget.NewButton(t("assistant.reopen", "Setup assistant"), func() {
		if w.leaveGuard == nil {
			w.openAssistant()
			return
		}
		w.leaveGuard(func() { w.openAssistant() })
	})
}

// skip leaves the assistant for the Company screen.
func (a *assistant) skip() {
	a.w.assistant = nil
	a.w.display(0)
}

func (a *assistant) build() {
	a.name, a.email = widget.NewEntry(), widget.NewEntry()
	a.email.SetPlaceHolder("info@example.nl")
	a.foundBy = widget.NewLabel("")
	a.foundBy.Wrapping = fyne.TextWrapWord
	a.imap, a.smtp = newServerFields(), newServerFields()
	a.username, a.password = widget.NewEntry(), widget.NewPasswordEntry()
	a.pin = widget.NewCheck(t("assistant.pin", "I have checked the certificate's fingerprint with the server's owner: pin it"), nil)
	a.confirmed = widget.NewCheck(t("assistant.confirmed", "I have compared these settings with what the provider says"), nil)
	a.result, a.userResult = newResultView(), newResultView()
	a.saveBtn = widget.NewButton(t("assistant.save_company", "Save the company settings"), a.saveCompany)
	a.saveBtn.Importance = widget.HighImportance
	a.userName, a.userEmail = widget.NewEntry(), widget.NewEntry()
	a.userLogin, a.userPass = widget.NewEntry(), widget.NewPasswordEntry()
	a.userSaveBtn = widget.NewButton(t("assistant.save_user", "Save the user"), a.saveUser)
	a.userSaveBtn.Importance = widget.HighImportance
	a.oauth, a.userOAuth = a.newCompanyOAuth(), a.newUserOAuth() // after the entries they read
}

// show switches to page i (0 company, 1 found, 2 password and Check,
// 3 first user, 4 done).
func (a *assistant) show(i int) {
	a.step = i
	pages := []func() fyne.CanvasObject{a.companyPage, a.foundPage, a.checkPage, a.userPage, a.donePage}
	a.view.Objects = []fyne.CanvasObject{pages[i]()}
	a.view.Refresh()
	a.tell("page " + strconv.Itoa(i))
}

func (a *assistant) tell(what string) {
	select {
	case a.shown <- what:
	default:
	}
}

// find looks up the company address and goes to the found page.
func (a *assistant) find() {
	address := strings.TrimSpace(a.email.Text)
	act := a.w.backend.Actions
	a.w.runLong(t("autoconfig.title", "Find settings"), func(ctx context.Context) func() {
		res, err := act.FindSettings(ctx, address)
		return func() { a.found(res, err) }
	}, func() {})
}

func (a *assistant) found(res app.AutoconfigResult, err error) {
	a.res = res
	a.username.SetText(strings.TrimSpace(a.email.Text))
	if res.Chosen == nil {
		a.foundBy.SetText(sentence(explain.Error(err)) + ".\n" + t("assistant.manual", "Fill in the servers below by hand."))
	} else {
		a.foundBy.SetText(t("autoconfig.found_by", "Found by {{.Source}}.", map[string]string{"Source": sourceName(res.FoundBy)}))
		a.imap.set(res.Chosen.IMAP)
		a.smtp.set(res.Chosen.SMTP)
		if s := res.Chosen.IMAP; s != nil && s.Username != "" {
			a.username.SetText(s.Username)
		}
	}
	a.foundAuth()
	a.pin.SetChecked(false)
	a.confirmed.SetChecked(false)
	a.show(1)
}

// fingerprint is the offered fingerprint of s when the admin pinned it.
func (a *assistant) fingerprint(s *app.AutoconfigServer) string {
	if s == nil || !a.pin.Checked {
		return ""
	}
	return s.Fingerprint
}

func (a *assistant) chosen() (imap, smtp *app.AutoconfigServer) {
	if a.res.Chosen == nil {
		return nil, nil
	}
	return a.res.Chosen.IMAP, a.res.Chosen.SMTP
}

// endpoints are the company's IMAP and SMTP as now on the pages.
func (a *assistant) endpoints() (imap, smtp app.Endpoint) {
	i, s := a.chosen()
	return a.imap.endpoint(a.fingerprint(i)), a.smtp.endpoint(a.fingerprint(s))
}
