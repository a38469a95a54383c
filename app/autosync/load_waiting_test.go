package autosync

import (
	"os"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// waitingPerBox is how many genmail messages wait in each mailbox when
// the watch loop starts in BenchmarkWatch20MailboxesWaiting;
// POSTBRIDGE_BENCH_PER_BOX sets another number, to try it quickly.
func waitingPerBox(b *testing.B) int {
	n := 1000
	if v := os.Getenv("POSTBRIDGE_BENCH_PER_BOX"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n <= 0 {
			b.Fatalf("POSTBRIDGE_BENCH_PER_BOX=%q is not a number of messages", v)
		}
	}
	return n
}

// benchMaxPasses is Runner.MaxPasses for BenchmarkWatch20MailboxesWaiting:
// POSTBRIDGE_BENCH_MAX_PASSES tries another bound than the default.
func benchMaxPasses(b *testing.B) int {
	v := os.Getenv("POSTBRIDGE_BENCH_MAX_PASSES")
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		b.Fatalf("POSTBRIDGE_BENCH_MAX_PASSES=%q is not a number of passes", v)
	}
	return n
}

// BenchmarkWatch20MailboxesWaiting: `sync --watch` of 20 mailboxes into
// one PostgreSQL, each with 1,000 messages of office mail (genmail, a
// seed per mailbox) waiting when the loop starts — an office that
// switches Postbridge on. msgs/s is every message stored, from the start
// of the loop until the last row is in the database; each is then checked
// stored once and filed once. pg-cpu-s and pg-fsync are as in
// app's BenchmarkFirstImportPostgres (make bench runs the test
// PostgreSQL with fsync=on); user-s and sys-s are this process's CPU;
// max-passes is the bound on passes at once (Runner.MaxPasses).
// The search index follows the imports (app/sync_index.go): index-s is
// how long it took after the last row to catch up, and pg-cpu-s
// includes it.
func BenchmarkWatch20MailboxesWaiting(b *testing.B) {
	perBox, maxPasses := waitingPerBox(b), benchMaxPasses(b)
	var msgs int
	var elapsed, pgCPU, cpu, indexWait time.Duration
	var fsync bool
	var statements, sessions int64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dsn := mailtest.Postgres(b)
		o := newOffice(b, loadMailboxes, dsn, "")
		var wg sync.WaitGroup
		for k, u := range o.users {
			wg.Add(1)
			go func() {
				defer wg.Done()
				o.s.FillMaildirGenmail(b, u, "INBOX", perBox, k+1)
			}()
		}
		wg.Wait()
		n := newNotices()
		pg, self := mailtest.PostgresCPU(b), processCPU()
		before := mailtest.PostgresCount(b, dsn)
		b.StartTimer()
		start := time.Now()
		r := &Runner{Actions: o.act, Store: o.store, Notice: n.add, MaxPasses: maxPasses}
		o.start(b, r)
		o.waitStored(b, int64(loadMailboxes*perBox), 5*time.Minute)
		elapsed += time.Since(start)
		b.StopTimer()
		indexWait += waitIndexed(b, o.store, time.Minute)
		pgCPU += mailtest.PostgresCPU(b) - pg
		cpu += processCPU() - self
		after := mailtest.PostgresCount(b, dsn)
		statements += after.Statements - before.Statements
		sessions += after.Sessions - before.Sessions
		msgs += loadMailboxes * perBox
		o.checkExactlyOnce(b, perBox, n)
		fsync = after.Fsync
	}
	b.ReportMetric(float64(msgs)/elapsed.Seconds(), "msgs/s")
	b.ReportMetric(pgCPU.Seconds()/float64(b.N), "pg-cpu-s")
	b.ReportMetric(indexWait.Seconds()/float64(b.N), "index-s")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s")
	b.ReportMetric(map[bool]float64{true: 1, false: 0}[fsync], "pg-fsync")
	b.ReportMetric(float64(statements)/float64(msgs), "statements/msg")
	b.ReportMetric(float64(sessions)/float64(b.N), "pg-sessions")
	b.ReportMetric(float64(peakRSS())/(1<<20), "peak-RSS-MB")
	b.ReportMetric(float64((&Runner{MaxPasses: maxPasses}).maxPasses()), "max-passes")
}

// waitStored waits until the office's accounts hold total messages.
func (o *office) waitStored(t testing.TB, total int64, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		var stored int64
		for _, a := range o.accs {
			n, err := o.store.MessageCount(a.ID)
			if err != nil {
				t.Fatal(err)
			}
			stored += n
		}
		if stored >= total {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d messages stored after %s", stored, total, limit)
		}
		time.Sleep(200 * time.Millisecond) // twenty queries: do not load the server much
	}
}

// processCPU is the user and system CPU time this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// waitIndexed waits until the search index has caught up with every
// stored message and returns how long that took.
func waitIndexed(b *testing.B, store *storage.Store, limit time.Duration) time.Duration {
	start := time.Now()
	for {
		n, err := store.SearchPending()
		if err != nil {
			b.Fatal(err)
		}
		if n == 0 {
			return time.Since(start)
		}
		if time.Since(start) > limit {
			b.Fatalf("%d messages not in the search index %s after the last was stored", n, limit)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
