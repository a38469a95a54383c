package app

import (
	"context"
	"errors"
	"testing"
	"time"
)

// A second sync of an account waits for the first; cancelling its
// context ends the wait at once with ctx.Err(), and an account's entry
// is gone once nobody holds or waits for it.
func TestAccountLockWaitEndsWithItsContext(t *testing.T) {
	var l accountLocks
	unlock, err := l.lock(context.Background(), 7)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	waited := make(chan error, 1)
	go func() {
		_, err := l.lock(ctx, 7)
		waited <- err
	}()
	select {
	case err := <-waited:
		t.Fatalf("the second lock did not wait for the first: %v", err)
	case <-time.After(100 * time.Millisecond):
	}
	cancel()
	select {
	case err := <-waited:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled wait returned %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a cancelled wait for the account did not return")
	}
	if got := l.entries(); got != 1 {
		t.Errorf("%d entries while the first holds the account, want 1", got)
	}
	unlock()
	unlock() // a second unlock must not free the slot for someone else's
	if got := l.entries(); got != 0 {
		t.Errorf("%d entries after the holder left, want 0", got)
	}
}

// Accounts do not wait for each other, and a waiter gets the account
// when the holder leaves.
func TestAccountLockTakesTurns(t *testing.T) {
	var l accountLocks
	first, err := l.lock(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	other, err := l.lock(ctx, 2)
	if err != nil {
		t.Fatalf("account 2 waited for account 1: %v", err)
	}
	got := make(chan func(), 1)
	go func() {
		u, err := l.lock(ctx, 1)
		if err != nil {
			t.Error(err)
		}
		got <- u
	}()
	time.Sleep(50 * time.Millisecond)
	first()
	select {
	case u := <-got:
		u()
	case <-time.After(5 * time.Second):
		t.Fatal("the waiter did not get the account after the holder left")
	}
	other()
	if n := l.entries(); n != 0 {
		t.Errorf("%d entries left, want 0", n)
	}
}

// entries is how many accounts have an entry.
func (l *accountLocks) entries() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.held)
}
