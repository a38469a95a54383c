package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"postbridge/storage"
)

// With automatic send/receive on, the open window imports new mail by
// itself — no Synchronize pressed — and its Sync log shows it.
func TestWindowKeepsSyncing(t *testing.T) {
	b, s, u := syncBackend(t, 0)
	s.CreateMailbox(t, u, "Postbridge/In")
	acc := onlyAccount(t, b)
	acc.AutoSendReceive = true
	if err := b.Actions.Store.SaveImapAccount(&acc); err != nil {
		t.Fatal(err)
	}
	b.AutoSync = true
	w := NewMainWindow(test.NewTempApp(t), b)
	t.Cleanup(func() { w.auto.halt(); w.Window().Close() })
	waitFor(t, w.auto.active) // started on a goroutine: the window never waits for it
	waitLong(t, func() bool {
		h, _ := b.Actions.Store.HealthRows(time.Now())
		return len(h) == 1 && h[0].NextSync != nil
	})
	s.Deliver(t, u, "Postbridge/In", []byte("From: jan@klant.test\r\nSubject: Vanzelf\r\nMessage-ID: <auto@test>\r\n\r\nTekst\r\n"))
	waitLong(t, func() bool { n, _ := b.Actions.Store.MessageCount(acc.ID); return n == 1 })
	// Filed after the commit: the move follows a moment later.
	waitLong(t, func() bool { return s.Count(t, u, "Postbridge/In/Completed") == 1 })
}

// The account card's Preview shows per folder what a sync would do.
func TestPreviewButtonShowsTheFolders(t *testing.T) {
	b, s, u := syncBackend(t, 3)
	acc := onlyAccount(t, b)
	w := NewMainWindow(test.NewTempApp(t), b)
	t.Cleanup(func() { w.Window().Close() })
	w.openAccount(acc.ID)
	c := w.users.account
	if c == nil {
		t.Fatal("the account card did not open")
	}
	c.tabs.SelectIndex(3)
	test.Tap(c.previewButton)
	waitIdle(t, c)
	var in *struct{ n, imp, move int }
	for _, p := range c.previewRows {
		if p.Folder == "Postbridge/In" {
			in = &struct{ n, imp, move int }{p.Messages, p.Import, p.Move}
		}
	}
	if in == nil || in.n != 3 || in.imp != 3 || in.move != 3 {
		t.Errorf("preview rows %+v, want Postbridge/In with 3 to import and move", c.previewRows)
	}
	if n := s.Count(t, u, "Postbridge/In"); n != 3 {
		t.Errorf("the preview changed the inbox: %d messages", n)
	}
	if n, _ := b.Actions.Store.MessageCount(acc.ID); n != 0 {
		t.Errorf("the preview stored %d messages", n)
	}
}

func onlyAccount(t *testing.T, b Backend) storage.ImapAccount {
	t.Helper()
	u, err := b.Actions.Store.UserByName("Alice")
	if err != nil || len(u.ImapAccounts) != 1 {
		t.Fatalf("Alice: %+v, %v", u, err)
	}
	return u.ImapAccounts[0]
}

func waitLong(t *testing.T, ok func() bool) {
	t.Helper()
	for end := time.Now().Add(30 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		if ok() {
			return
		}
	}
	t.Fatal("condition not reached in 30 s")
}
