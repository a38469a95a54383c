package ui

import (
	"cmp"
	"errors"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/explain"
)

// mailServersScreen is manual 002's list of mail servers with New, Change
// and Delete. Changes are stored only on Save.
func (w *MainWindow) mailServersScreen() fyne.CanvasObject {
	s := &mailServers{w: w}
	s.list = newRecordTable(&s.rows, mailServerColumns())
	s.list.OnSelected = func(i int) { s.selected = i }
	s.list.OnUnselected = func(int) { s.selected = -1 }
	s.selected = -1
	s.reload()
	buttons := container.NewHBox(
		widget.NewButton(t("mailservers.new", "New"), func() { s.edit(app.MailServer{Endpoint: app.Endpoint{Port: 25}, Auth: app.MailAuthNone}) }),
		widget.NewButton(t("mailservers.change", "Change"), func() {
			if s.selected >= 0 {
				s.edit(s.rows[s.selected])
			}
		}),
		widget.NewButton(t("mailservers.delete", "Delete"), s.confirmDelete),
	)
	w.mailServers = s
	return container.NewBorder(container.NewVBox(
		widget.NewLabelWithStyle(t("mailservers.title", "Mail servers"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), buttons),
		nil, nil, nil, s.list)
}

// mailServerColumns are manual 002's fields: identification, address,
// port, security and authentication.
func mailServerColumns() []column[app.MailServer] {
	return []column[app.MailServer]{
		{title: t("mailservers.identification", "Identification"), weight: 2,
			text: func(m *app.MailServer) string { return m.Identification }},
		{title: t("mailservers.host", "Mail server address"), weight: 2.5,
			text: func(m *app.MailServer) string { return m.Host }},
		{title: t("mailservers.port", "Port"), weight: 0.8,
			text: func(m *app.MailServer) string { return strconv.Itoa(m.Port) },
			less: func(a, b *app.MailServer) int { return cmp.Compare(a.Port, b.Port) }},
		{title: t("mailservers.security", "Security"), weight: 1.5,
			text: func(m *app.MailServer) string { return securityLabel(m.Security) }},
		{title: t("mailservers.authentication", "Authentication"), weight: 1.5,
			text: func(m *app.MailServer) string { return authLabel(m.Auth) }},
	}
}

// mailServers is the state of the Mail servers screen.
type mailServers struct {
	w        *MainWindow
	rows     []app.MailServer
	list     *recordTable[app.MailServer]
	selected int
	card     *mailServerCard // the open card, for tests
}

func (s *mailServers) reload() {
	rows, err := s.w.backend.Actions.MailServers()
	if err != nil {
		dialog.ShowError(errors.New(explain.Error(err)), s.w.win)
		return
	}
	s.rows = rows
	s.list.Refresh()
}

// confirmDelete shows the record read-only and asks, as manual 002 says:
// "Weet je zeker dat je dit serveradres wilt verwijderen?"
func (s *mailServers) confirmDelete() {
	if s.selected < 0 {
		return
	}
	m := s.rows[s.selected]
	record := widget.NewForm(
		widget.NewFormItem(t("mailservers.identification", "Identification"), widget.NewLabel(m.Identification)),
		widget.NewFormItem(t("mailservers.host", "Mail server address"), widget.NewLabel(m.Host)),
		widget.NewFormItem(t("mailservers.port", "Port"), widget.NewLabel(strconv.Itoa(m.Port))),
	)
	content := container.NewVBox(record, widget.NewLabel(t("mailservers.deleteQuestion",
		"Are you sure you want to delete this mail server?")))
	d := dialog.NewCustomConfirm(t("mailservers.deleteTitle", "Delete mail server"),
		t("mailservers.yes", "Yes"), t("mailservers.no", "No"), content,
		func(yes bool) {
			if yes {
				s.delete(m)
			}
		}, s.w.win)
	d.Show()
}

// delete removes m after the admin answered Yes.
func (s *mailServers) delete(m app.MailServer) {
	if err := s.w.backend.Actions.DeleteMailServer(m.ID); err != nil {
		dialog.ShowError(errors.New(explain.Error(err)), s.w.win)
		return
	}
	s.list.UnselectAll()
	s.reload()
}

func (s *mailServers) edit(m app.MailServer) {
	s.card = newMailServerCard(s, m)
	s.card.show()
}
