package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/storage"
)

// BenchmarkMessagesScreen100k opens the Messages screen over 100,000
// messages and searches their text, each timed until the window has been
// drawn (the targets: open < 1 s, search < 200 ms). The table reads one
// screenful; the count and the search use the indexes.
func BenchmarkMessagesScreen100k(b *testing.B) {
	store, err := storage.Open(filepath.Join(b.TempDir(), "p.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	fillMessages(b, store, 100000)
	// After a sync the index follows in the background (storage/search.go);
	// the screen is measured once it has, and the catching up on its own.
	start := time.Now()
	if _, err := store.IndexSearch(context.Background()); err != nil {
		b.Fatal(err)
	}
	indexing := time.Since(start)
	w := NewMainWindow(test.NewTempApp(b), Backend{Actions: &app.Actions{Store: store}})
	defer w.Window().Close()
	w.Window().Resize(fyne.NewSize(1024, 680))
	messages := messagesScreenIndex(w)
	var open, search time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		w.display(messages)
		w.Window().Canvas().Capture()
		open += time.Since(start)
		entry := searchEntry(b, w)
		start = time.Now()
		entry.SetText(fmt.Sprintf("schüttgut regel %d", 90000+3*(7*i+1))) // unique: 5 digits, a multiple of 3
		w.Window().Canvas().Capture()
		search += time.Since(start)
		if _, n := w.rowsShown(); n != 1 {
			b.Fatalf("search found %d messages, want 1", n)
		}
	}
	b.ReportMetric(float64(open.Milliseconds())/float64(b.N), "open-ms")
	b.ReportMetric(float64(search.Milliseconds())/float64(b.N), "search-ms")
	b.ReportMetric(indexing.Seconds(), "index-100k-s")
}

// messagesScreenIndex is where the Messages screen stands in the navigation.
func messagesScreenIndex(w *MainWindow) int {
	return slices.IndexFunc(w.screens, func(s screen) bool { return s.title == t("app.nav.messages", "Messages") })
}

// rowsShown reads the table's row count on the Messages screen.
func (w *MainWindow) rowsShown() (*widget.Table, int) {
	var tbl *widget.Table
	walk(w.content, func(o fyne.CanvasObject) {
		if x, ok := o.(*widget.Table); ok {
			tbl = x
		}
	})
	if tbl == nil {
		return nil, -1
	}
	n, _ := tbl.Length()
	return tbl, n
}

func searchEntry(b *testing.B, w *MainWindow) *widget.Entry {
	var e *widget.Entry
	walk(w.content, func(o fyne.CanvasObject) {
		if x, ok := o.(*widget.Entry); ok && e == nil {
			e = x
		}
	})
	if e == nil {
		b.Fatal("no search field")
	}
	return e
}

// fillMessages imports n messages of one account, 1,000 per batch; every
// third body has "Schüttgut", and each has its number in its text.
func fillMessages(b testing.TB, s *storage.Store, n int) {
	err := s.ImportSettings(&storage.SettingsFile{Users: []storage.UserJSON{{Name: "Alice",
		IMAP: []storage.ImapJSON{{Username: "alice", Mode: "transfer", Inbox: "In"}}}}})
	if err != nil {
		b.Fatal(err)
	}
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for start := 0; start < n; start += 1000 {
		batch := make([]storage.NewMessage, 0, 1000)
		for i := start; i < min(start+1000, n); i++ {
			body := fmt.Sprintf("Regel %d van een bericht over beton, staal en de planning van de bouw.", i)
			if i%3 == 0 {
				body += " Schüttgut wird geliefert."
			}
			batch = append(batch, storage.NewMessage{Message: storage.Message{Folder: "In", UIDValidity: 1,
				UID: uint32(i + 1), SHA256: fmt.Sprint("sha", i), Subject: fmt.Sprintf("Bericht %d", i),
				From: fmt.Sprintf("afzender%d@voorbeeld.test", i), Direction: storage.DirectionIn,
				Date: base.Add(time.Duration(i) * time.Minute), TextBody: body}})
		}
		if _, err := s.ImportBatch(1, batch, base); err != nil {
			b.Fatal(err)
		}
	}
}
