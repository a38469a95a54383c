package ui

import (
	"fmt"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

const nestedFolder = "ProjektPro/2025-003 Uitbreiding bedrijfshal Nieuwegein"

// shownNode is the tree node showing folder id (its row and the node
// around it), or nils when it is not shown.
func shownNode(ft *folderTree) func(id string) (*folderRow, fyne.Widget) {
	return func(id string) (*folderRow, fyne.Widget) {
		for _, n := range findAll[fyne.Widget](ft.view) {
			if kind := fmt.Sprintf("%T", n); kind != "*widget.branch" && kind != "*widget.leaf" || !n.Visible() {
				continue
			}
			for _, r := range findAll[*folderRow](n) {
				if r.id == id {
					return r, n
				}
			}
		}
		return nil, nil
	}
}

// expander is the node's branch icon, tapped to open or close it.
func expander(t *testing.T, node fyne.Widget) fyne.Tappable {
	t.Helper()
	for _, o := range findAll[fyne.Widget](node) {
		if tap, ok := o.(fyne.Tappable); ok && fmt.Sprintf("%T", o) == "*widget.branchIcon" {
			return tap
		}
	}
	t.Fatal("the node has no branch icon")
	return nil
}

// TestFolderTreeNestsTicksAndOpensTheMenu: the folder tab is a tree of
// the server's folders (manual 001's Mappestruktur): a project folder is
// under ProjektPro, shown after opening it (at first only the parents of
// ticked folders are open); its tick marks the card
// changed, and a right click on it chooses it and opens the folder menu.
func TestFolderTreeNestsTicksAndOpensTheMenu(t *testing.T) {
	b := demoScreens(t)
	w := NewMainWindow(test.NewTempApp(t), b)
	t.Cleanup(func() { w.Window().Close() })
	w.win.Resize(ScreenshotSize)
	if err := accountFolderTree(w); err != nil {
		t.Fatal(err)
	}
	w.win.Canvas().Overlays().Top().Hide()
	c := w.users.account
	ft, node := c.tree, shownNode(c.tree)
	ft.view.ScrollTo(nestedFolder)
	parentRow, parent := node("ProjektPro")
	if parent == nil {
		t.Fatal("ProjektPro is not shown")
	}
	if r, _ := node("Postbridge/In/Completed"); r != nil {
		t.Error("Postbridge/In is open though nothing under it is ticked")
	}
	if r, _ := node("Postbridge/In"); r == nil {
		t.Error("Postbridge is closed though its In is ticked")
	}
	if r, _ := node(nestedFolder); r != nil {
		t.Fatal("the project folder is shown under a closed ProjektPro")
	}
	test.Tap(expander(t, parent))
	ft.view.ScrollTo(nestedFolder)
	row, _ := node(nestedFolder)
	parentRow, _ = node("ProjektPro")
	if row == nil || parentRow == nil {
		t.Fatal("the project folder is not shown after opening ProjektPro")
	}
	d := fyne.CurrentApp().Driver()
	at, pat := d.AbsolutePositionForObject(row), d.AbsolutePositionForObject(parentRow)
	if at.Y <= pat.Y || at.X <= pat.X {
		t.Errorf("the project folder at %v is not under ProjektPro at %v", at, pat)
	}
	var shown []string
	for _, txt := range findAll[*canvas.Text](row) {
		shown = append(shown, txt.Text)
	}
	if !slices.Contains(shown, "2025-003 Uitbreiding bedrijfshal Nieuwegein") || slices.Contains(shown, nestedFolder) {
		t.Errorf("the node shows %q, want the last name only", shown)
	}

	i := ft.indexOf(nestedFolder)
	checks := findAll[*widget.Check](row)
	if i < 0 || len(checks) != 1 || ft.rows[i].Sync {
		t.Fatalf("row %d, %d ticks", i, len(checks))
	}
	test.Tap(checks[0])
	if !ft.rows[i].Sync || !c.d.changed {
		t.Errorf("after the tick: sync %v, changed %v", ft.rows[i].Sync, c.d.changed)
	}

	test.TapSecondary(row)
	if ft.selected != i {
		t.Errorf("chosen folder %d, want %d", ft.selected, i)
	}
	menus := findAll[*widget.PopUpMenu](w.win.Canvas().Overlays().Top())
	if len(menus) == 0 {
		t.Fatal("no folder menu after the right click")
	}
	var items []string
	for _, txt := range findAll[*canvas.Text](menus[0]) {
		items = append(items, txt.Text)
	}
	for _, b := range ft.menu {
		if !slices.Contains(items, b.Text) {
			t.Errorf("the menu lacks %q; shows %q", b.Text, items)
		}
	}
}
