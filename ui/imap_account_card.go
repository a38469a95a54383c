package ui

import (
	"strconv"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/explain"
)

// accountCard is one IMAP account of a user, with the tabs of manual 001
// (General, Servers, Folders, Advanced) and the fields of manuals 000
// and 004. It is stored by its own Save; the password goes to the
// keyring and is never shown again.
type accountCard struct {
	tab     *accountsTab
	a       app.ImapAccount
	company app.Company
	d       *dirty
	marks   *fieldMarks
	tabs    *container.AppTabs
	scrolls []*container.Scroll // the tabs' forms, each in a pane ending on a whole line
	top     *widget.Label
	// pending counts folder actions still running, for tests.
	pending atomic.Int32

	description, displayName, address                     *widget.Entry
	mode                                                  *widget.RadioGroup
	isDefault, linkToCRM, active, locked, autoSendReceive *widget.Check
	host, username, password, timeout                     *widget.Entry
	oauth                                                 *oauthFields
	smtp                                                  *accountSMTP
	port, syncDays                                        *widget.Entry
	security                                              *widget.Select
	deleteAfterLimit, dotSeparated                        *widget.Check
	folders                                               *folderFields
	tree                                                  *folderTree
	saveButton, cancelButton, reloadButton, previewButton *widget.Button
	autoMinutes                                           *widget.Entry
	previewRows                                           []app.SyncFolderPreview // the last preview, as the table shows it
}

func newAccountCard(tab *accountsTab, a app.ImapAccount) *accountCard {
	c := &accountCard{tab: tab, a: a, d: &dirty{}, marks: newFieldMarks()}
	co, err := tab.c.s.w.backend.Actions.Company()
	if err != nil {
		tab.c.s.w.showError(err)
	}
	c.company = co
	c.d.filling(c.fill)
	return c
}

func (c *accountCard) w() *MainWindow { return c.tab.c.s.w }

func (c *accountCard) modeLabels() []string {
	return []string{t("account.modeTransfer", "Transfer"), t("account.modeMirror", "Mirror")}
}

func (c *accountCard) fill() {
	a := c.a
	c.description, c.displayName, c.address = entryWith(a.Description), entryWith(a.DisplayName), entryWith(a.Address)
	c.mode = widget.NewRadioGroup(c.modeLabels(), nil)
	c.mode.Horizontal = true
	c.mode.SetSelected(c.modeLabels()[0])
	if a.Mode == app.ModeMirror {
		c.mode.SetSelected(c.modeLabels()[1])
	}
	c.isDefault = checkWith(t("account.default", "Default account"), a.IsDefault)
	c.linkToCRM = checkWith(t("account.linkToCRM", "Link e-mails to the CRM"), a.LinkToCRM)
	c.active = checkWith(t("account.active", "Account active"), a.Active)
	c.locked = checkWith(t("account.locked", "Account lock activated"), a.Locked)
	c.autoSendReceive = checkWith(t("account.autoSendReceive", "Include in automatic send and receive"), a.AutoSendReceive)
	c.autoMinutes = entryWith(numberOrEmpty(a.AutoSyncMinutes))
	c.autoMinutes.SetPlaceHolder(strconv.Itoa(app.DefaultAutoSyncMinutes))

	c.host = entryWith(a.Host)
	if c.company.IMAP.Host != "" {
		c.host.SetPlaceHolder(t("account.asCompanyHost", "as the company: {{.Host}}", map[string]string{"Host": c.company.IMAP.Host}))
	}
	c.username = entryWith(a.Username)
	c.password = passwordEntry()
	c.timeout = entryWith(numberOrEmpty(a.TimeoutSec))
	c.timeout.SetPlaceHolder("30")
	c.oauth = c.newOAuth()
	c.smtp = newAccountSMTP(c)

	c.port = entryWith(portOrEmpty(a.Port))
	options := encryptionOptions(true)
	c.security = widget.NewSelect(choiceLabels(options), nil)
	c.security.SetSelected(choiceLabel(options, string(a.Security)))
	c.syncDays = entryWith(numberOrEmpty(a.SyncDays))
	c.syncDays.SetPlaceHolder(t("account.noLimit", "no limit"))
	c.deleteAfterLimit = checkWith(t("account.deleteAfterLimit", "Delete e-mails at the provider after the time limit"), a.DeleteAfterLimit)
	c.dotSeparated = checkWith(t("account.dotSeparated", "Folders are dot-separated"), a.DotSeparated)
	c.folders = newFolderFields(c)
	c.tree = newFolderTree(c)

	c.d.watchEntries(c.description, c.displayName, c.address, c.host, c.username, c.password, c.timeout,
		c.port, c.syncDays, c.autoMinutes)
	c.d.watchRadios(c.mode)
	c.d.watchChecks(c.isDefault, c.linkToCRM, c.active, c.locked, c.autoSendReceive, c.deleteAfterLimit, c.dotSeparated)
	c.d.watchSelects(c.security)
	c.oauth.watch(c.d)
}

func checkWith(label string, on bool) *widget.Check {
	c := widget.NewCheck(label, nil)
	c.SetChecked(on)
	return c
}

