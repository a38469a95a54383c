package imapsync

import (
	"reflect"

	"postbridge/problem"

	"context"
	"errors"
	"testing"
	"time"

	"postbridge/domain"
	"postbridge/mail/mailerr"
	"postbridge/storage"
)

// blockedFor is how long a test lets an emit wait before it cancels.
const blockedFor = 50 * time.Millisecond

// A reader that is gone must not hold a cancelled sync: every event that
// waits for a reader stops waiting once ctx ends.
func TestCancelledContextStopsABlockedEmit(t *testing.T) {
	for _, e := range []Event{
		AccountStarted{}, FolderStarted{Folder: "INBOX"}, Imported{Folder: "INBOX"},
		Warning{Folder: "INBOX", Problem: problem.New("message.no_date")}, FolderFailed{Folder: "INBOX", Err: errors.New("gone")},
		AccountFailed{Err: errors.New("refused")}, AccountDone{},
	} {
		ctx, cancel := context.WithCancel(context.Background())
		s := &session{ctx: ctx, events: make(chan Event)} // nobody reads
		time.AfterFunc(blockedFor, cancel)
		start := time.Now()
		returned := make(chan struct{})
		go func() { s.emit(e); close(returned) }()
		select {
		case <-returned:
		case <-time.After(10 * time.Second):
			t.Fatalf("%T: emit still blocked 10 s after ctx was cancelled", e)
		}
		if took := time.Since(start); took < blockedFor {
			t.Errorf("%T: emit returned after %s, before ctx was cancelled: it must wait for a reader while the sync runs", e, took)
		}
	}
}

// While ctx lasts, a slow reader still gets every event but Progress,
// named with the job's account.
func TestEmitWaitsForASlowReaderButNotForProgress(t *testing.T) {
	events := make(chan Event)
	s := &session{ctx: context.Background(), events: events,
		job: Job{AccountID: 4, AccountName: "Kantoor"}}
	got := make(chan Event, 1)
	go func() {
		time.Sleep(blockedFor) // a slow reader
		got <- <-events
	}()
	s.emit(Progress{Folder: "INBOX", Done: 1, Total: 2}) // nobody is reading yet: dropped
	s.emit(Warning{Folder: "INBOX", Problem: problem.New("message.no_date")})
	want := Warning{Source: Source{AccountID: 4, Account: "Kantoor"}, Folder: "INBOX", Problem: problem.New("message.no_date")}
	if e := <-got; !reflect.DeepEqual(e, want) {
		t.Errorf("the reader got %+v, want %+v", e, want)
	}
}

// A whole run with nobody reading its events ends when ctx is cancelled.
func TestCancelledRunWithNobodyReadingReturns(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(blockedFor, cancel)
	job := Job{AccountID: 4, AccountName: "Kantoor", Mode: storage.ModeTransfer, Inbox: "INBOX",
		Server: domain.Server{Host: "127.0.0.1", Port: 1, Security: domain.SecurityNone}}
	returned := make(chan error, 1)
	go func() {
		_, err := Run(ctx, job, make(chan Event))
		returned <- err
	}()
	select {
	case err := <-returned:
		if !errors.Is(err, mailerr.ErrCanceled) {
			t.Errorf("the cancelled run returned %v, want mailerr.ErrCanceled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the run still waits for a reader 10 s after ctx was cancelled")
	}
}
