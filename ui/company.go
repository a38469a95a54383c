package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/explain"
)

// The Company screen: the office's own settings in the
// tabs General, SMTP and IMAP (manual 000), Own mail server and Domains
// (manual 003). Nothing is stored before Save; Cancel returns to what is
// stored; leaving with changes asks (unsaved.go).

// Tab positions, which a refused save uses to show the wrong field.
const (
	tabGeneral = iota
	tabSMTP
	tabIMAP
	tabOwnServer
	tabDomains
)

// companyScreen is the state of the Company screen.
type companyScreen struct {
	w *MainWindow
	// saved is the stored company: Cancel returns to it, and Save starts
	// from it so that what the screen does not show (a pinned certificate
	// fingerprint) is kept.
	saved  app.Company
	d      *dirty
	fields *fieldNotes
	rights companyRights

	general *companyGeneral
	smtp    *companySMTP
	imap    *companyIMAP
	own     *companyOwnServer
	domains *companyDomains

	tabs    *container.AppTabs
	scrolls []*container.Scroll
	panes   []*fyne.Container // the scrolls, each ending on a whole line
	root    *fyne.Container
	top     *fyne.Container // title, rights notice, message
	message *widget.Label   // why the last Save was refused
	saveBtn *widget.Button
	cancel  *widget.Button
}

