package ui

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	_ "github.com/glebarez/go-sqlite" // the driver storage uses, for putIndexBehind

	"postbridge/app"
	"postbridge/storage"
)

// putIndexBehind moves the search index's mark back to the start, as an
// upgraded database finds it: an import into an index that has caught up
// keeps it so (storage/search_instep.go), so a fresh database never is
// behind.
func putIndexBehind(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE search_state SET indexed_up_to = 0`); err != nil {
		t.Fatal(err)
	}
}

// A search typed while the search index is behind an import (it follows
// on its own, storage/search.go) does not hold the window: the screen
// says it prepares the search and indexes on another goroutine.
func TestMessagesSearchWaitsForTheIndexOffTheWindow(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	store, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	b := Backend{Actions: &app.Actions{Store: store, Secrets: storage.Keyring{}}}
	fillMessages(t, store, 1200)
	putIndexBehind(t, path)
	if n, _ := b.Actions.Store.SearchPending(); n != 1200 {
		t.Fatalf("%d messages waiting for the index, want 1200", n)
	}
	w := NewMainWindow(test.NewTempApp(t), b)
	defer w.Window().Close()
	w.display(messagesScreenIndex(w))
	var search *widget.Entry
	walk(w.content, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && search == nil {
			search = e
		}
	})
	var count *widget.Label
	walk(w.content, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && strings.HasSuffix(l.Text, " messages") {
			count = l
		}
	})
	if search == nil || count == nil {
		t.Fatal("no search field or message count on the Messages screen")
	}
	search.SetText("schüttgut")
	if !strings.HasPrefix(count.Text, "Preparing the search: ") {
		t.Errorf("while the index catches up the screen says %q", count.Text)
	}
	for end := time.Now().Add(20 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if n, _ := b.Actions.Store.SearchPending(); n == 0 {
			break
		}
		if time.Now().After(end) {
			t.Fatal("the index did not catch up")
		}
	}
}
