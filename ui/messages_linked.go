package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/explain"
)

// linkedMailLines is how many of a card's newest messages it lists; the
// Messages screen, filtered by the relation or project, has them all.
const linkedMailLines = 10

// linkedMail lists the mail linked to a relation (manual 000) or a
// project (manual 004) on its card: the count and the newest messages.
func (w *MainWindow) linkedMail(q app.MessageQuery) fyne.CanvasObject {
	store := w.backend.Actions
	n, err := store.CountMessages(q)
	if err != nil {
		return widget.NewLabel(explain.Error(err))
	}
	box := container.NewVBox(widget.NewLabel(plural(n, t("messages.countOne", "1 message"),
		t("messages.count", "{{.N}} messages", map[string]any{"N": n}))))
	rows, err := store.MessagePage(q, 0, linkedMailLines)
	if err != nil {
		return widget.NewLabel(explain.Error(err))
	}
	for i := range rows {
		r := &rows[i]
		line := widget.NewLabel(r.Date.Local().Format("2006-01-02 15:04") + "  " + directionText(r) + "  " + r.Subject)
		line.Truncation = fyne.TextTruncateEllipsis
		box.Add(line)
	}
	return box
}
