package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"runtime/trace"
	"strconv"
	"syscall"
	"testing"
	"time"

	"postbridge/internal/memory"
	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// benchChildEnv makes the test binary play one Synchronize in its own
// process, so that the benchmark can read that process's peak RSS.
const benchChildEnv = "POSTBRIDGE_BENCH_CHILD"

type benchChild struct{ DB, User string }

// benchProfileEnv names a folder where the child writes a CPU profile
// and an execution trace of its Synchronize (BENCHMARKS.md's profiles).
const benchProfileEnv = "POSTBRIDGE_BENCH_PROFILE"

func profileTo(dir string) (stop func()) {
	cpu, err1 := os.Create(filepath.Join(dir, "cpu.pprof"))
	tr, err2 := os.Create(filepath.Join(dir, "trace.out"))
	if err1 != nil || err2 != nil {
		return func() {}
	}
	_ = pprof.StartCPUProfile(cpu)
	_ = trace.Start(tr)
	return func() {
		trace.Stop()
		pprof.StopCPUProfile()
		cpu.Close()
		tr.Close()
	}
}

func TestMain(m *testing.M) {
	if spec := os.Getenv(benchChildEnv); spec != "" {
		os.Exit(runBenchChild(spec))
	}
	os.Exit(m.Run())
}

// benchTimes is what the child reports on its standard output: the
// Synchronize (from opening the database until the mail is stored and
// filed) and the search index that follows it.
type benchTimes struct{ Sync, Index time.Duration }

func runBenchChild(spec string) int {
	memory.Apply() // as main does
	start := time.Now()
	var c benchChild
	if err := json.Unmarshal([]byte(spec), &c); err != nil {
		return 3
	}
	store, err := storage.Open(c.DB)
	if err != nil {
		return 4
	}
	defer store.Close()
	if dir := os.Getenv(benchProfileEnv); dir != "" {
		stop := profileTo(dir)
		defer stop()
	}
	a := &Actions{Store: store, Secrets: storage.Keyring{}}
	if _, err := a.Sync(context.Background(), SyncFilter{User: c.User}, nil); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	times := benchTimes{Sync: time.Since(start)}
	start = time.Now()
	if _, err := store.IndexSearch(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	times.Index = time.Since(start)
	if err := json.NewEncoder(os.Stdout).Encode(times); err != nil {
		return 5
	}
	return 0
}

// BenchmarkFirstImport is the first Synchronize of a full inbox in
// transfer mode with everything a user gets: MIME parsing, attachments
// written under the attachment path, links, the raw message (in a pack
// beside SQLite),
// UID MOVE to Completed; the password from the real keyring. It runs in
// a child process and reports that process's peak RSS, which must not
// grow with the folder (one batch is held at a time).
func BenchmarkFirstImport(b *testing.B) {
	for _, n := range []int{1000, 10000, 50000, 100000} {
		b.Run(fmt.Sprintf("messages=%d", n), func(b *testing.B) {
			benchFirstImport(b, n, mailtest.MixedMail)
		})
	}
	// 30 messages of 20 MB: batches bounded by bytes hold one
	// at a time, and it is spooled to disk rather than held in memory.
	b.Run("drawings=30x20MB", func(b *testing.B) {
		benchFirstImport(b, 30, mailtest.DrawingMail)
	})
}

func benchFirstImport(b *testing.B, n int, mail func(int) []byte) {
	var r importRun
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		o := importOffice(b, n, mail)
		b.StartTimer()
		r.add(runImport(b, o))
		b.StopTimer()
	}
	r.report(b, n)
}

// BenchmarkFirstImportSideBySide measures, on one folder and one after
// the other in the same run, the floor (one raw FETCH of every body),
// isync's mbsync and Postbridge's first import, and reports the import's
// ratios to both (the first import's targets: at least 3 times mbsync's messages
// per second, at most 3 times the raw fetch's time). The folder is read
// once before, so that each starts with Dovecot's caches as warm as the
// next. Two folders of 10,000 messages: MixedMail, and the office mail of
// ../shared/bench/genmail.py (seed 1), which has HTML
// alternatives, encoded names, many senders and larger attachments.
//
// msgs/s, x-mbsync and x-raw-time take the Synchronize alone, as in
// BENCHMARKS.md's first-import tables; process-s, x-mbsync-process and
// x-raw-process take the whole child process from its start until it
// exits, search index included, as `postbridge sync` runs (it waits for
// the index). POSTBRIDGE_BENCH_MESSAGES=n sets another folder size, to
// try the benchmark quickly; figures for BENCHMARKS.md use 10,000.
func BenchmarkFirstImportSideBySide(b *testing.B) {
	n := benchMessages(b)
	b.Run("corpus=mixed", func(b *testing.B) {
		sideBySide(b, n, func(o *office) { o.s.FillMaildir(b, o.alice, "Postbridge/In", n, mailtest.MixedMail) })
	})
	b.Run("corpus=genmail", func(b *testing.B) {
		sideBySide(b, n, func(o *office) { o.s.FillMaildirGenmail(b, o.alice, "Postbridge/In", n, 1) })
	})
}

// benchMessages is the folder size of the side-by-side benchmarks:
// 10,000, or POSTBRIDGE_BENCH_MESSAGES.
func benchMessages(b *testing.B) int {
	n := 10000
	if v := os.Getenv("POSTBRIDGE_BENCH_MESSAGES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n <= 0 {
			b.Fatalf("POSTBRIDGE_BENCH_MESSAGES=%q is not a number of messages", v)
		}
	}
	return n
}

