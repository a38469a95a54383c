package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"postbridge/mail/actions"
	"postbridge/mail/imapsync"
	"postbridge/storage"
)

// folderTree is manual 001's folder structure of a mirror-mode account:
// every server folder with its sync tick ("avhukning") and its role
// ("Bruk som ... mappe"), and the folder menu. Changes are stored on Save.
type folderTree struct {
	c        *accountCard
	rows     []storage.ImapFolder
	delim    string
	list     *widget.List
	selected int
	menu     []*widget.Button
}

// folderRoles are the roles a folder can have; the value is the RFC 6154
// special use the sync engine reads ("Sent", "Drafts", ...).
func folderRoles() []choice {
	return []choice{
		{"", t("account.roleNone", "(no role)")},
		{"Sent", t("account.roleSent", "Sent items")},
		{"Drafts", t("account.roleDrafts", "Drafts")},
		{"Trash", t("account.roleTrash", "Trash")},
		{"Junk", t("account.roleJunk", "Junk e-mail")},
		{"Archive", t("account.roleArchive", "Archive")},
	}
}

func newFolderTree(c *accountCard) *folderTree {
	ft := &folderTree{c: c, rows: append([]storage.ImapFolder(nil), c.a.Folders...), delim: "/", selected: -1}
	if c.a.DotSeparated {
		ft.delim = "."
	}
	roles := folderRoles()
	ft.list = widget.NewList(func() int { return len(ft.rows) },
		func() fyne.CanvasObject {
			// The role choice is wide enough for manual 001's longest
			// role name ("Slettede elementer").
			role := widget.NewSelect(choiceLabels(roles), nil)
			wide := container.NewGridWrap(fyne.NewSize(220, role.MinSize().Height), role)
			return newFolderRow(ft, container.NewBorder(nil, nil, widget.NewCheck("", nil), wide, widget.NewLabel("")))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			r := o.(*folderRow)
			r.index = i
			ft.showRow(i, r.box, roles)
		})
	ft.list.OnSelected = func(i widget.ListItemID) { ft.selected = i }
	ft.list.OnUnselected = func(widget.ListItemID) { ft.selected = -1 }
	ft.menu = []*widget.Button{
		widget.NewButton(t("account.downloadOnce", "Download once"), func() { ft.runOp(actions.OpDownloadOnce) }),
		widget.NewButton(t("account.subscribe", "Subscribe"), func() { ft.subscribe(true) }),
		widget.NewButton(t("account.unsubscribe", "Unsubscribe"), func() { ft.subscribe(false) }),
		widget.NewButton(t("account.reindex", "ReIndex"), ft.confirmReIndex),
		widget.NewButton(t("account.purge", "Purge deleted"), func() { ft.runOp(actions.OpPurge) }),
	}
	return ft
}

// showRow fills one list row; the callbacks are set after the values so
// that showing a row is no change.
func (ft *folderTree) showRow(i int, row *fyne.Container, roles []choice) {
	f := &ft.rows[i]
	var check *widget.Check
	var role *widget.Select
	var label *widget.Label
	objs := append([]fyne.CanvasObject(nil), row.Objects...)
	for _, o := range row.Objects {
		if c, ok := o.(*fyne.Container); ok {
			objs = append(objs, c.Objects...)
		}
	}
	for _, o := range objs {
		switch w := o.(type) {
		case *widget.Check:
			check = w
		case *widget.Select:
			role = w
		case *widget.Label:
			label = w
		}
	}
	depth := strings.Count(f.Name, ft.delim)
	label.SetText(strings.Repeat("    ", depth) + f.Name[strings.LastIndex(f.Name, ft.delim)+1:])
	check.OnChanged = nil
	check.SetChecked(f.Sync)
	check.OnChanged = func(on bool) { f.Sync = on; ft.c.d.mark() }
	role.OnChanged = nil
	role.SetSelected(choiceLabel(roles, f.Role))
	role.OnChanged = func(label string) { f.Role = choiceValue(roles, label); ft.c.d.mark() }
}

