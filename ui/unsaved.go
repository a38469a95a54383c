package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"postbridge/explain"
)

// Unsaved changes: a card stores nothing before
// Save, and leaving it with changes asks Save / Discard / Cancel.
//
// How a screen uses it:
//
//	d := &dirty{}
//	d.watchEntries(nameEntry, hostEntry)   // or call d.mark() from OnChanged
//	d.watchChecks(sslCheck)
//	w.guardLeave(d, save)                  // save() error stores the card
//	... on Save success or Cancel: d.clear()
//
// The window asks the guard before it shows another screen; a dialog
// that closes a card asks through d.confirmLeave.

// dirty records whether a card has changes that are not saved.
type dirty struct {
	changed bool
	// loading is set while a card fills its fields, so filling is no change.
	loading bool
}

func (d *dirty) mark() {
	if !d.loading {
		d.changed = true
	}
}

func (d *dirty) clear() { d.changed = false }

// filling runs fill (which sets the widgets' values) without marking.
func (d *dirty) filling(fill func()) {
	d.loading = true
	defer func() { d.loading = false }()
	fill()
}

// watchEntries marks d on every edit, keeping the entries' own OnChanged.
func (d *dirty) watchEntries(entries ...*widget.Entry) {
	for _, e := range entries {
		prev := e.OnChanged
		e.OnChanged = func(s string) {
			d.mark()
			if prev != nil {
				prev(s)
			}
		}
	}
}

// watchChecks marks d when a check box changes.
func (d *dirty) watchChecks(checks ...*widget.Check) {
	for _, c := range checks {
		prev := c.OnChanged
		c.OnChanged = func(on bool) {
			d.mark()
			if prev != nil {
				prev(on)
			}
		}
	}
}

// watchSelects marks d when a select or radio group changes.
func (d *dirty) watchSelects(selects ...*widget.Select) {
	for _, s := range selects {
		prev := s.OnChanged
		s.OnChanged = func(v string) {
			d.mark()
			if prev != nil {
				prev(v)
			}
		}
	}
}

func (d *dirty) watchRadios(radios ...*widget.RadioGroup) {
	for _, r := range radios {
		prev := r.OnChanged
		r.OnChanged = func(v string) {
			d.mark()
			if prev != nil {
				prev(v)
			}
		}
	}
}

// confirmLeave runs proceed at once without changes; with changes it
// asks whether to save them first. Save that fails shows why and stays.
func (d *dirty) confirmLeave(w *MainWindow, save func() error, proceed func()) {
	if !d.changed {
		proceed()
		return
	}
	var dlg *dialog.CustomDialog
	saveBtn := widget.NewButton(t("unsaved.save", "Save"), func() {
		dlg.Hide()
		if err := save(); err != nil {
			w.showError(err)
			return
		}
		d.clear()
		proceed()
	})
	saveBtn.Importance = widget.HighImportance
	discard := widget.NewButton(t("unsaved.discard", "Discard"), func() {
		dlg.Hide()
		d.clear()
		proceed()
	})
	stay := widget.NewButton(t("unsaved.cancel", "Cancel"), func() { dlg.Hide() })
	dlg = dialog.NewCustomWithoutButtons(t("unsaved.title", "Unsaved changes"),
		widget.NewLabel(t("unsaved.question", "Save the changes?")), w.win)
	dlg.SetButtons([]fyne.CanvasObject{stay, discard, saveBtn})
	dlg.Show()
}

// guardLeave makes the window ask d before it shows another screen.
func (w *MainWindow) guardLeave(d *dirty, save func() error) {
	w.leaveGuard = func(proceed func()) { d.confirmLeave(w, save, proceed) }
}

// showError shows err in people's words (explain is the one place).
func (w *MainWindow) showError(err error) {
	if w.offerSignInAgain(err) {
		return
	}
	d := dialog.NewError(errors.New(explain.Error(err)), w.win)
	d.Show()
}
