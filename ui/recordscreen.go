package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
)

// recordScreen is the shape Roles, Relations and Projects share: a table
// with column headers that sort and a detail pane, New / Change / Delete
// and, where a list grows long, a search entry. A card takes the list's
// place until Save or Cancel, as on the Users screen.
type recordScreen[T any] struct {
	w        *MainWindow
	parts    recordParts[T]
	body     *fyne.Container
	listView fyne.CanvasObject
	// readOnly is set when the current user's role lacks the screen's
	// right: cards open for reading only, New and Delete are off.
	readOnly bool
	list     *recordTable[T]
	search   *widget.Entry // nil when the screen has none
	rows     []T
	selected int
}

// recordParts is what one screen fills in; the texts are already translated.
type recordParts[T any] struct {
	title, newText, changeText, deleteText string
	// searchHint is the search entry's placeholder; empty means no search.
	searchHint string
	columns    []column[T]
	load       func(query string) ([]T, error)
	// open shows the card of a record; New opens the zero record.
	open func(T)
	// deleteAsk shows the record read-only and asks before deleting.
	deleteAsk func(T)
	// right is the role right that allows changes, and its label.
	right      func(app.Role) bool
	rightLabel string
}

func newRecordScreen[T any](w *MainWindow, p recordParts[T]) *recordScreen[T] {
	s := &recordScreen[T]{w: w, parts: p, body: container.NewStack(), selected: -1, readOnly: !w.mayChange(p.right)}
	s.list = newRecordTable(&s.rows, p.columns)
	s.list.OnSelected = func(i int) { s.selected = i }
	s.list.OnUnselected = func(int) { s.selected = -1 }
	newButton := widget.NewButton(p.newText, func() { var zero T; p.open(zero) })
	changeButton := widget.NewButton(p.changeText, func() {
		if r, ok := s.chosen(); ok {
			p.open(r)
		}
	})
	deleteButton := widget.NewButton(p.deleteText, func() {
		if r, ok := s.chosen(); ok {
			p.deleteAsk(r)
		}
	})
	top := container.NewVBox(widget.NewLabelWithStyle(p.title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHBox(newButton, changeButton, deleteButton))
	if s.readOnly {
		newButton.Disable()
		deleteButton.Disable()
		top.Add(readOnlyNotice(p.rightLabel))
	}
	if p.searchHint != "" {
		s.search = widget.NewEntry()
		s.search.SetPlaceHolder(p.searchHint)
		s.search.OnChanged = func(string) { s.reload() }
		top.Add(s.search)
	}
	s.listView = container.NewBorder(top, nil, nil, nil, s.list)
	return s
}

// chosen is the selected record, if any.
func (s *recordScreen[T]) chosen() (T, bool) {
	if s.selected < 0 || s.selected >= len(s.rows) {
		var zero T
		return zero, false
	}
	return s.rows[s.selected], true
}

// showList puts the list back, freshly read, and drops the leave guard
// of a card that was open.
func (s *recordScreen[T]) showList() {
	s.w.leaveGuard = nil
	s.reload()
	s.show(s.listView)
}

// showCard puts a card in the list's place.
func (s *recordScreen[T]) showCard(card fyne.CanvasObject) { s.show(card) }

func (s *recordScreen[T]) show(o fyne.CanvasObject) {
	s.body.Objects = []fyne.CanvasObject{o}
	s.body.Refresh()
}

// reload reads the records matching the search.
func (s *recordScreen[T]) reload() {
	query := ""
	if s.search != nil {
		query = s.search.Text
	}
	rows, err := s.parts.load(query)
	if err != nil {
		s.w.showError(err)
		return
	}
	s.rows = rows
	s.list.UnselectAll()
	s.selected = -1
	s.list.Refresh()
}

// askDelete shows record (a read-only form) with question, and runs
// remove on Yes; an error is explained and the list stays as it was.
func (s *recordScreen[T]) askDelete(title, question string, record fyne.CanvasObject, remove func() error) {
	s.w.askDelete(title, question, record, remove, s.reload)
}
