package autosync

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"postbridge/storage"
)

// While another process synchronizes an account, the loop skips it with
// one notice: no failure, no backoff, nothing in the health view; once
// the other process is done, the loop imports the mail.
func TestLoopSkipsBusyAccountQuietly(t *testing.T) {
	o := newOffice(t, 1, "", "")
	lease, err := o.store.AcquireLease(o.accs[0].ID, storage.LeaseTerms{Host: "PC-0042", PID: 123})
	if err != nil {
		t.Fatal(err)
	}
	o.s.Deliver(t, o.users[0], "INBOX", mailTo(o.users[0], "Tijdens"))
	n := newNotices()
	var backoffs atomic.Int32
	o.start(t, &Runner{Actions: o.act, Store: o.store, Notice: n.add, BusyRetry: 100 * time.Millisecond,
		Backoff: func(int) time.Duration { backoffs.Add(1); return time.Millisecond }})
	n.waitFor(t, "being synchronized by PC-0042 (pid 123)", 1)
	time.Sleep(time.Second) // several passes that find it busy
	rows, err := o.store.HealthRows(time.Now())
	if err != nil || len(rows) != 1 {
		t.Fatalf("health rows %v, %v", rows, err)
	}
	h := rows[0]
	if h.LastRun != nil || h.LastError != "" || backoffs.Load() != 0 {
		t.Errorf("while busy: last run %v, last error %q, %d backoffs; want nothing recorded, no backoff",
			h.LastRun, h.LastError, backoffs.Load())
	}
	n.mu.Lock()
	said := strings.Count(strings.Join(n.lines, "\n"), "being synchronized by")
	n.mu.Unlock()
	if said != 1 {
		t.Errorf("said %d times that the account is busy, want once", said)
	}
	if got, _ := o.store.MessageCount(o.accs[0].ID); got != 0 {
		t.Errorf("%d messages imported while another process held the account", got)
	}
	lease.Release()
	o.waitMessages(t, 0, 1)
}
