package app

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"postbridge/mail/mailerr"
	"postbridge/storage"
)

// busyOffice is an office whose Alice has three mails in her inbox and
// whose account another workstation holds.
func busyOffice(t *testing.T) (*office, uint, *storage.Lease) {
	t.Helper()
	o := newOffice(t, "Sent")
	o.s.FillMaildir(t, o.alice, "Postbridge/In", 3, func(i int) []byte {
		return []byte("From: jan@klant.test\r\nSubject: busy " + string(rune('a'+i)) + "\r\n\r\nHallo\r\n")
	})
	if _, err := o.act.EnsureFolders(context.Background(), "Alice"); err != nil {
		t.Fatal(err)
	}
	u, err := o.act.Store.UserByName("Alice")
	if err != nil {
		t.Fatal(err)
	}
	id := u.ImapAccounts[0].ID
	lease, err := o.act.Store.AcquireLease(id, storage.LeaseTerms{Host: "PC-0042", PID: 123})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lease.Release() })
	o.act.LeaseRetry = 50 * time.Millisecond
	return o, id, lease
}

// A sync of an account another process holds does nothing and says who
// holds it, as a value.
func TestSyncOfBusyAccountSaysWhoHoldsIt(t *testing.T) {
	o, id, _ := busyOffice(t)
	results, err := o.act.Sync(context.Background(), SyncFilter{User: "Alice"}, nil)
	var busy *AccountBusyError
	if !errors.As(err, &busy) || !errors.Is(err, ErrAccountBusy) || len(results) != 1 {
		t.Fatalf("sync: %d results, %v; want one *AccountBusyError", len(results), err)
	}
	if busy.User != "Alice" || busy.AccountID != id || busy.Host != "PC-0042" || busy.PID != 123 ||
		time.Since(busy.Since) > time.Minute {
		t.Errorf("busy %+v, want Alice's account %d held by PC-0042 pid 123 since about now", busy, id)
	}
	if !errors.As(results[0].Err, &busy) {
		t.Errorf("the account's result has error %v, want the *AccountBusyError", results[0].Err)
	}
	if got := o.s.Count(t, o.alice, "Postbridge/In"); got != 3 || results[0].Counts.Imported != 0 {
		t.Errorf("imported %d, %d left in In; want nothing done", results[0].Counts.Imported, got)
	}
}

// With Wait the sync waits for the holder, and runs once it is done.
func TestSyncWaitsForBusyAccount(t *testing.T) {
	o, _, lease := busyOffice(t)
	time.AfterFunc(300*time.Millisecond, func() { lease.Release() })
	start := time.Now()
	var heard []string // Sync calls Waiting on its own goroutine, before it returns
	results, err := o.act.Sync(context.Background(), SyncFilter{User: "Alice", Wait: true,
		Waiting: func(b *AccountBusyError) { heard = append(heard, b.Host) }}, nil)
	if err != nil || len(results) != 1 || results[0].Counts.Imported != 3 {
		t.Fatalf("sync --wait: %+v, %v; want 3 imported", results, err)
	}
	if got := strings.Join(heard, ","); got != "PC-0042" {
		t.Errorf("Waiting heard %q, want PC-0042 once", got)
	}
	if waited := time.Since(start); waited < 300*time.Millisecond {
		t.Errorf("the sync ran after %s, before the holder released the account", waited)
	}
}

// Cancel ends a sync that waits, for another process or for this
// process's own sync of the account.
func TestSyncWaitingForBusyAccountCancels(t *testing.T) {
	o, id, lease := busyOffice(t)
	tests := []struct {
		name string
		hold func() (release func())
	}{
		{"another process", func() func() { return func() {} }},
		{"this process", func() func() {
			lease.Release()
			unlock, err := o.act.lockInProcess(context.Background(), id)
			if err != nil {
				t.Fatal(err)
			}
			return unlock
		}},
	}
	for _, tt := range tests {
		release := tt.hold()
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(200*time.Millisecond, cancel)
		start := time.Now()
		_, err := o.act.Sync(ctx, SyncFilter{User: "Alice", Wait: true}, nil)
		if !errors.Is(err, mailerr.ErrCanceled) || time.Since(start) > 5*time.Second {
			t.Errorf("%s: cancelled wait returned %v after %s; want ErrCanceled at once", tt.name, err, time.Since(start))
		}
		release()
	}
}
