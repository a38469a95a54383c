package ui

import (
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
)

// What the tests read off the screens: the texts the reader sees.

// cellTexts is every cell's text in row order.
func (rt *recordTable[T]) cellTexts(row int) []string {
	out := make([]string, len(rt.cols))
	for i, c := range rt.cols {
		out[i] = c.text(&(*rt.rows)[row])
	}
	return out
}

// problem is the sentence shown at path.
func (m *fieldMarks) problem(path string) string {
	if l := m.labels[path]; l != nil && l.Visible() {
		return l.Text
	}
	return ""
}

// fieldProblem is the sentence shown under the field name.
func (c *recordCard) fieldProblem(name string) string {
	if f, ok := c.fields[name]; ok && f.note.Visible() {
		return f.note.Text
	}
	return ""
}

// unsavedButton is the button of the open unsaved-changes question
// ("save", "discard" or "stay"), found on top of the window as the reader
// finds it; nil when no question is open.
func unsavedButton(w *MainWindow, which string) *widget.Button {
	top := w.win.Canvas().Overlays().Top()
	if top == nil {
		return nil
	}
	text := map[string]string{"save": t("unsaved.save", "Save"), "discard": t("unsaved.discard", "Discard"),
		"stay": t("unsaved.cancel", "Cancel")}[which]
	for _, b := range findAll[*widget.Button](top) {
		if b.Text == text {
			return b
		}
	}
	return nil
}

// domainLine shows a domain with its state: validated when and by whom,
// waiting for its code, or disabled.
func domainLine(d app.SendingDomain) string { return d.Domain + " — " + domainStatus(&d) }

// roleLine is the role's name with its rights in short.
func roleLine(role *app.Role) string {
	line := role.Name
	for _, right := range roleRights(role) {
		if *right.on {
			line += " · " + right.label
		}
	}
	return line
}

// note is the text under the field at path.
func (f *fieldNotes) note(path string) string {
	if n := f.notes[path]; n != nil && n.Visible() {
		return n.Text
	}
	return ""
}