func sideBySide(b *testing.B, n int, fill func(*office)) {
	sideBySideOn(b, n, fill, importHooks{db: func() string { return filepath.Join(b.TempDir(), "p.db") }})
}

// importHooks adapt sideBySideOn: db makes each run's database; before
// and after, if not nil, are called around each import.
type importHooks struct {
	db            func() string
	before, after func(*office)
}

// sideBySideOn is sideBySide with hooks.
func sideBySideOn(b *testing.B, n int, fill func(*office), h importHooks) {
	var r importRun
	var raw, mbsync, dovecotCPU time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		o := newOfficeOn(b, "Sent", h.db())
		fill(o)
		o.s.CreateMailbox(b, o.alice, "Postbridge/Out")
		plainIMAP(b, o)
		o.s.RawFetch(b, o.alice, "Postbridge/In")
		got, took := o.s.RawFetch(b, o.alice, "Postbridge/In")
		raw += took
		if got2, took2 := o.s.Mbsync(b, o.alice, "Postbridge/In"); got != n || got2 != n {
			b.Fatalf("raw fetch read %d, mbsync pulled %d, want %d", got, got2, n)
		} else {
			mbsync += took2
		}
		if h.before != nil {
			h.before(o)
		}
		dovecot := mailtest.DovecotCPU(b)
		b.StartTimer()
		r.add(runImport(b, o))
		b.StopTimer()
		dovecotCPU += mailtest.DovecotCPU(b) - dovecot
		if h.after != nil {
			h.after(o)
		}
	}
	r.report(b, n)
	N := float64(b.N)
	b.ReportMetric(raw.Seconds()/N, "raw-fetch-s")
	b.ReportMetric(float64(n)*N/mbsync.Seconds(), "mbsync-msgs/s")
	b.ReportMetric(mbsync.Seconds()/r.sync.Seconds(), "x-mbsync")
	b.ReportMetric(r.sync.Seconds()/raw.Seconds(), "x-raw-time")
	b.ReportMetric(r.process.Seconds()/N, "process-s")
	b.ReportMetric(mbsync.Seconds()/r.process.Seconds(), "x-mbsync-process")
	b.ReportMetric(r.process.Seconds()/raw.Seconds(), "x-raw-process")
	// The server's share of the import (its moves, the fetch): the
	// import shares two cores with it.
	b.ReportMetric(dovecotCPU.Seconds()/N, "dovecot-cpu-s")
}

// importOffice is an office whose Alice has n messages in her inbox.
func importOffice(b *testing.B, n int, mail func(int) []byte) *office {
	o := newOffice(b, "Sent")
	o.s.FillMaildir(b, o.alice, "Postbridge/In", n, mail)
	o.s.CreateMailbox(b, o.alice, "Postbridge/Out")
	plainIMAP(b, o)
	return o
}

// importRun adds up the child processes' figures.
type importRun struct {
	sync, index, user, sys time.Duration
	process                time.Duration // the child from its start to its exit
	peakKB                 int64
	runs                   int
}

func (r *importRun) add(t benchTimes, ru *syscall.Rusage, process time.Duration) {
	r.sync += t.Sync
	r.process += process
	r.index += t.Index
	r.user += time.Duration(ru.Utime.Nano())
	r.sys += time.Duration(ru.Stime.Nano())
	r.peakKB = max(r.peakKB, ru.Maxrss)
	r.runs++
}

func (r *importRun) report(b *testing.B, n int) {
	runs := float64(r.runs)
	b.ReportMetric(float64(n)*runs/r.sync.Seconds(), "msgs/s")
	b.ReportMetric(float64(r.peakKB)/1024, "peak-RSS-MB")
	b.ReportMetric(r.index.Seconds()/runs, "index-s")
	b.ReportMetric(r.user.Seconds()/runs, "user-s")
	b.ReportMetric(r.sys.Seconds()/runs, "sys-s")
}

// runImport plays Alice's first Synchronize in a child process and
// checks that her inbox is empty afterwards. It returns the child's own
// timings, its resource usage and its whole run, from start to exit.
func runImport(b *testing.B, o *office) (benchTimes, *syscall.Rusage, time.Duration) {
	spec, _ := json.Marshal(benchChild{DB: o.dbPath, User: "Alice"})
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), benchChildEnv+"="+string(spec))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	out, err := cmd.Output()
	process := time.Since(start)
	var t benchTimes
	if err == nil {
		err = json.Unmarshal(out, &t)
	}
	if err != nil {
		b.Fatalf("sync: %v\n%s%s", err, out, stderr.Bytes())
	}
	if left := o.s.Count(b, o.alice, "Postbridge/In"); left != 0 {
		b.Fatalf("%d messages left in In", left)
	}
	return t, cmd.ProcessState.SysUsage().(*syscall.Rusage), process
}

// plainIMAP points the office at the stack's plain IMAP port, as the
// other benchmarks and mbsync use it: TLS is not what is measured.
func plainIMAP(b *testing.B, o *office) {
	c, err := o.act.Store.Company()
	if err != nil {
		b.Fatal(err)
	}
	host, port := hostPort(b, o.s.IMAP)
	doc := &storage.SettingsFile{Company: &storage.CompanyJSON{Name: c.Name, Email: c.Email,
		AttachmentPath: b.TempDir(),
		IMAP:           &storage.ServerJSON{Host: host, Port: port, Security: "none"}}}
	if err := o.act.Store.ImportSettings(doc); err != nil {
		b.Fatal(err)
	}
}