// folderRow is one folder of the list; a right click (or a long press)
// on it opens the folder menu, as in manual 001.
type folderRow struct {
	widget.BaseWidget
	ft    *folderTree
	box   *fyne.Container
	index int
}

func newFolderRow(ft *folderTree, box *fyne.Container) *folderRow {
	r := &folderRow{ft: ft, box: box, index: -1}
	r.ExtendBaseWidget(r)
	return r
}

func (r *folderRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

// TappedSecondary chooses the folder and shows the menu where it was clicked.
func (r *folderRow) TappedSecondary(e *fyne.PointEvent) {
	if r.index < 0 {
		return
	}
	r.ft.list.Select(r.index)
	c := fyne.CurrentApp().Driver().CanvasForObject(r)
	if c == nil {
		return
	}
	widget.ShowPopUpMenuAtPosition(r.ft.folderMenu(), c, e.AbsolutePosition)
}

// folderMenu is the menu of the chosen folder: the same actions as the
// buttons below the list.
func (ft *folderTree) folderMenu() *fyne.Menu {
	var items []*fyne.MenuItem
	for _, b := range ft.menu {
		items = append(items, fyne.NewMenuItem(b.Text, b.OnTapped))
	}
	return fyne.NewMenu("", items...)
}

func (ft *folderTree) object() fyne.CanvasObject {
	bar := container.NewHBox()
	for _, b := range ft.menu {
		bar.Add(b)
	}
	header := widget.NewLabelWithStyle(t("account.treeTitle", "Folders on the server (tick: synchronize in mirror mode)"),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewBorder(header, bar, nil, nil, ft.list)
}

// read is the folder list as Save stores it.
func (ft *folderTree) read() []storage.ImapFolder {
	out := make([]storage.ImapFolder, len(ft.rows))
	copy(out, ft.rows)
	return out
}

// subscribe is manual 001's Subscribe / Unsubscribe Folder: the folder
// is synchronized at every download, or no longer.
func (ft *folderTree) subscribe(on bool) {
	if ft.selected < 0 || ft.selected >= len(ft.rows) {
		return
	}
	f := &ft.rows[ft.selected]
	f.Sync, f.Subscribed = on, on
	ft.c.d.mark()
	ft.list.Refresh()
}

// reload is manual 004's "IMAP-Ordner neu laden".
func (ft *folderTree) reload() {
	ft.c.loadFolders(func([]imapsync.Folder) {})
}

// loadFolders reads the server's folders for the account as typed on the
// card (a progress dialog meanwhile), teaches them to the tree, then
// hands them to then; a failure is shown instead.
func (c *accountCard) loadFolders(then func([]imapsync.Folder)) {
	acc, password := c.read(), c.password.Text
	var list []imapsync.Folder
	var err error
	c.task(t("account.loadingFolders", "Loading the server's folders…"), func(ctx context.Context) {
		list, err = c.w().backend.Actions.FoldersOf(ctx, acc, password)
	}, func() {
		if err != nil {
			c.w().showError(err)
			return
		}
		c.tree.learn(list)
		then(list)
	})
}

// learn makes the tree the server's folders, keeping the sync tick and
// role of folders it already had; a new folder takes the server's
// special-use role.
func (ft *folderTree) learn(list []imapsync.Folder) {
	have := map[string]storage.ImapFolder{}
	for _, f := range ft.rows {
		have[f.Name] = f
	}
	var rows []storage.ImapFolder
	for _, f := range list {
		if !f.Selectable {
			continue
		}
		if f.Delimiter != "" {
			ft.delim = f.Delimiter
		}
		row, ok := have[f.Name]
		if !ok {
			row = storage.ImapFolder{Name: f.Name, Role: f.Role, Subscribed: f.Subscribed}
		}
		rows = append(rows, row)
	}
	if !sameFolders(ft.rows, rows) {
		ft.c.d.mark()
	}
	ft.rows = rows
	if ft.c.folders != nil {
		ft.c.folders.setChoices(rows)
	}
	ft.list.UnselectAll()
	ft.list.Refresh()
}

func sameFolders(a, b []storage.ImapFolder) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Name != b[i].Name {
			return false
		}
	}
	return true
}
