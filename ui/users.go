package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
)

// usersScreen is the list of users with New, Change and Delete (manual
// 000 "gebruikers"). A user card, and an IMAP account card
// opened from it, take the screen's place until Save or Cancel.
func (w *MainWindow) usersScreen() fyne.CanvasObject {
	s := &users{w: w, body: container.NewStack(), selected: -1}
	s.list = newRecordTable(&s.rows, userColumns())
	s.list.OnSelected = func(i int) { s.selected = i }
	s.list.OnUnselected = func(int) { s.selected = -1 }
	buttons := container.NewHBox(
		widget.NewButton(t("users.new", "New"), func() { s.edit(app.User{}) }),
		widget.NewButton(t("users.change", "Change"), s.changeSelected),
		widget.NewButton(t("users.delete", "Delete"), s.confirmDelete),
	)
	s.listView = container.NewBorder(container.NewVBox(
		widget.NewLabelWithStyle(t("users.title", "Users"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), buttons),
		nil, nil, nil, s.list)
	w.users = s
	s.showList()
	return s.body
}

// users is the state of the Users screen.
type users struct {
	w        *MainWindow
	body     *fyne.Container
	listView fyne.CanvasObject
	list     *recordTable[app.User]
	rows     []app.User
	selected int
	card     *userCard    // the open user card, for tests
	account  *accountCard // the open IMAP account card: an OAuth sign-in fills in its login
}

// userColumns are name, e-mail address, role, work location and the
// user's IMAP accounts.
func userColumns() []column[app.User] {
	return []column[app.User]{
		{title: t("users.name", "Name"), weight: 2, text: func(u *app.User) string { return u.Name }},
		{title: t("users.email", "E-mail address"), weight: 2.5, text: func(u *app.User) string { return u.Email }},
		{title: t("users.role", "Role"), weight: 1.5, text: func(u *app.User) string {
			if u.Role == nil {
				return ""
			}
			return u.Role.Name
		}},
		{title: t("users.workLocation", "Work location"), weight: 1.5, text: func(u *app.User) string {
			if u.WorkLocation == nil {
				return ""
			}
			return u.WorkLocation.Identification
		}},
		{title: t("users.tabImap", "IMAP accounts"), weight: 2, text: userAccounts},
	}
}

// userAccounts names the user's IMAP accounts by description or login.
func userAccounts(u *app.User) string {
	names := make([]string, 0, len(u.ImapAccounts))
	for _, a := range u.ImapAccounts {
		name := a.Description
		if name == "" {
			name = a.Username
		}
		names = append(names, name)
	}
	return strings.Join(names, ", ")
}

// showList puts the list back, freshly read, and drops any leave guard.
func (s *users) showList() {
	s.card, s.account = nil, nil
	s.w.leaveGuard = nil
	s.reload()
	s.show(s.listView)
}

func (s *users) show(o fyne.CanvasObject) {
	s.body.Objects = []fyne.CanvasObject{o}
	s.body.Refresh()
}

func (s *users) reload() {
	rows, err := s.w.backend.Actions.UsersWithAccounts()
	if err != nil {
		s.w.showError(err)
		return
	}
	s.rows = rows
	s.list.UnselectAll()
	s.list.Refresh()
	// The toolbar's user choice follows: a user added here can synchronize
	// at once, a deleted one is no longer offered.
	s.w.toolbar.loadUsers()
	s.w.toolbar.user.Refresh()
}

func (s *users) changeSelected() {
	if s.selected < 0 {
		return
	}
	u, err := s.w.backend.Actions.UserByID(s.rows[s.selected].ID)
	if err != nil {
		s.w.showError(err)
		return
	}
	s.edit(u)
}

func (s *users) edit(u app.User) {
	s.card = newUserCard(s, u)
	s.card.open()
}

// confirmDelete shows the user and asks; IMAP accounts go with the user,
// imported mail stays.
func (s *users) confirmDelete() {
	if s.selected < 0 {
		return
	}
	u := s.rows[s.selected]
	record := widget.NewForm(
		widget.NewFormItem(t("users.name", "Name"), widget.NewLabel(u.Name)),
		widget.NewFormItem(t("users.email", "E-mail address"), widget.NewLabel(u.Email)),
	)
	s.w.askDelete(t("users.deleteTitle", "Delete user"), t("users.deleteQuestion",
		"Are you sure you want to delete this user? Their IMAP accounts are deleted too; mail already imported stays."),
		record, func() error { return s.w.backend.Actions.DeleteUser(u.ID) }, s.reload)
}
