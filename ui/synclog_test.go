package ui

import (
	"postbridge/problem"

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
		"  done: 3 imported, 2 filed, 1 linked, 0 to look at, 1 already there",
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
	imapsync.AccountStarted{Source: logSource},
	imapsync.FolderStarted{Source: logSource, Folder: "INBOX"},
	imapsync.Progress{Source: logSource, Folder: "INBOX", Done: 2, Total: 3, Bytes: 900},
	imapsync.Imported{Source: logSource, Folder: "INBOX", Subject: "Offerte"},
	imapsync.Warning{Source: logSource, Folder: "INBOX", UID: 7, Problem: problem.New("message.no_date")},
	imapsync.FolderFailed{Source: logSource, Folder: "Sent", Err: errors.New("the folder is gone")},
	imapsync.AccountFailed{Source: logSource, Err: errors.New("no route to host")},
	imapsync.AccountDone{Source: logSource, Counts: imapsync.Counts{Imported: 3, Moved: 2, Linked: 1, Duplicates: 1}},
}

var logSource = imapsync.Source{AccountID: 4, Account: "Kantoor"}
