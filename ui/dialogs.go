package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// confirm asks a yes/no question and runs yes on Yes. The button texts
// are ours rather than Fyne's because Fyne ships no Dutch or Norwegian
// texts, and manual 002's question is answered with 'Ja'.
func confirm(win fyne.Window, title, question string, yes func()) {
	d := dialog.NewConfirm(title, question, func(ok bool) {
		if ok {
			yes()
		}
	}, win)
	d.SetConfirmText(t("dialogs.yes", "Yes"))
	d.SetDismissText(t("dialogs.no", "No"))
	d.Show()
}

// askDelete shows record (a read-only form) with question and runs
// remove on Yes, then reload; an error is explained and nothing else
// happens. Every Delete button of the window asks through it.
func (w *MainWindow) askDelete(title, question string, record fyne.CanvasObject, remove func() error, reload func()) {
	q := widget.NewLabel(question)
	q.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(title, t("dialogs.yes", "Yes"), t("dialogs.no", "No"),
		container.NewVBox(record, q), func(yes bool) {
			if !yes {
				return
			}
			if err := remove(); err != nil {
				w.showError(err)
				return
			}
			reload()
		}, w.win)
	d.Resize(fyne.NewSize(480, 260))
	d.Show()
}
