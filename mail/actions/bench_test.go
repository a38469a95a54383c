package actions

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
	for _, n := range []int{1000, 10000, 50000} {
		b.Run(fmt.Sprintf("messages=%d", n), func(b *testing.B) {
			benchFirstImport(b, n, mailtest.MixedMail)
		})
	}
	// 30 messages of 20 MB (issue 14): batches bounded by bytes hold one
	// at a time, and it is spooled to disk rather than held in memory.
	b.Run("drawings=30x20MB", func(b *testing.B) {
		benchFirstImport(b, 30, mailtest.DrawingMail)
	})
}

func benchFirstImport(b *testing.B, n int, mail func(int) []byte) {
	var elapsed time.Duration
	var peakKB int64
	var userCPU, sysCPU, indexing time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		o := newOffice(b, "Sent")
		o.s.FillMaildir(b, o.alice, "Postbridge/In", n, mail)
		o.s.CreateMailbox(b, o.alice, "Postbridge/Out")
		plainIMAP(b, o)
		spec, _ := json.Marshal(benchChild{DB: o.dbPath, User: "Alice"})
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), benchChildEnv+"="+string(spec))
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		b.StartTimer()
		out, err := cmd.Output()
		b.StopTimer()
		var t benchTimes
		if err == nil {
			err = json.Unmarshal(out, &t)
		}
		if err != nil {
			b.Fatalf("sync: %v\n%s%s", err, out, stderr.Bytes())
		}
		elapsed += t.Sync
		indexing += t.Index
		if left := o.s.Count(b, o.alice, "Postbridge/In"); left != 0 {
			b.Fatalf("%d messages left in In", left)
		}
		ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		peakKB = max(peakKB, ru.Maxrss)
		userCPU += time.Duration(ru.Utime.Nano())
		sysCPU += time.Duration(ru.Stime.Nano())
	}
	b.ReportMetric(float64(n*b.N)/elapsed.Seconds(), "msgs/s")
	b.ReportMetric(float64(peakKB)/1024, "peak-RSS-MB")
	b.ReportMetric(indexing.Seconds()/float64(b.N), "index-s")
	b.ReportMetric(userCPU.Seconds()/float64(b.N), "user-s")
	b.ReportMetric(sysCPU.Seconds()/float64(b.N), "sys-s")
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
