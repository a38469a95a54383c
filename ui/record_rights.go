package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
)

// mayChange reports whether the toolbar's current user has the right
// that has picks from a role. The rule is the Company screen's
// (company_rights.go): while no user has a role the office has not set
// up rights yet, and whoever sets it up must be able to; from the first
// role on, a user without one, or no chosen user, may only look.
func (w *MainWindow) mayChange(has func(app.Role) bool) bool {
	users, err := w.backend.Actions.Users()
	if err != nil {
		return false
	}
	anyRole := false
	for _, u := range users {
		anyRole = anyRole || u.Role != nil
	}
	if !anyRole {
		return true
	}
	for _, u := range users {
		if u.Name == w.toolbar.user.Selected && u.Role != nil {
			return has(*u.Role)
		}
	}
	return false
}

// readOnlyNotice says which right the current user lacks.
func readOnlyNotice(right string) fyne.CanvasObject {
	l := widget.NewLabel(t("records.readonly", "Read-only: the role of the current user lacks the right \"{{.Right}}\".",
		map[string]string{"Right": right}))
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.WarningImportance
	return l
}
