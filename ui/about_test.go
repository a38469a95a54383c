package ui

import (
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"postbridge/storage"
	"postbridge/version"
)

// The About button under the navigation shows the version main loaded
// from FyneApp.toml and the database the window works on.
func TestAboutShowsVersionAndDatabase(t *testing.T) {
	defer version.Set(version.Current())
	version.Set(version.Info{Name: "Postbridge", Version: "3.4.5", Build: 17})
	switchLocaleForTest(t, "en_US.UTF-8") // the texts below are the English ones
	a := test.NewTempApp(t)
	w := NewMainWindow(a, emptyBackend(t))
	defer w.Window().Close()

	var about *widget.Button
	walk(w.Window().Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "About" {
			about = b
		}
	})
	if about == nil {
		t.Fatal("no About button in the window")
	}
	test.Tap(about)

	top := w.Window().Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("About opened no dialog")
	}
	var texts []string
	walk(top, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	})
	got := strings.Join(texts, "\n")
	for _, want := range []string{"Postbridge", "Version 3.4.5 (build 17)", "Database: SQLite, schema " + strconv.Itoa(storage.SchemaVersion)} {
		if !strings.Contains(got, want) {
			t.Errorf("About shows %q, want it to contain %q", got, want)
		}
	}
}
