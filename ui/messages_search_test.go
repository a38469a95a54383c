package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// A search typed while the search index is behind an import (it follows
// on its own, storage/search.go) does not hold the window: the screen
// says it prepares the search and indexes on another goroutine.
func TestMessagesSearchWaitsForTheIndexOffTheWindow(t *testing.T) {
	b := emptyBackend(t)
	fillMessages(t, b.Actions.Store, 1200)
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
