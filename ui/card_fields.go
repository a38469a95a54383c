package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
)

// fieldMarks puts the sentence of a refused Save under the field it is
// about, and knows the tab that holds each field
// so a card can bring the first wrong one into view.
type fieldMarks struct {
	labels map[string]*widget.Label
	tabOf  map[string]int
	tab    int // the tab that fields placed now belong to
	// first is the sentence of the first field the last refusal marked.
	first *widget.Label
}

func newFieldMarks() *fieldMarks {
	return &fieldMarks{labels: map[string]*widget.Label{}, tabOf: map[string]int{}}
}

// at returns o with a hidden sentence below it for the field at path
// (the storage validator's path, such as "archive" or "smtp.port").
func (m *fieldMarks) at(path string, o fyne.CanvasObject) fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	m.labels[path] = l
	m.tabOf[path] = m.tab
	return container.NewBorder(nil, l, nil, nil, o) // o keeps all the room it is given
}

// clear hides every sentence, before a new Save.
func (m *fieldMarks) clear() {
	for _, l := range m.labels {
		l.SetText("")
		l.Hide()
	}
}

// show marks the fields err names and returns the tab of the first one
// (-1 when err names none this card has).
func (m *fieldMarks) show(err error) int {
	m.first = nil
	var ve *app.ValidationError
	if !errors.As(err, &ve) {
		return -1
	}
	first := -1
	for _, f := range ve.Fields {
		path := f.Path
		if i := strings.IndexByte(path, '['); i >= 0 {
			path = path[:i] // delegates[2] is marked at the delegates table
		}
		l := m.labels[path]
		if l == nil {
			continue
		}
		l.SetText(problemText(f))
		l.Show()
		if first < 0 {
			first, m.first = m.tabOf[path], l
		}
	}
	return first
}

// refusedAtFields heads a card whose refusal is marked at its fields, in
// the window's language: the store's own error text is for the log.
func refusedAtFields() string {
	return t("field.refused_marked", "Not saved: the marked fields say why.")
}
