package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// companyRights is what the current user (chosen in the toolbar) may
// change on the Company screen: the company settings (role right "manage
// company settings") and the own mail server (manual 003: the right "Eigen
// mailserver", off by default).
type companyRights struct {
	manage, ownServer bool
}

// companyRights reads the rights of the toolbar's current user. While no
// user has a role, the office has not set up rights yet, and whoever sets
// it up must be able to fill in the company; from the first role on, a
// user without one, or no chosen user, may only look.
func (w *MainWindow) companyRights() companyRights {
	users, err := w.backend.Actions.Users()
	if err != nil {
		return companyRights{}
	}
	anyRole := false
	for _, u := range users {
		anyRole = anyRole || u.Role != nil
	}
	if !anyRole {
		return companyRights{manage: true, ownServer: true}
	}
	current := w.toolbar.user.Selected
	for _, u := range users {
		if u.Name == current && u.Role != nil {
			return companyRights{manage: u.Role.ManageCompany, ownServer: u.Role.ManageCompany && u.Role.OwnMailServer}
		}
	}
	return companyRights{}
}

// notice says why (part of) the screen cannot be changed; empty when all can.
func (r companyRights) notice() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	switch {
	case !r.manage:
		l.SetText(t("company.readonly", "Read-only: the role of the current user may not change the company settings."))
	case !r.ownServer:
		l.SetText(t("company.readonly_own_server", "The own mail server and its domains are read-only: the role of the current user lacks the right \"Own mail server\"."))
	default:
		l.Hide()
	}
	return l
}