// companyScreen builds the screen; the window keeps it for tests.
func (w *MainWindow) companyScreen() fyne.CanvasObject {
	s := &companyScreen{w: w, d: &dirty{}, fields: newFieldNotes(), rights: w.companyRights()}
	w.company = s
	s.general = newCompanyGeneral(s)
	s.smtp = newCompanySMTP(s)
	s.imap = newCompanyIMAP(s)
	s.own = newCompanyOwnServer(s)
	s.domains = newCompanyDomains(s)
	s.scrolls = []*container.Scroll{container.NewVScroll(s.general.object()), container.NewVScroll(s.smtp.object()),
		container.NewVScroll(s.imap.object()), container.NewVScroll(s.own.object())}
	s.tabs = container.NewAppTabs(
		container.NewTabItem(t("company.tab.general", "General"), s.pane(tabGeneral)),
		container.NewTabItem(t("company.tab.smtp", "SMTP"), s.pane(tabSMTP)),
		container.NewTabItem(t("company.tab.imap", "IMAP"), s.pane(tabIMAP)),
		container.NewTabItem(t("company.tab.own_server", "Own mail server"), s.pane(tabOwnServer)),
		container.NewTabItem(t("company.tab.domains", "Domains"), s.domains.object()),
	)
	for _, r := range []*resultView{s.smtp.result, s.imap.result, s.own.validation.result, s.own.sendAs.result} {
		r.relayout = s.relayout
		r.reveal = s.scrollToEnd
	}
	s.message = widget.NewLabel("")
	s.message.Importance = widget.DangerImportance
	s.message.Wrapping = fyne.TextWrapWord
	s.message.Hide()
	s.saveBtn = widget.NewButton(t("company.save", "Save"), func() {
		if err := s.save(); err != nil && !errors.Is(err, app.ErrInvalidSettings) {
			w.showError(err)
		}
	})
	s.saveBtn.Importance = widget.HighImportance
	s.cancel = widget.NewButton(t("company.cancel", "Cancel"), s.revert)
	s.load()
	s.applyRights()
	w.guardLeave(s.d, s.save)
	title := widget.NewLabelWithStyle(t("company.title", "Company"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.top = container.NewVBox(title, s.rights.notice(), s.message)
	bottom := container.NewHBox(s.saveBtn, s.cancel, w.assistantButton())
	s.root = container.NewBorder(s.top, bottom, nil, nil, s.tabs)
	return s.root
}

// pane is tab i's form in a pane that ends on a whole line: a form
// taller than the window shows no half field or button above Save.
func (s *companyScreen) pane(i int) fyne.CanvasObject {
	p := wholeLineScroll(s.scrolls[i])
	s.panes = append(s.panes, p)
	return p
}

// scrollToEnd shows the end of the current tab, where a result's
// Detail opens, from a whole line.
func (s *companyScreen) scrollToEnd() {
	if i := s.tabs.SelectedIndex(); i >= 0 && i < len(s.scrolls) {
		scrollToEnd(s.scrolls[i])
	}
}

// relayout lays the screen out again after a note, the message or a
// result appeared or went: Fyne does not resize a container because a
// child was shown or hidden.
func (s *companyScreen) relayout() {
	for _, sc := range s.scrolls {
		sc.Content.Refresh()
		sc.Refresh()
	}
	for _, p := range s.panes {
		p.Refresh()
	}
	if s.root != nil {
		s.top.Refresh()
		s.root.Refresh()
	}
}

// load reads the stored company into the fields, which is no change.
func (s *companyScreen) load() {
	c, err := s.w.backend.Actions.Company()
	if err != nil {
		s.showMessage(explain.Error(err))
		return
	}
	s.saved = c
	s.d.filling(func() {
		s.general.fill(c)
		s.smtp.fill(c)
		s.imap.fill(c)
		s.own.fill(c)
	})
	s.d.clear()
}

// revert is Cancel: the fields show what is stored again.
func (s *companyScreen) revert() {
	s.fields.clear()
	s.message.Hide()
	s.load()
	s.relayout()
}

// save collects the fields, lets storage check and store them, then puts
// the typed passwords in the keyring. A refused save marks the fields and
// stores nothing; what was typed stays.
func (s *companyScreen) save() error {
	c := s.saved
	var problems []app.FieldError
	s.general.collect(&c)
	s.smtp.collect(&c, &problems)
	s.imap.collect(&c, &problems)
	s.own.collect(&c, &problems)
	problems = append(problems, s.own.passwordProblems(c, s.saved)...)
	s.fields.clear()
	s.message.Hide()
	if len(problems) > 0 {
		err := &app.ValidationError{Fields: problems}
		s.refuse(err)
		return err
	}
	if err := s.w.backend.Actions.SaveCompany(&c); err != nil {
		s.refuse(err)
		return err
	}
	if err := s.storePasswords(c); err != nil {
		s.showMessage(explain.Error(err))
		return err
	}
	s.saved = c
	s.load() // empties the password entries: a password is never shown again
	s.relayout()
	return nil
}

// storePasswords puts each typed password under its login's keyring key.
func (s *companyScreen) storePasswords(c app.Company) error {
	secrets := []struct{ key, value string }{
		{c.SMTPLogin.SecretKey, s.smtp.password.Text},
		{c.OwnServer.SecretKey, s.own.password.Text},
	}
	for _, sec := range secrets {
		if sec.value == "" || sec.key == "" {
			continue
		}
		if err := s.w.backend.Secrets.Set(sec.key, sec.value); err != nil {
			return err
		}
	}
	return nil
}

// refuse shows why a save was refused, at the fields and on top, and
// opens the tab of the first wrong field.
func (s *companyScreen) refuse(err error) {
	var ve *app.ValidationError
	if !errors.As(err, &ve) {
		s.showMessage(explain.Error(err))
		return
	}
	sentence, tab := s.fields.show(ve.Fields)
	s.showMessage(t("company.refused", "Not saved:") + "\n" + sentence)
	if tab >= 0 {
		s.tabs.SelectIndex(tab)
	}
}

func (s *companyScreen) showMessage(text string) {
	s.message.SetText(text)
	s.message.Show()
	s.relayout()
}

// whenSaved runs a test (Check, Send test e-mail, Validate) on the stored
// settings. With unsaved changes it offers to save first: testing the
// old settings while the screen shows new ones would mislead.
func (s *companyScreen) whenSaved(run func()) {
	if !s.d.changed {
		run()
		return
	}
	if !s.rights.manage {
		run() // nothing can be saved; the test is of what is stored
		return
	}
	d := dialog.NewConfirm(t("company.save_first.title", "Save first"),
		t("company.save_first.question", "The test uses the saved settings. Save the changes now?"),
		func(yes bool) {
			if !yes {
				return
			}
			if err := s.save(); err == nil {
				run()
			}
		}, s.w.win)
	d.Show()
}

// applyRights makes the screen read-only where the current user's role
// lacks the right (manual 003: the own mail server is a right of its own).
func (s *companyScreen) applyRights() {
	if !s.rights.manage {
		s.saveBtn.Disable()
		s.cancel.Disable()
		s.general.setEditable(false)
		s.smtp.setEditable(false)
		s.imap.setEditable(false)
	}
	if !s.rights.manage || !s.rights.ownServer {
		s.own.setEditable(false)
		s.domains.setEditable(false)
	}
}
