package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
)

// folderTree is manual 001's folder structure of a mirror-mode account:
// every server folder with its sync tick ("avhukning") and its role
// ("Bruk som ... mappe"), nested by the server's hierarchy delimiter,
// and the folder menu. Changes are stored on Save.
type folderTree struct {
	c     *accountCard
	rows  []app.ImapFolder
	delim string
	// view shows the rows as a tree; its node ids are the folders' full
	// names. A parent the server does not let select (no row) is a node
	// of its own, without tick or role.
	view     *widget.Tree
	index    map[string]int
	children map[string][]string
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
	ft := &folderTree{c: c, rows: append([]app.ImapFolder(nil), c.a.Folders...), delim: "/", selected: -1}
	if c.a.DotSeparated {
		ft.delim = "."
	}
	ft.nest()
	roles := folderRoles()
	ft.view = widget.NewTree(func(id widget.TreeNodeID) []widget.TreeNodeID { return ft.children[id] },
		func(id widget.TreeNodeID) bool { return id == "" || len(ft.children[id]) > 0 },
		func(bool) fyne.CanvasObject {
			// The role choice is wide enough for manual 001's longest
			// role name ("Slettede elementer").
			role := widget.NewSelect(choiceLabels(roles), nil)
			wide := container.NewGridWrap(fyne.NewSize(220, role.MinSize().Height), role)
			return newFolderRow(ft, container.NewBorder(nil, nil, widget.NewCheck("", nil), wide, widget.NewLabel("")))
		},
		func(id widget.TreeNodeID, _ bool, o fyne.CanvasObject) {
			r := o.(*folderRow)
			r.id = id
			ft.showRow(id, r.box, roles)
		})
	ft.view.OnSelected = func(id widget.TreeNodeID) { ft.selected = ft.indexOf(id) }
	ft.view.OnUnselected = func(widget.TreeNodeID) { ft.selected = -1 }
	ft.openTicked()
	ft.menu = []*widget.Button{
		widget.NewButton(t("account.downloadOnce", "Download once"), func() { ft.runOp(app.OpDownloadOnce) }),
		widget.NewButton(t("account.subscribe", "Subscribe"), func() { ft.subscribe(true) }),
		widget.NewButton(t("account.unsubscribe", "Unsubscribe"), func() { ft.subscribe(false) }),
		widget.NewButton(t("account.reindex", "ReIndex"), ft.confirmReIndex),
		widget.NewButton(t("account.purge", "Purge deleted"), func() { ft.runOp(app.OpPurge) }),
	}
	return ft
}

// nest builds the tree's structure from the rows, in the server's
// order: every folder under its parent, a missing parent made up.
func (ft *folderTree) nest() {
	ft.index = make(map[string]int, len(ft.rows))
	ft.children = map[string][]string{}
	for i, f := range ft.rows {
		ft.index[f.Name] = i
	}
	known := map[string]bool{"": true}
	var add func(name string)
	add = func(name string) {
		if known[name] {
			return
		}
		known[name] = true
		parent := ""
		if cut := strings.LastIndex(name, ft.delim); cut > 0 {
			parent = name[:cut]
			add(parent)
		}
		ft.children[parent] = append(ft.children[parent], name)
	}
	for _, f := range ft.rows {
		add(f.Name)
	}
}

// openTicked opens the parents of every ticked folder, so the tree
// shows at once what is synchronized and where it sits.
func (ft *folderTree) openTicked() {
	for _, f := range ft.rows {
		if !f.Sync {
			continue
		}
		for cut := strings.LastIndex(f.Name, ft.delim); cut > 0; cut = strings.LastIndex(f.Name[:cut], ft.delim) {
			ft.view.OpenBranch(f.Name[:cut])
		}
	}
}

// indexOf is the row of a node, or -1 for a made-up parent.
func (ft *folderTree) indexOf(id string) int {
	if i, ok := ft.index[id]; ok {
		return i
	}
	return -1
}

// read is the folder list as Save stores it.
func (ft *folderTree) read() []app.ImapFolder {
	out := make([]app.ImapFolder, len(ft.rows))
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
	ft.view.Refresh()
}

// reload is manual 004's "IMAP-Ordner neu laden".
func (ft *folderTree) reload() {
	ft.c.loadFolders(func([]app.SyncFolder) {})
}

// loadFolders reads the server's folders for the account as typed on the
// card (a progress dialog meanwhile), teaches them to the tree, then
// hands them to then; a failure is shown instead.
func (c *accountCard) loadFolders(then func([]app.SyncFolder)) {
	acc, password := c.read(), c.password.Text
	var list []app.SyncFolder
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
func (ft *folderTree) learn(list []app.SyncFolder) {
	have := map[string]app.ImapFolder{}
	for _, f := range ft.rows {
		have[f.Name] = f
	}
	var rows []app.ImapFolder
	for _, f := range list {
		if !f.Selectable {
			continue
		}
		if f.Delimiter != "" {
			ft.delim = f.Delimiter
		}
		row, ok := have[f.Name]
		if !ok {
			row = app.ImapFolder{Name: f.Name, Role: f.Role, Subscribed: f.Subscribed}
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
	ft.nest()
	ft.view.UnselectAll()
	ft.selected = -1
	ft.openTicked()
	ft.view.Refresh()
}

func sameFolders(a, b []app.ImapFolder) bool {
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
