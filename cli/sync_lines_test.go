package cli

import (
	"postbridge/mail/message"

	"postbridge/problem"

	"bytes"
	"errors"
	"strings"
	"testing"

	"postbridge/mail/imapsync"
)

// Scripts and service logs read these lines: they must not change when
// the events behind them do.

func TestSyncProgressLinesOffATerminal(t *testing.T) {
	var stderr bytes.Buffer
	events := make(chan imapsync.Event, len(lineEvents))
	for _, e := range lineEvents {
		events <- e
	}
	close(events)
	showProgress(&Env{IO: IO{Stderr: &stderr}}, events)
	got := stderr.String()
	want := "\rpostbridge: warning: Kantoor INBOX: message UID 7: unknown character set x-mac-dutch; its bytes are shown as they are\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestWatchLogLines(t *testing.T) {
	var stderr bytes.Buffer
	events := make(chan imapsync.Event, len(lineEvents))
	for _, e := range lineEvents {
		events <- e
	}
	close(events)
	logWatchEvents(&lockedWriter{w: &stderr}, events)
	var got []string
	for _, line := range strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n") {
		got = append(got, line[len("2006-01-02 15:04:05 "):]) // without the time
	}
	want := []string{
		"Kantoor: warning: INBOX: message UID 7: unknown character set x-mac-dutch; its bytes are shown as they are",
		"Kantoor: error: Sent: the folder is gone",
		"Kantoor: error: : no route to host",
		"Kantoor: imported 3, moved 2, duplicates 1",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// lineEvents are one account's run with one of each event: a warning, a
// failed folder, a failed connection (no folder) and the totals.
var lineEvents = []imapsync.Event{
	imapsync.AccountStarted{Source: kantoor},
	imapsync.FolderStarted{Source: kantoor, Folder: "INBOX"},
	imapsync.Progress{Source: kantoor, Folder: "INBOX", Done: 2, Total: 3, Bytes: 900},
	imapsync.Imported{Source: kantoor, Folder: "INBOX", Subject: "Offerte"},
	imapsync.Warning{Source: kantoor, Folder: "INBOX", UID: 7, Problem: problem.New(message.WarnUnknownCharset, "A", "x-mac-dutch")},
	imapsync.FolderFailed{Source: kantoor, Folder: "Sent", Err: errors.New("the folder is gone")},
	imapsync.AccountFailed{Source: kantoor, Err: errors.New("no route to host")},
	imapsync.AccountDone{Source: kantoor}, // nothing done: no line
	imapsync.AccountDone{Source: kantoor, Counts: imapsync.Counts{Imported: 3, Moved: 2, Duplicates: 1}},
}

var kantoor = imapsync.Source{AccountID: 4, Account: "Kantoor"}
