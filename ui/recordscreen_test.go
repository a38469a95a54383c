package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// recordWindow opens the main window on an empty database.
func recordWindow(t *testing.T) *MainWindow {
	t.Helper()
	w := NewMainWindow(test.NewTempApp(t), emptyBackend(t))
	t.Cleanup(func() { w.Window().Close() })
	return w
}

// putScreen shows body as screen index, as display does, so that the
// window's leave guard applies when the test navigates away.
func putScreen(w *MainWindow, index int, body fyne.CanvasObject) {
	w.leaveGuard = nil
	w.current = index
	w.content.Objects = []fyne.CanvasObject{body}
	w.content.Refresh()
}

// tapIn taps the button with text somewhere under root (not in a dialog).
func tapIn(t *testing.T, root fyne.CanvasObject, text string) {
	t.Helper()
	var found *widget.Button
	walk(root, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && b.Visible() {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q on the screen", text)
	}
	test.Tap(found)
}

// overlayText is every label's text in the top dialog.
func overlayText(w fyne.Window) string {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	var b strings.Builder
	walk(top, func(o fyne.CanvasObject) {
		switch l := o.(type) {
		case *widget.Label:
			b.WriteString(l.Text + "\n")
		case *widget.RichText:
			b.WriteString(l.String() + "\n")
		}
	})
	return b.String()
}

// closeDialogs hides every dialog left open.
func closeDialogs(w fyne.Window) {
	for w.Canvas().Overlays().Top() != nil {
		w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
	}
}
