package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"postbridge/storage"
)

// A database from a newer Postbridge keeps the window from opening; the
// window that opens instead says so in explain's words.
func TestStartErrorWindowExplainsTheError(t *testing.T) {
	switchLocaleForTest(t, "en_US.UTF-8") // the texts below are the English ones
	a := test.NewTempApp(t)
	err := fmt.Errorf("open: %w", &storage.DatabaseTooNewError{Found: 2, Known: 1, WrittenBy: "0.2.0"})
	w := startErrorWindow(a, err)
	defer w.Close()
	var texts []string
	var closeBtn *widget.Button
	walk(w.Content(), func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Label:
			texts = append(texts, o.Text)
		case *widget.Button:
			closeBtn = o
		}
	})
	got := strings.Join(texts, "\n")
	for _, want := range []string{"Postbridge cannot start", "This database was written by Postbridge 0.2.0 (schema 2)", "Install the newer Postbridge"} {
		if !strings.Contains(got, want) {
			t.Errorf("window shows %q, want %q in it", got, want)
		}
	}
	if closeBtn == nil || closeBtn.Text != "Close" {
		t.Fatalf("no Close button (found %v)", closeBtn)
	}
}