func numberOrEmpty(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// parseCount reads a number of days or seconds: empty is 0; text that is
// no number becomes -1, which the validator refuses in words.
func parseCount(s string) int { return parsePort(s) }

// open shows the card in the Users screen's place. Leaving the screen
// asks about this card's changes, then about the user card's.
func (c *accountCard) open() {
	u := c.tab.c
	c.tab.c.s.show(c.layout())
	c.w().leaveGuard = func(proceed func()) {
		c.d.confirmLeave(c.w(), c.store, func() { u.d.confirmLeave(c.w(), u.store, proceed) })
	}
}

func (c *accountCard) layout() fyne.CanvasObject {
	c.tabs = container.NewAppTabs(
		container.NewTabItem(t("account.tabGeneral", "General"), c.scrolled(c.generalTab())),
		container.NewTabItem(t("account.tabServers", "Servers"), c.scrolled(c.serversTab())),
		container.NewTabItem(t("account.tabFolders", "Folders"), c.foldersTab()),
		container.NewTabItem(t("account.tabAdvanced", "Advanced"), c.scrolled(c.advancedTab())),
	)
	c.top = widget.NewLabel("")
	c.top.Importance = widget.DangerImportance
	c.top.Wrapping = fyne.TextWrapWord
	c.top.Hide()
	c.saveButton = widget.NewButton(t("account.save", "Save"), c.saveAndClose)
	c.saveButton.Importance = widget.HighImportance
	c.cancelButton = widget.NewButton(t("account.cancel", "Cancel"), func() { c.d.confirmLeave(c.w(), c.store, c.back) })
	title := widget.NewLabelWithStyle(t("account.title", "IMAP account of {{.User}}", map[string]string{"User": c.tab.c.name.Text}),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewBorder(container.NewVBox(title, c.top), container.NewHBox(c.saveButton, c.cancelButton), nil, nil, c.tabs)
}

// back returns to the user card, with the account list read again.
func (c *accountCard) back() {
	c.tab.reload()
	c.tab.c.open()
}

func (c *accountCard) saveAndClose() {
	if c.store() == nil {
		c.back()
	}
}

// read is the account as the card shows it.
func (c *accountCard) read() app.ImapAccount {
	a := c.a
	a.Description, a.DisplayName = strings.TrimSpace(c.description.Text), strings.TrimSpace(c.displayName.Text)
	a.Address = strings.TrimSpace(c.address.Text)
	a.Mode = app.ModeTransfer
	if c.mode.Selected == c.modeLabels()[1] {
		a.Mode = app.ModeMirror
	}
	a.IsDefault, a.LinkToCRM, a.Active = c.isDefault.Checked, c.linkToCRM.Checked, c.active.Checked
	a.Locked, a.AutoSendReceive = c.locked.Checked, c.autoSendReceive.Checked
	a.AutoSyncMinutes = parseCount(c.autoMinutes.Text)
	a.Host, a.Username = strings.TrimSpace(c.host.Text), strings.TrimSpace(c.username.Text)
	a.TimeoutSec = parseCount(c.timeout.Text)
	a.AuthMethod, a.OAuth = c.ownAuth()
	a.Port = parsePort(c.port.Text)
	a.Security = app.Security(choiceValue(encryptionOptions(true), c.security.Selected))
	a.SyncDays = parseCount(c.syncDays.Text)
	a.DeleteAfterLimit, a.DotSeparated = c.deleteAfterLimit.Checked, c.dotSeparated.Checked
	a.SMTP = c.smtp.read()
	c.folders.read(&a)
	a.Folders = c.tree.read()
	return a
}

// store validates and saves the account, then puts a typed password in
// the keyring. A refused card keeps what was typed and marks the fields.
func (c *accountCard) store() error {
	c.marks.clear()
	c.top.Hide()
	a := c.read()
	if err := c.w().backend.Actions.SaveImapAccount(&a); err != nil {
		c.refuse(err)
		return err
	}
	if c.password.Text != "" {
		if err := c.w().backend.Secrets.Set(a.SecretKey, c.password.Text); err != nil {
			c.refuse(err)
			return err
		}
		c.password.SetText("")
	}
	if err := c.smtp.storePassword(a); err != nil {
		c.refuse(err)
		return err
	}
	c.a = a
	c.d.clear()
	return nil
}

func (c *accountCard) refuse(err error) {
	c.top.SetText(explain.Error(err))
	c.top.Show()
	if tab := c.marks.show(err); tab >= 0 {
		c.top.SetText(refusedAtFields())
		c.tabs.SelectIndex(tab)
	}
	c.tab.c.s.body.Refresh() // lay out the sentences just shown
	if c.marks.first != nil {
		for _, s := range c.scrolls {
			if scrollShowing(s, c.marks.first) {
				break
			}
		}
	}
}

// scrolled is a tab's form in a vertical scroll, in a pane that ends on
// a whole line; a refused Save scrolls it to the first marked field.
func (c *accountCard) scrolled(form fyne.CanvasObject) *fyne.Container {
	s := container.NewVScroll(form)
	c.scrolls = append(c.scrolls, s)
	return wholeLineScroll(s)
}
