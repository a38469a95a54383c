package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
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
