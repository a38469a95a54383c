package ui

import (
	"errors"
	"testing"

	"fyne.io/fyne/v2/test"

	"postbridge/mail/imapsync"
)

// Every kind of event has its line in the Sync log, linked to its
// account; the toolbar shows the folder and the progress.
func TestSyncLogLinesAndToolbarStatus(t *testing.T) {
	w := NewMainWindow(test.NewTempApp(t), emptyBackend(t))
	t.Cleanup(func() { w.Window().Close() })
	b := w.toolbar
	var status []string
	for _, e := range logEvents {
		b.show(e)
		status = append(status, b.status.Text)
	}
	want := []string{
		"Synchronizing Kantoor",
		"  folder INBOX",
		"  warning: message UID 7: no Date",
		"  error: the folder is gone",
		"  error: no route to host",
		"  done: 3 imported, 2 filed, 1 linked, 0 need attention, 1 duplicates",
	}
	if len(w.logLines) != len(want) {
		t.Fatalf("%d log lines, want %d: %v", len(w.logLines), len(want), w.logLines)
	}
	for i, l := range w.logLines {
		if got := l.text[len("15:04:05 "):]; got != want[i] || l.account != 4 {
			t.Errorf("line %d: %q for account %d, want %q for 4", i, got, l.account, want[i])
		}
	}
	if status[1] != "INBOX" || status[2] != "INBOX: 2 of 3" {
		t.Errorf("toolbar status %q, %q; want the folder, then its progress", status[1], status[2])
	}
	if got := b.progress.Value; got < 0.66 || got > 0.67 {
		t.Errorf("progress %v, want 2 of 3", got)
	}
}

// logEvents are one account's run with one event of each kind.
var logEvents = []imapsync.Event{
	{Kind: imapsync.EventAccountStarted, AccountID: 4, Account: "Kantoor"},
	{Kind: imapsync.EventFolderStarted, AccountID: 4, Account: "Kantoor", Folder: "INBOX"},
	{Kind: imapsync.EventProgress, AccountID: 4, Account: "Kantoor", Folder: "INBOX", Done: 2, Total: 3, Bytes: 900},
	{Kind: imapsync.EventImported, AccountID: 4, Account: "Kantoor", Folder: "INBOX", Subject: "Offerte"},
	{Kind: imapsync.EventWarning, AccountID: 4, Account: "Kantoor", Folder: "INBOX", Text: "message UID 7: no Date"},
	{Kind: imapsync.EventError, AccountID: 4, Account: "Kantoor", Folder: "Sent", Err: errors.New("the folder is gone")},
	{Kind: imapsync.EventError, AccountID: 4, Account: "Kantoor", Err: errors.New("no route to host")},
	{Kind: imapsync.EventDone, AccountID: 4, Account: "Kantoor", Counts: imapsync.Counts{Imported: 3, Moved: 2, Linked: 1, Duplicates: 1}},
}
