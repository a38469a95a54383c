package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
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
		{"messages.col.state", "State", 150, app.SortState, stateText},
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
		// Never narrower than the header's own text ("Ein/aus").
		tbl.SetColumnWidth(i, max(c.width, widget.NewButton(t(c.key, c.english), nil).MinSize().Width))
	}
	return tbl
}
