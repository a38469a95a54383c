package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// confirm asks a yes/no question and runs yes on Yes.
func confirm(win fyne.Window, title, question string, yes func()) {
	dialog.ShowConfirm(title, question, func(ok bool) {
		if ok {
			yes()
		}
	}, win)
}
