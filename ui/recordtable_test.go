package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"postbridge/storage"
)

// TestListScreensAreSortableTables: tapping a column header sorts the
// rows by it, a second tap reverses them, the chosen row stays chosen and
// the detail pane shows its whole values.
func TestListScreensAreSortableTables(t *testing.T) {
	b := demoScreens(t)
	w := NewMainWindow(test.NewTempApp(t), b)
	t.Cleanup(func() { w.Window().Close() })
	w.win.Resize(ScreenshotSize)
	w.show(navProjects)
	p := findAll[*recordTable[storage.Project]](w.screenContent())
	if len(p) != 1 {
		t.Fatalf("%d project tables", len(p))
	}
	rt := p[0]
	numbers := func() []string {
		var out []string
		for i := range *rt.rows {
			out = append(out, rt.cellTexts(i)[0])
		}
		return out
	}
	if !slices.IsSorted(numbers()) || len(numbers()) < 2 {
		t.Fatalf("projects not by number at first: %v", numbers())
	}
	last := numbers()[len(numbers())-1]
	rt.Select(len(numbers()) - 1)
	headers := findAll[*widget.Button](rt)
	if len(headers) < 2 {
		t.Fatalf("%d header buttons", len(headers))
	}
	test.Tap(headers[0]) // number, ascending
	test.Tap(headers[0]) // number, descending
	if got := numbers(); got[0] != last || !slices.IsSortedFunc(got, func(a, b string) int { return -compareText(a, b) }) {
		t.Errorf("after two taps on the number header: %v", got)
	}
	if rt.selected != 0 || !rt.detail.Visible() || rt.values[0].Text != last {
		t.Errorf("chosen row %d, detail shown %v with %q; want row 0 with %q", rt.selected, rt.detail.Visible(), rt.values[0].Text, last)
	}
}

func compareText(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// TestFolderMenuOnRightClick: a right click on a folder chooses it and
// opens the folder menu with the actions of the buttons below the list.
func TestFolderMenuOnRightClick(t *testing.T) {
	b := demoScreens(t)
	w := NewMainWindow(test.NewTempApp(t), b)
	t.Cleanup(func() { w.Window().Close() })
	w.win.Resize(ScreenshotSize)
	if err := accountTab(2)(w); err != nil {
		t.Fatal(err)
	}
	rows := findAll[*folderRow](w.screenContent())
	if len(rows) < 2 {
		t.Fatalf("%d folder rows shown", len(rows))
	}
	test.TapSecondary(rows[1])
	tree := w.users.account.tree
	if tree.selected < 0 || tree.rows[tree.selected].Name != rows[1].id {
		t.Errorf("chosen folder %d, want %q", tree.selected, rows[1].id)
	}
	top := w.win.Canvas().Overlays().Top()
	menus := findAll[*widget.PopUpMenu](top)
	if top == nil || len(menus) == 0 {
		t.Fatalf("no menu on top: %T", top)
	}
	menu := menus[0]
	var shown []string
	for _, txt := range findAll[*canvas.Text](menu) {
		shown = append(shown, txt.Text)
	}
	for _, b := range tree.menu {
		if !slices.Contains(shown, b.Text) {
			t.Errorf("the folder menu lacks %q; shows %q", b.Text, shown)
		}
	}
}

// TestNamedFoldersChosenFromTheServersFolders: the inbox can be chosen
// from the server's folders (manual 004's Auswahlliste) as well as typed.
func TestNamedFoldersChosenFromTheServersFolders(t *testing.T) {
	b := demoScreens(t)
	w := NewMainWindow(test.NewTempApp(t), b)
	t.Cleanup(func() { w.Window().Close() })
	w.win.Resize(ScreenshotSize)
	if err := accountTab(2)(w); err != nil {
		t.Fatal(err)
	}
	f := w.users.account.folders
	se := f.choosers[f.inbox]
	if se == nil || f.magnifiers[f.inbox] == nil {
		t.Fatal("the inbox has no drop-down or no magnifier")
	}
	test.Tap(se.ActionItem.(fyne.Tappable))
	var item fyne.Tappable
	for _, menu := range findAll[*widget.PopUpMenu](w.win.Canvas().Overlays().Top()) {
		for _, it := range menu.Items {
			for _, txt := range findAll[*canvas.Text](it) {
				if txt.Text == "Postbridge/In/Completed" {
					item, _ = it.(fyne.Tappable)
				}
			}
		}
	}
	if item == nil {
		t.Fatal("the drop-down does not offer the server's folder Postbridge/In/Completed")
	}
	test.Tap(item)
	if f.inbox.Text != "Postbridge/In/Completed" {
		t.Errorf("inbox %q after choosing Postbridge/In/Completed", f.inbox.Text)
	}
}
