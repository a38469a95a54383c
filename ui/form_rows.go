package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// formRows is a form whose rows hide with their labels: a widget.Form
// keeps the label of a hidden field, and one grid keeps every row's
// field at the same left edge, where several forms would not line up.
type formRows struct {
	grid   *fyne.Container
	labels map[fyne.CanvasObject]*widget.Label
}

func newFormRows() *formRows {
	return &formRows{grid: container.New(layout.NewFormLayout()), labels: map[fyne.CanvasObject]*widget.Label{}}
}

// add appends a row; its label is bold and right-aligned, as a
// widget.Form's.
func (f *formRows) add(label string, o fyne.CanvasObject) {
	l := widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	f.labels[o] = l
	f.grid.Add(l)
	f.grid.Add(o)
}

// show shows or hides rows, labels included.
func (f *formRows) show(on bool, rows ...fyne.CanvasObject) {
	for _, o := range rows {
		show(on, o, f.labels[o])
	}
}
