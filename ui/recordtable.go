package ui

import (
	"cmp"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// column is one column of a recordTable: its header, its share of the
// table's width and the text of a row's cell. less, when set, makes the
// column sortable by tapping its header; nil sorts by the text.
type column[T any] struct {
	title  string
	weight float32
	text   func(*T) string
	less   func(a, b *T) int
	// mark, when set, makes the column a check mark (text is then the
	// detail pane's word for it).
	mark func(*T) bool
}

// recordTable is a list screen's table: column headers that
// sort, whole-row selection, cells elided at the column's edge, and a
// detail pane below that shows the chosen row's every value in full. The
// rows are the screen's own slice, so the screen's index and the table's
// are one.
type recordTable[T any] struct {
	widget.BaseWidget
	cols     []column[T]
	rows     *[]T
	table    *widget.Table
	detail   *widget.Form
	pane     *fyne.Container // the detail pane, once drawn
	values   []*widget.Label
	selected int
	sortCol  int
	desc     bool
	width    float32
	// OnSelected and OnUnselected follow the chosen row.
	OnSelected   func(int)
	OnUnselected func(int)
}

func newRecordTable[T any](rows *[]T, cols []column[T]) *recordTable[T] {
	rt := &recordTable[T]{cols: cols, rows: rows, selected: -1, sortCol: -1}
	rt.table = widget.NewTable(
		func() (int, int) { return len(*rt.rows), len(rt.cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			mark := widget.NewIcon(theme.ConfirmIcon())
			return container.NewStack(canvas.NewRectangle(theme.Color(theme.ColorNameSelection)), l,
				container.NewHBox(mark))
		},
		rt.updateCell)
	rt.table.ShowHeaderRow = true
	// A header is a button under an eliding label and the sort arrow:
	// a button's own text never elides.
	rt.table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		return container.NewStack(b, container.NewBorder(nil, nil, nil, widget.NewIcon(nil), l))
	}
	rt.table.UpdateHeader = rt.updateHeader
	rt.table.OnSelected = func(id widget.TableCellID) { rt.choose(id.Row) }
	rt.detail = widget.NewForm()
	for _, c := range cols {
		v := widget.NewLabel("")
		v.Wrapping = fyne.TextWrapWord
		v.Selectable = true
		rt.values = append(rt.values, v)
		rt.detail.Append(c.title, v)
	}
	rt.detail.Hide()
	rt.ExtendBaseWidget(rt)
	return rt
}

func (rt *recordTable[T]) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	c := o.(*fyne.Container)
	if id.Row >= len(*rt.rows) || id.Col >= len(rt.cols) {
		return
	}
	col, row := rt.cols[id.Col], &(*rt.rows)[id.Row]
	c.Objects[0].(*canvas.Rectangle).Hidden = id.Row != rt.selected
	label, mark := c.Objects[1].(*widget.Label), c.Objects[2].(*fyne.Container)
	if col.mark != nil {
		label.SetText("")
		mark.Hidden = !col.mark(row)
	} else {
		label.SetText(col.text(row))
		mark.Hidden = true
	}
	c.Refresh()
}

func (rt *recordTable[T]) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	stack := o.(*fyne.Container)
	b := stack.Objects[0].(*widget.Button)
	row := stack.Objects[1].(*fyne.Container)
	l, icon := row.Objects[0].(*widget.Label), row.Objects[1].(*widget.Icon)
	if id.Col < 0 || id.Col >= len(rt.cols) {
		l.SetText("")
		return
	}
	col := id.Col
	l.SetText(rt.cols[col].title)
	b.OnTapped = func() { rt.sortBy(col) }
	switch {
	case col != rt.sortCol:
		icon.SetResource(nil)
	case rt.desc:
		icon.SetResource(theme.MenuDropDownIcon())
	default:
		icon.SetResource(theme.MenuDropUpIcon())
	}
}

// sortBy sorts the rows by column col; a second tap reverses the order.
// The chosen row stays chosen.
func (rt *recordTable[T]) sortBy(col int) {
	rt.desc = col == rt.sortCol && !rt.desc
	rt.sortCol = col
	rt.sortRows()
}

