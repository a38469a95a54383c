package ui

import (
	"fmt"
	"postbridge/explain"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"postbridge/storage"
)

// messagesScreen lists imported mail with direction, links and
// attachments; "Needs attention" narrows it to mail waiting for a person.
func (w *MainWindow) messagesScreen() fyne.CanvasObject {
	var rows []storage.Message
	list := widget.NewList(
		func() int { return len(rows) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(messageLine(&rows[i])) },
	)
	attention := widget.NewCheck(t("messages.needsAttention", "Needs attention"), nil)
	var detail *messageDetail
	reload := func() {
		detail.clear()
		list.UnselectAll()
		msgs, err := w.backend.Store.ListMessages(storage.MessageFilter{NeedsAttention: attention.Checked, Limit: 1000})
		if err != nil {
			rows = nil
			w.toolbar.status.SetText(explain.Error(err))
		} else {
			rows = msgs
		}
		list.Refresh()
	}
	attention.OnChanged = func(bool) { reload() }
	detail = newMessageDetail(w, reload)
	list.OnSelected = func(i widget.ListItemID) { detail.show(rows[i]) }
	w.reloadMessages = reload
	reload()
	return container.NewBorder(container.NewHBox(widget.NewLabelWithStyle(t("messages.title", "Messages"), fyne.TextAlignLeading,
		fyne.TextStyle{Bold: true}), attention), detail.object(), nil, nil, list)
}

func messageLine(m *storage.Message) string {
	// « in, » out: the bundled font has no arrows (← →), and on Windows
	// no system font stands in for them (TestTextInBundledFont).
	arrow := "«"
	if m.Direction == storage.DirectionOut {
		arrow = "»"
	}
	var links []string
	for _, r := range m.Relations {
		links = append(links, r.Name)
	}
	if m.Project != nil {
		links = append(links, m.Project.Number)
	}
	line := fmt.Sprintf("%s  %s  %s  %s", m.Date.Format("2006-01-02 15:04"), arrow, m.From, m.Subject)
	if len(links) > 0 {
		line += "  [" + strings.Join(links, ", ") + "]"
	}
	if n := len(m.Attachments); n > 0 {
		line += fmt.Sprintf("  📎%d", n)
	}
	switch m.State {
	case storage.StateDeletedOnServer:
		line += "  — " + t("messages.deletedOnServer", "deleted on the server")
	case storage.StateArchived:
		line += "  — " + t("messages.archived", "archived")
	}
	if m.State == storage.StateNeedsAttention {
		line += "  ⚠ " + m.Attention
	}
	return line
}

func (w *MainWindow) refreshMessages() {
	if w.reloadMessages != nil {
		w.reloadMessages()
	}
}
