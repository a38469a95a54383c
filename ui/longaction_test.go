package ui

import "fyne.io/fyne/v2/widget"

// shownOK is whether r shows its last outcome as a success: what the
// reader sees (the outcome's colour), not a field kept for tests.
func shownOK(r *resultView) bool {
	return r.outcome.Importance == widget.SuccessImportance
}
