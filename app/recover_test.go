package app

import (
	"context"
	"errors"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"postbridge/mail/imapsync"
	"postbridge/storage"
)

// A panic in one account's sync becomes that account's error, and its
// lock is released for the next sync.
func TestPanicInASyncIsTheAccountsError(t *testing.T) {
	store, err := storage.Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	a := &Actions{Store: store}
	job := imapsync.Job{AccountID: 7, AccountName: "Alice", Mode: storage.ModeTransfer,
		Server: imapsync.Server{Host: "127.0.0.1", Port: 1, Security: storage.SecurityNone}}
	// The engine's first event goes to a closed channel: a panic on the
	// sync's own goroutine.
	closed := make(chan imapsync.Event)
	close(closed)
	// The send on a closed channel is a runtime.Error: reachable beneath ErrPanic.
	var rt runtime.Error
	if _, err := a.runRecovered(context.Background(), plannedJob{accountID: job.AccountID, job: job}, SyncFilter{}, closed); !errors.Is(err, ErrPanic) || !errors.As(err, &rt) {
		t.Fatalf("error %v, want %v with the runtime.Error reachable", err, ErrPanic)
	}
	done := make(chan error, 1)
	go func() {
		_, err := a.runRecovered(context.Background(), plannedJob{accountID: job.AccountID, job: job}, SyncFilter{}, nil)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || errors.Is(err, ErrPanic) {
			t.Errorf("second sync: %v, want the refused connection", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the account's lock was not released after the panic")
	}
}
