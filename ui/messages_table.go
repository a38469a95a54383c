package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
)

// messagePageSize is how many rows the table reads at a time: it asks the
// store for the screenful it shows, never for all 100,000 messages.
const messagePageSize = 100

// messageRows is the scrolled table's window onto the store: the count of
// the query and the pages read so far, dropped whenever the query changes.
type messageRows struct {
	act   *app.Actions
	query app.MessageQuery
	count int
	pages map[int][]app.MessageRow
	err   error
}

// reset reads the count of q; pages are read as the table needs them.
func (r *messageRows) reset(q app.MessageQuery) error {
	r.query, r.pages, r.count = q, map[int][]app.MessageRow{}, 0
	n, err := r.act.CountMessages(q)
	if err != nil {
		return err
	}
	r.count = int(n)
	return nil
}

// row returns row i, reading its page when it is not held yet.
func (r *messageRows) row(i int) (app.MessageRow, bool) {
	p := i / messagePageSize
	page, ok := r.pages[p]
	if !ok {
		var err error
		page, err = r.act.MessagePage(r.query, p*messagePageSize, messagePageSize)
		if err != nil {
			r.err = err
			return app.MessageRow{}, false
		}
		r.pages[p] = page
	}
	if i-p*messagePageSize >= len(page) {
		return app.MessageRow{}, false
	}
	return page[i-p*messagePageSize], true
}

// messageColumn is one column of the table: its title, its width, what
// it shows and, when it sorts, by what.
type messageColumn struct {
	key, english string
	width        float32
	sort         app.MessageSort
	text         func(r *app.MessageRow) string
}

func messageColumns() []messageColumn {
	return []messageColumn{
		{"messages.col.date", "Date", 130, app.SortDate, func(r *app.MessageRow) string {
			return r.Date.Local().Format("2006-01-02 15:04")
		}},
		{"messages.col.direction", "In/out", 60, app.SortDirection, directionText},
		{"messages.col.party", "From / to", 220, app.SortFrom, func(r *app.MessageRow) string {
			if r.Direction == app.DirectionIn {
				return r.From
			}
			return r.To
		}},
		{"messages.col.subject", "Subject", 280, app.SortSubject, func(r *app.MessageRow) string { return r.Subject }},
		{"messages.col.relations", "Relations", 160, "", func(r *app.MessageRow) string { return strings.Join(r.Relations, ", ") }},
		{"messages.col.project", "Project", 80, "", func(r *app.MessageRow) string { return r.Project }},
		{"messages.col.attachments", "Attachments", 90, "", func(r *app.MessageRow) string {
			if r.Attachments == 0 {
				return ""
			}
			return fmt.Sprint(r.Attachments)
		}},
		{"messages.col.state", "State", 110, app.SortState, stateCell},
	}
}

// directionText marks in « and out »: the bundled font has no arrows,
// and on Windows no system font stands in (TestTextInBundledFont).
func directionText(r *app.MessageRow) string {
	switch r.Direction {
	case app.DirectionOut:
		return "» " + t("messages.out", "out")
	case app.DirectionDraft:
		return t("messages.draft", "draft")
	}
	return "« " + t("messages.in", "in")
}

// stateCell is the state in the table: a word for what is out of the
// ordinary, nothing for a message imported as usual, so the column stays
// narrow; the filter and the detail name the state in full.
func stateCell(r *app.MessageRow) string {
	switch r.State {
	case app.StateDeletedOnServer:
		return t("messages.cell.deleted", "deleted")
	case app.StateArchived:
		return t("messages.cell.archived", "archived")
	case app.StateNeedsAttention:
		return t("messages.cell.attention", "! attention")
	}
	return ""
}

func stateText(r *app.MessageRow) string {
	switch r.State {
	case app.StateDeletedOnServer:
		return t("messages.deletedOnServer", "deleted on the server")
	case app.StateArchived:
		return t("messages.archived", "archived")
	case app.StateNeedsAttention:
		return "! " + t("messages.needsAttention", "Needs attention")
	}
	return t("messages.imported", "imported")
}

// newMessageTable is the virtual table over rows: Fyne asks only for the
// cells it shows. A tap on a sortable column's title sorts by it, a
// second tap reverses the order.
func newMessageTable(rows *messageRows, onSort func(app.MessageSort)) *widget.Table {
	cols := messageColumns()
	tbl := widget.NewTableWithHeaders(
		func() (int, int) { return rows.count, len(cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			text := ""
			if r, ok := rows.row(id.Row); ok {
				text = cols[id.Col].text(&r)
			}
			o.(*widget.Label).SetText(text)
		})
	tbl.ShowHeaderColumn = false
	tbl.CreateHeader = func() fyne.CanvasObject { return widget.NewButton("", nil) }
	tbl.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		if id.Col < 0 {
			return
		}
		c := cols[id.Col]
		b.SetText(t(c.key, c.english))
		b.OnTapped = nil
		if c.sort != "" {
			b.OnTapped = func() { onSort(c.sort) }
		}
	}
	for i, c := range cols {
		tbl.SetColumnWidth(i, max(c.width, columnMin(c)))
	}
	return tbl
}

// columnMin is the narrowest a column gets: its header's own text
// ("Ein/aus"), and for the date, the direction and the state their
// whole text.
func columnMin(c messageColumn) float32 {
	header := widget.NewButton(t(c.key, c.english), nil).MinSize().Width
	var samples []string
	switch c.key {
	case "messages.col.date":
		samples = []string{"2024-05-17 14:45"}
	case "messages.col.direction":
		samples = []string{"» " + t("messages.out", "out"), "« " + t("messages.in", "in")}
	case "messages.col.state":
		for _, st := range []app.MessageState{app.StateDeletedOnServer, app.StateArchived, app.StateNeedsAttention} {
			samples = append(samples, stateCell(&app.MessageRow{State: st}))
		}
	default:
		return max(header, 70)
	}
	w := header
	for _, s := range samples {
		// A cell is the label and the table's own padding on both sides.
		w = max(w, widget.NewLabel(s).MinSize().Width+2*theme.Padding())
	}
	return w
}

// fitMessageColumns gives the table's columns the table's width: each at least
// its minimum, the rest shared in proportion to the column's own width,
// so no column is cut at the window's edge at 1024×680 (a screen
// narrower than the minimums scrolls sideways).
type fitMessageColumns struct {
	tbl  *widget.Table
	cols []messageColumn
}

func (f *fitMessageColumns) MinSize([]fyne.CanvasObject) fyne.Size { return f.tbl.MinSize() }

func (f *fitMessageColumns) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	// Each column's divider and the vertical scroll bar take room too.
	room := size.Width - float32(len(f.cols))*theme.SeparatorThicknessSize() - theme.ScrollBarSize()
	mins, spare := make([]float32, len(f.cols)), float32(0)
	var sumMin, sumWant float32
	for i, c := range f.cols {
		mins[i] = columnMin(c)
		sumMin += mins[i]
		sumWant += max(c.width-mins[i], 0)
	}
	if room > sumMin {
		spare = room - sumMin
	}
	for i, c := range f.cols {
		w := mins[i]
		if sumWant > 0 {
			w += spare * max(c.width-mins[i], 0) / sumWant
		}
		f.tbl.SetColumnWidth(i, w)
	}
	for _, o := range objects {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}