func (rt *recordTable[T]) sortRows() {
	if rt.sortCol < 0 {
		return
	}
	c := rt.cols[rt.sortCol]
	less := c.less
	if less == nil {
		less = func(a, b *T) int { return cmp.Compare(strings.ToLower(c.text(a)), strings.ToLower(c.text(b))) }
	}
	var keep *T
	if rt.selected >= 0 && rt.selected < len(*rt.rows) {
		v := (*rt.rows)[rt.selected]
		keep = &v
	}
	slices.SortStableFunc(*rt.rows, func(a, b T) int {
		if rt.desc {
			return less(&b, &a)
		}
		return less(&a, &b)
	})
	if keep != nil {
		for i := range *rt.rows {
			if rt.cols[0].text(&(*rt.rows)[i]) == rt.cols[0].text(keep) {
				rt.selected = i
			}
		}
	}
	rt.table.Refresh()
	rt.showDetail()
}

// Select chooses row i, as a click on it does.
func (rt *recordTable[T]) Select(i int) {
	rt.table.Select(widget.TableCellID{Row: i, Col: 0})
}

func (rt *recordTable[T]) choose(i int) {
	if i < 0 || i >= len(*rt.rows) {
		return
	}
	rt.selected = i
	rt.table.Refresh()
	rt.showDetail()
	if rt.OnSelected != nil {
		rt.OnSelected(i)
	}
}

// UnselectAll drops the choice, as after a reload.
func (rt *recordTable[T]) UnselectAll() {
	was := rt.selected
	rt.selected = -1
	rt.table.UnselectAll()
	rt.detail.Hide()
	if was >= 0 && rt.OnUnselected != nil {
		rt.OnUnselected(was)
	}
}

// Refresh shows the rows again, in the chosen sort order.
func (rt *recordTable[T]) Refresh() {
	if rt.sortCol >= 0 {
		rt.sortRows()
	}
	rt.table.Refresh()
	rt.showDetail()
	rt.BaseWidget.Refresh()
}

func (rt *recordTable[T]) showDetail() {
	if rt.selected < 0 || rt.selected >= len(*rt.rows) {
		rt.detail.Hide()
		return
	}
	row := &(*rt.rows)[rt.selected]
	for i, c := range rt.cols {
		rt.values[i].SetText(c.text(row))
	}
	rt.detail.Show()
	if rt.pane != nil {
		rt.pane.Refresh() // a value that wraps moves the last whole line
	}
}

func (rt *recordTable[T]) CreateRenderer() fyne.WidgetRenderer {
	box := container.New(&fitColumns[T]{rt: rt}, wholeRowTable(rt.table))
	// The detail pane scrolls in a fixed height, so its wrapped values
	// are laid out at the pane's width and never cover the table.
	detail := container.NewVScroll(rt.detail)
	// A row is a label's height and the form's spacing: room for every
	// value on one line; a value that wraps scrolls, the view ending on
	// a whole line.
	row := widget.NewLabel("").MinSize().Height + theme.Padding() // an empty label is one line high
	detail.SetMinSize(fyne.NewSize(0, float32(len(rt.cols))*row))
	rt.pane = wholeLineScroll(detail)
	return widget.NewSimpleRenderer(container.NewBorder(nil, rt.pane, nil, nil, box))
}

// fitColumns gives the columns their share of the width the table has,
// so no column runs off the right edge.
type fitColumns[T any] struct{ rt *recordTable[T] }

func (f *fitColumns[T]) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	rt := f.rt
	if size.Width != rt.width {
		rt.width = size.Width
		var total float32
		for _, c := range rt.cols {
			total += c.weight
		}
		usable := size.Width - theme.Padding()*float32(len(rt.cols)) - theme.ScrollBarSize()
		// Each header gets the width its title needs (a header cut to
		// "Po…" names nothing); the rest is shared by weight.
		var needed float32
		for _, c := range rt.cols {
			needed += headerWidth(c.title)
		}
		spare := max(usable-needed, 0)
		for i, c := range rt.cols {
			rt.table.SetColumnWidth(i, headerWidth(c.title)+spare*c.weight/total)
		}
	}
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}

// headerWidth is what a header needs: its bold title, the label's
// padding, the sort arrow and the space between them.
func headerWidth(title string) float32 {
	text := fyne.MeasureText(title, theme.TextSize(), fyne.TextStyle{Bold: true}).Width
	return text + 2*theme.InnerPadding() + theme.IconInlineSize() + theme.Padding()
}

func (f *fitColumns[T]) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(float32(len(f.rt.cols))*40, 120)
}

// yesNo is the detail pane's word for a check mark.
func yesNo(on bool) string {
	if on {
		return t("records.yes", "Yes")
	}
	return t("records.no", "No")
}
