package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Below the SMTP settings the delegates table had room for one row at
// 1024×680. On its own tab it has room for many, and every column shows.
func TestDelegatesHaveRoomAt1024x680(t *testing.T) {
	b := demoScreens(t)
	w := NewMainWindow(test.NewTempApp(t), b)
	t.Cleanup(func() { w.Window().Close() })
	w.win.Resize(ScreenshotSize)
	if err := userDelegates(w); err != nil {
		t.Fatal(err)
	}
	d := w.users.card.delegates
	row := widget.NewLabel("Sanne Visser").MinSize().Height
	if got := d.list.Size().Height; got < 8*row {
		t.Errorf("the delegates list is %.0f px high, room for %.1f rows; want 8 or more", got, got/row)
	}
	if len(d.rows) != 2 {
		t.Fatalf("%d delegates shown, want Sanne and Thijs", len(d.rows))
	}
	shown := findOutside[*widget.Label](w.screenContent(), func(o fyne.CanvasObject) bool { return !o.Visible() })
	if len(shown) < 6 {
		t.Fatalf("%d labels shown, want the header and two rows", len(shown))
	}
	for _, l := range shown {
		if l.Visible() && l.Size().Width < l.MinSize().Width {
			t.Errorf("%q is cut: %.0f px of %.0f", l.Text, l.Size().Width, l.MinSize().Width)
		}
	}
}
