package ui

import (
	"context"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/explain"
)

// messagesScreen is what an office admin checks the import with: a table
// of every message that reads one screenful at a time, sorted by a tapped
// column, narrowed by search and filters, with the chosen
// message below — headers, text, attachments and links.
func (w *MainWindow) messagesScreen() fyne.CanvasObject {
	v := &messagesView{w: w, rows: &messageRows{act: w.backend.Actions}, count: widget.NewLabel("")}
	v.detail = newMessageDetail(w, v.reload)
	v.table = newMessageTable(v.rows, v.sortBy)
	v.table.OnSelected = v.selected
	filters := v.filterBar()
	w.reloadMessages = v.reload
	v.reload()
	split := container.NewVSplit(container.New(&fitMessageColumns{tbl: v.table, cols: messageColumns()}, wholeRowTable(v.table)), v.detail.object())
	// Half for the chosen message: its headers, why it waits, the
	// relation and project to link it to and Link fit at 1024x680.
	split.Offset = 0.5
	title := widget.NewLabelWithStyle(t("messages.title", "Messages"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewBorder(container.NewVBox(container.NewHBox(title, v.count), filters), nil, nil, nil, split)
}

// messagesView is the Messages screen's state.
type messagesView struct {
	w      *MainWindow
	query  app.MessageQuery
	rows   *messageRows
	table  *widget.Table
	detail *messageDetail
	count  *widget.Label
	// indexing is set while the search index catches up on a goroutine.
	indexing bool
}

// reload reads the count of the query afresh and empties the table's
// pages, after a filter changed, a sync, or a link was chosen.
func (v *messagesView) reload() {
	if v.catchUpFirst() {
		return
	}
	v.detail.clear()
	v.table.UnselectAll()
	if err := v.rows.reset(v.query); err != nil {
		v.w.toolbar.status.SetText(explain.Error(err))
	}
	v.count.SetText(plural(v.rows.count, t("messages.countOne", "1 message"),
		t("messages.count", "{{.N}} messages", map[string]any{"N": v.rows.count})))
	// Before its first layout Fyne's table lays out a divider for every
	// row (its visible range is all rows while its height is 0): with
	// 100,000 messages that alone took a second. Scroll only once shown.
	if v.table.Size().Height > 0 {
		v.table.ScrollToTop()
		v.table.Refresh()
	}
	if v.rows.err != nil {
		v.w.toolbar.status.SetText(explain.Error(v.rows.err))
		v.rows.err = nil
	}
}

// catchUpFirst lets a search wait for the search index off the window's
// goroutine: after a large import the index follows for a few seconds
// (storage/search.go), and a search would otherwise catch it up while
// the window stands still. It reports whether the reload waits for it.
func (v *messagesView) catchUpFirst() bool {
	if v.indexing {
		return true // the reload comes when the index is done
	}
	store := v.w.backend.Actions
	pending, err := store.SearchPending()
	if v.query.Search == "" || err != nil || pending == 0 {
		return false
	}
	v.indexing = true
	v.count.SetText(plural(pending, t("messages.indexingOne", "Preparing the search: 1 new message…"),
		t("messages.indexing", "Preparing the search: {{.N}} new messages…", map[string]any{"N": pending})))
	go func() {
		_, err := store.IndexSearch(context.Background())
		fyne.Do(func() {
			v.indexing = false
			if err != nil {
				v.w.toolbar.status.SetText(explain.Error(err))
			}
			v.reload()
		})
	}()
	return true
}

func (v *messagesView) sortBy(col app.MessageSort) {
	if v.query.Sort == col || (v.query.Sort == "" && col == app.SortDate) {
		v.query.Ascending = !v.query.Ascending
	} else {
		v.query.Sort, v.query.Ascending = col, col != app.SortDate
	}
	v.reload()
}

func (v *messagesView) selected(id widget.TableCellID) {
	r, ok := v.rows.row(id.Row)
	if !ok {
		return
	}
	m, err := v.w.backend.Actions.MessageByID(r.ID)
	if err != nil {
		v.w.toolbar.status.SetText(explain.Error(err))
		return
	}
	v.detail.show(m)
}

// filterBar holds the search field and the filters: needs attention,
// state, user, relation and project.
func (v *messagesView) filterBar() fyne.CanvasObject {
	search := widget.NewEntry()
	search.SetPlaceHolder(t("messages.search", "Search subject, addresses and text"))
	search.OnChanged = func(s string) { v.query.Search = s; v.reload() }
	attention := widget.NewCheck(t("messages.needsAttention", "Needs attention"), func(on bool) {
		v.query.NeedsAttention = on
		v.reload()
	})
	states := []app.MessageState{"", app.StateImported, app.StateNeedsAttention,
		app.StateDeletedOnServer, app.StateArchived}
	var stateNames []string
	for _, s := range states {
		stateNames = append(stateNames, stateFilterName(s))
	}
	state := widget.NewSelect(stateNames, nil)
	state.SetSelectedIndex(0)
	state.OnChanged = func(string) { v.query.State = states[state.SelectedIndex()]; v.reload() }
	// The check beside the search, the four choices below: in one row
	// the German words ran off the window's edge.
	return container.NewVBox(container.NewBorder(nil, nil, nil, attention, search),
		container.NewHBox(wideFor(state, state.Options), v.userFilter(), v.relationFilter(), v.projectFilter()))
}

func stateFilterName(s app.MessageState) string {
	if s == "" {
		return t("messages.allStates", "every state")
	}
	return stateText(&app.MessageRow{State: s})
}

// idFilter is a select of v whose first option, anyText, means "any"
// and whose others are items by name: choosing an option sets *id to the
// ID behind it (0 for any) and reloads.
func idFilter[T any](v *messagesView, anyText string, items []T, name func(T) string, idOf func(T) uint, id *uint) fyne.CanvasObject {
	names := []string{anyText}
	ids := []uint{0}
	for _, it := range items {
		names, ids = append(names, name(it)), append(ids, idOf(it))
	}
	sel := widget.NewSelect(names, nil)
	sel.SetSelectedIndex(0)
	sel.OnChanged = func(string) {
		*id = 0
		if i := sel.SelectedIndex(); i > 0 {
			*id = ids[i]
		}
		v.reload()
	}
	return wideEnough(sel)
}

// wideEnough keeps a filter as wide as its first option ("every user"):
// a Select's own minimum cut it to "every us…".
func wideEnough(sel *widget.Select) fyne.CanvasObject { return wideFor(sel, sel.Options[:1]) }

// wideFor keeps a select as wide as the widest of texts.
func wideFor(sel *widget.Select, texts []string) fyne.CanvasObject {
	var text float32
	for _, s := range texts {
		text = max(text, fyne.MeasureText(s, theme.TextSize(), fyne.TextStyle{}).Width)
	}
	room := canvas.NewRectangle(color.Transparent)
	room.SetMinSize(fyne.NewSize(text+2*theme.InnerPadding()+theme.IconInlineSize()+3*theme.Padding(), 0))
	return container.NewStack(room, sel)
}

func (v *messagesView) userFilter() fyne.CanvasObject {
	users, _ := v.w.backend.Actions.Users()
	return idFilter(v, t("messages.allUsers", "every user"), users,
		func(u app.User) string { return u.Name }, func(u app.User) uint { return u.ID }, &v.query.UserID)
}

func (v *messagesView) relationFilter() fyne.CanvasObject {
	relations, _ := v.w.backend.Actions.Relations("")
	return idFilter(v, t("messages.allRelations", "every relation"), relations,
		func(r app.Relation) string { return r.Name }, func(r app.Relation) uint { return r.ID }, &v.query.RelationID)
}

func (v *messagesView) projectFilter() fyne.CanvasObject {
	projects, _ := v.w.backend.Actions.Projects("")
	return idFilter(v, t("messages.allProjects", "every project"), projects,
		func(p app.Project) string { return p.Number + " " + p.Description },
		func(p app.Project) uint { return p.ID }, &v.query.ProjectID)
}

func (w *MainWindow) refreshMessages() {
	if w.reloadMessages != nil {
		w.reloadMessages()
	}
}
