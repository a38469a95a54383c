package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
)

// accountsTab is the user card's list of IMAP accounts with New, Change
// and Delete. An account is stored by its own card's Save, so the user
// must be saved first.
type accountsTab struct {
	c        *userCard
	rows     []app.ImapAccount
	list     *recordTable[app.ImapAccount]
	selected int
	buttons  []*widget.Button
	note     *widget.Label
}

func newAccountsTab(c *userCard) *accountsTab {
	a := &accountsTab{c: c, selected: -1, rows: c.u.ImapAccounts}
	// A table like every other list of records, with its headers, not a
	// bare line per account.
	a.list = newRecordTable(&a.rows, accountColumns())
	a.list.OnSelected = func(i int) { a.selected = i }
	a.list.OnUnselected = func(int) { a.selected = -1 }
	a.buttons = []*widget.Button{
		widget.NewButton(t("account.new", "New"), func() { a.edit(newAccount(c.u.ID)) }),
		widget.NewButton(t("account.change", "Change"), func() {
			if a.selected >= 0 {
				a.edit(a.rows[a.selected])
			}
		}),
		widget.NewButton(t("account.delete", "Delete"), a.confirmDelete),
	}
	a.note = widget.NewLabel(t("account.saveUserFirst", "Save the user first; then IMAP accounts can be added."))
	a.enable()
	return a
}

// newAccount is a new account with the manuals' defaults: transfer mode
// with manual 000's folders, active, linked to the CRM (manual 001:
// "satt på som standard").
func newAccount(userID uint) app.ImapAccount {
	return app.ImapAccount{UserID: userID, Mode: app.ModeTransfer, Active: true, LinkToCRM: true,
		Inbox: "Postbridge/In", Outbox: "Postbridge/Out"}
}

// accountColumns are the account's name, address, mode, login and
// whether it is the user's default account.
func accountColumns() []column[app.ImapAccount] {
	return []column[app.ImapAccount]{
		{title: t("account.description", "Description"), weight: 2, text: accountName},
		{title: t("account.address", "E-mail address"), weight: 3, text: func(a *app.ImapAccount) string { return a.Address }},
		{title: t("account.mode", "Mode"), weight: 1.5, text: accountMode},
		{title: t("account.username", "User name"), weight: 2, text: func(a *app.ImapAccount) string { return a.Username }},
		{title: t("account.default", "Default account"), weight: 1.5, mark: func(a *app.ImapAccount) bool { return a.IsDefault },
			text: func(a *app.ImapAccount) string { return yesNo(a.IsDefault) }},
	}
}

func accountName(a *app.ImapAccount) string {
	if a.Description == "" {
		return a.Username
	}
	return a.Description
}

func accountMode(a *app.ImapAccount) string {
	if a.Mode == app.ModeMirror {
		return t("account.modeMirror", "Mirror")
	}
	return t("account.modeTransfer", "Transfer")
}

func (a *accountsTab) enable() {
	for _, b := range a.buttons {
		if a.c.u.ID == 0 {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	if a.c.u.ID == 0 {
		a.note.Show()
	} else {
		a.note.Hide()
	}
}

func (a *accountsTab) object() fyne.CanvasObject {
	bar := container.NewHBox()
	for _, b := range a.buttons {
		bar.Add(b)
	}
	return container.NewBorder(container.NewVBox(bar, a.note), nil, nil, nil, a.list)
}

// reload reads the user's accounts again after an account card saved.
func (a *accountsTab) reload() {
	u, err := a.c.s.w.backend.Actions.UserByID(a.c.u.ID)
	if err != nil {
		a.c.s.w.showError(err)
		return
	}
	a.rows = u.ImapAccounts
	a.list.UnselectAll()
	a.list.Refresh()
}

func (a *accountsTab) edit(acc app.ImapAccount) {
	card := newAccountCard(a, acc)
	a.c.s.account = card
	card.open()
}

func (a *accountsTab) confirmDelete() {
	if a.selected < 0 {
		return
	}
	acc := a.rows[a.selected]
	record := widget.NewForm(
		widget.NewFormItem(t("account.description", "Description"), widget.NewLabel(acc.Description)),
		widget.NewFormItem(t("account.username", "User name"), widget.NewLabel(acc.Username)),
	)
	w := a.c.s.w
	w.askDelete(t("account.deleteTitle", "Delete IMAP account"), t("account.deleteQuestion",
		"Are you sure you want to delete this IMAP account? Mail already imported stays."),
		record, func() error { return w.backend.Actions.DeleteImapAccount(acc.ID) }, a.reload)
}
