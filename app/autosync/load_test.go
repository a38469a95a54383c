package autosync

import (
	"fmt"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"postbridge/mail/mailtest"
)

// loadMailboxes is how many mailboxes one `sync --watch` keeps in step in
// the load run (an office server feeding a shared PostgreSQL).
const loadMailboxes = 20

// loadResult is what one load run measured.
type loadResult struct {
	messages int
	bytes    int64
	elapsed  time.Duration
}

// runLoad starts the loop for loadMailboxes accounts on one PostgreSQL
// database, then delivers perBox mails to each through Postfix while it
// runs, and waits until every mail is stored. It then checks that every
// mail is in the database once and filed once, and that no sync failed
// (a deadlock or serialization failure would show as a failed pass).
func runLoad(t testing.TB, perBox int) loadResult {
	o := newOffice(t, loadMailboxes, mailtest.Postgres(t), "")
	n := newNotices()
	o.start(t, &Runner{Actions: o.act, Store: o.store, Notice: n.add})
	n.waitFor(t, "watching INBOX", loadMailboxes)
	start := time.Now()
	var bytes int64
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i, u := range o.users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < perBox; k++ {
				raw := mailTo(u, fmt.Sprintf("Load %d-%d", i, k))
				o.s.SendRaw(t, "jan@elders.example", u, raw)
				mu.Lock()
				bytes += int64(len(raw))
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	total := int64(loadMailboxes * perBox)
	deadline := time.Now().Add(2 * time.Minute)
	for {
		var stored int64
		if err := o.store.RawCount(&stored); err != nil {
			t.Fatal(err)
		}
		if stored >= total {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d mails stored after 2 minutes", stored, total)
		}
		time.Sleep(100 * time.Millisecond)
	}
	elapsed := time.Since(start)
	o.checkExactlyOnce(t, perBox, n)
	return loadResult{messages: int(total), bytes: bytes, elapsed: elapsed}
}

func (o *office) checkExactlyOnce(t testing.TB, perBox int, n *notices) {
	for i, u := range o.users {
		if got, _ := o.store.MessageCount(o.accs[i].ID); got != int64(perBox) {
			t.Errorf("%s: %d messages stored, want %d", u.Name, got, perBox)
		}
		o.s.WaitCount(t, u, "INBOX/Completed", perBox) // the last move may follow its commit
		if in := o.s.Count(t, u, "INBOX"); in != 0 {
			t.Errorf("%s: %d messages left in INBOX", u.Name, in)
		}
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, l := range n.lines {
		if strings.Contains(l, "failed") {
			t.Errorf("a pass failed under load: %s", l)
		}
	}
}

// peakRSS is the process's peak resident set size in bytes (Linux: KiB).
func peakRSS() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Maxrss * 1024
}

// BenchmarkWatch20Mailboxes: one watch loop, 20 mailboxes, one
// PostgreSQL, mail arriving through Postfix the whole time (make bench).
func BenchmarkWatch20Mailboxes(b *testing.B) {
	var msgs int
	var elapsed time.Duration
	for b.Loop() {
		r := runLoad(b, 10)
		msgs += r.messages
		elapsed += r.elapsed
	}
	b.ReportMetric(float64(msgs)/elapsed.Seconds(), "msgs/s")
	b.ReportMetric(float64(peakRSS())/(1<<20), "peak-RSS-MB")
}
