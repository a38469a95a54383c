package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// showRow fills one node of the tree: the folder's last name, its tick
// and role; the callbacks are set after the values so that showing a
// node is no change. A made-up parent shows only its name.
func (ft *folderTree) showRow(id string, row *fyne.Container, roles []choice) {
	var check *widget.Check
	var role *widget.Select
	var label *widget.Label
	var roleBox fyne.CanvasObject
	for _, o := range row.Objects {
		switch w := o.(type) {
		case *widget.Check:
			check = w
		case *widget.Label:
			label = w
		case *fyne.Container:
			roleBox, role = w, w.Objects[0].(*widget.Select)
		}
	}
	label.SetText(id[strings.LastIndex(id, ft.delim)+1:])
	check.OnChanged, role.OnChanged = nil, nil
	i := ft.indexOf(id)
	if i < 0 {
		check.Hide()
		roleBox.Hide()
		return
	}
	check.Show()
	roleBox.Show()
	f := &ft.rows[i]
	check.SetChecked(f.Sync)
	check.OnChanged = func(on bool) { f.Sync = on; ft.c.d.mark() }
	role.SetSelected(choiceLabel(roles, f.Role))
	role.OnChanged = func(label string) { f.Role = choiceValue(roles, label); ft.c.d.mark() }
}

// folderRow is one folder of the tree; a right click (or a long press)
// on it opens the folder menu, as in manual 001.
type folderRow struct {
	widget.BaseWidget
	ft  *folderTree
	box *fyne.Container
	id  string
}

func newFolderRow(ft *folderTree, box *fyne.Container) *folderRow {
	r := &folderRow{ft: ft, box: box}
	r.ExtendBaseWidget(r)
	return r
}

func (r *folderRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

// TappedSecondary chooses the folder and shows the menu where it was clicked.
func (r *folderRow) TappedSecondary(e *fyne.PointEvent) {
	if r.id == "" {
		return
	}
	r.ft.view.Select(r.id)
	c := fyne.CurrentApp().Driver().CanvasForObject(r)
	if c == nil {
		return
	}
	widget.ShowPopUpMenuAtPosition(r.ft.folderMenu(), c, e.AbsolutePosition)
}

// folderMenu is the menu of the chosen folder: the same actions as the
// buttons below the tree.
func (ft *folderTree) folderMenu() *fyne.Menu {
	var items []*fyne.MenuItem
	for _, b := range ft.menu {
		items = append(items, fyne.NewMenuItem(b.Text, b.OnTapped))
	}
	return fyne.NewMenu("", items...)
}

func (ft *folderTree) object() fyne.CanvasObject {
	// The folder actions stand in a column beside the tree, not in rows
	// under it: under it they took two rows in Dutch and German (the
	// five words do not fit beside each other), and the tree kept room
	// for three folders, the fourth cut off by the buttons.
	bar := container.NewVBox()
	for _, b := range ft.menu {
		bar.Add(b)
	}
	header := widget.NewLabelWithStyle(t("account.treeTitle", "Folders on the server (tick: synchronize in mirror mode)"),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewBorder(header, nil, nil, bar, wholeRowTree(ft.view))
}
