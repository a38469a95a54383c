package imapsync

import (
	"fmt"

	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"postbridge/mail/mailerr"
	"postbridge/storage"
)

// fakeTimeout is the account timeout of the misbehaving-server tests:
// each must end by itself within three times it.
const fakeTimeout = 2 * time.Second

func fakeJob(t *testing.T, addr string, store *storage.Store) Job {
	t.Helper()
	host, port, _ := net.SplitHostPort(addr)
	p, _ := strconv.Atoi(port)
	return Job{AccountID: 1, AccountName: "u", Mode: storage.ModeTransfer, Inbox: "INBOX",
		Server: Server{Host: host, Port: p, Security: storage.SecurityNone, Username: "u", Password: "p", Timeout: fakeTimeout},
		Store:  store, Convert: headerConverter, SpoolDir: t.TempDir()}
}

func openStore(t *testing.T) *storage.Store {
	t.Helper()
	store, err := storage.Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store
}

// peaks samples, while a command runs, the heap in use above where it
// began and the bytes in the spool directory.
type peaks struct {
	heap  uint64
	spool int64
}

func watchPeaks(spool string) (stop func() peaks) {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base := ms.HeapInuse
	var p peaks
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > base && ms.HeapInuse-base > p.heap {
				p.heap = ms.HeapInuse - base
			}
			p.spool = max(p.spool, dirBytes(spool))
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() peaks { close(done); wg.Wait(); return p }
}

func dirBytes(dir string) int64 {
	var n int64
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if info, err := e.Info(); err == nil {
			n += info.Size()
		}
	}
	return n
}

func TestMisbehavingServerEndsEachCommand(t *testing.T) {
	check := func(ctx context.Context, j Job) (Counts, error) {
		_, err := Check(ctx, j.Server)
		return Counts{}, err
	}
	tests := []struct {
		name string
		odd  map[string]oddAnswer
		run  func(context.Context, Job) (Counts, error)
		want error // nil: the command succeeds
		// refused is how many messages the run leaves on the server for
		// their size: a warning, while the rest of the folder goes on.
		refused int
	}{
		{"BODY[] NIL", map[string]oddAnswer{"FETCH BODY": nilBody}, syncRun, nil, 0},
		{"no answer to LOGIN", map[string]oddAnswer{"LOGIN": silent}, check, mailerr.ErrTimeout, 0},
		{"no answer to LOGIN, sync", map[string]oddAnswer{"LOGIN": silent}, syncRun, mailerr.ErrTimeout, 0},
		{"no answer to FETCH", map[string]oddAnswer{"FETCH BODY": silent}, syncRun, mailerr.ErrTimeout, 0},
		{"an endless stream of untagged lines", map[string]oddAnswer{"FETCH BODY": flood}, syncRun, mailerr.ErrResponseTooLarge, 0},
		{"a FETCH literal of 999,999,999,999 bytes", map[string]oddAnswer{"FETCH BODY": endless("* 1 FETCH (UID 1 BODY[] ")}, syncRun, nil, 1},
		{"a LIST literal of 999,999,999,999 bytes", map[string]oddAnswer{"LIST": endless(`* LIST () "/" `)}, check, mailerr.ErrResponseTooLarge, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := startFake(t, tt.odd)
			job := fakeJob(t, f.addr, openStore(t))
			stop := watchPeaks(job.SpoolDir)
			start := time.Now()
			counts, err := tt.run(context.Background(), job)
			took := time.Since(start)
			p := stop()
			if tt.want == nil && err != nil || tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("error %v, want %v", err, tt.want)
			}
			if took > 3*fakeTimeout {
				t.Errorf("took %s, want at most %s", took, 3*fakeTimeout)
			}
			if p.heap > 300<<20 || p.spool > 1<<30 {
				t.Errorf("heap grew by %d MB and the spool by %d MB, want under 300 MB and 1 GB", p.heap>>20, p.spool>>20)
			}
			if counts.Imported != 0 || counts.Refused != tt.refused {
				t.Errorf("imported %d and refused %d, want 0 and %d", counts.Imported, counts.Refused, tt.refused)
			}
		})
	}
}

func syncRun(ctx context.Context, j Job) (Counts, error) { return Run(ctx, j, nil) }

// A message whose body came as NIL is a warning and is not filed.
func TestBodyNILIsAWarningAndNotFiled(t *testing.T) {
	f := startFake(t, map[string]oddAnswer{"FETCH BODY": nilBody})
	events := make(chan Event, 100)
	counts, err := Run(context.Background(), fakeJob(t, f.addr, openStore(t)), events)
	close(events)
	if err != nil {
		t.Fatal(err)
	}
	var warnings []string
	for e := range events {
		if w, ok := e.(Warning); ok {
			warnings = append(warnings, fmt.Sprintf("UID %d: %s", w.UID, w.Problem))
		}
	}
	want := "UID 1: " + WarnRemovedMeanwhile
	if len(warnings) != 1 || warnings[0] != want || counts.Warnings != 1 {
		t.Errorf("warnings %q (%d), want [%q]", warnings, counts.Warnings, want)
	}
	if f.received("UID MOVE") {
		t.Error("the message that was not stored was moved to Completed")
	}
}

// A body refused mid-stream is recorded, and the next sync leaves it on
// the server without fetching it.
func TestRefusedBodyIsNotFetchedAgain(t *testing.T) {
	store := openStore(t)
	f := startFake(t, map[string]oddAnswer{"FETCH BODY": endless("* 1 FETCH (UID 1 BODY[] ")})
	events := make(chan Event, 100)
	counts, err := Run(context.Background(), fakeJob(t, f.addr, store), events)
	close(events)
	// The refusal cut the connection; the run goes on over a new one
	// (resume.go), without the refused message, and ends well.
	if err != nil || counts.Refused != 1 || counts.Warnings != 1 {
		t.Fatalf("first run: %+v, %v; want one refused with a warning and no error", counts, err)
	}
	var reconnects int
	for e := range events {
		if r, ok := e.(Reconnecting); ok && errors.Is(r.Err, mailerr.ErrMessageRefused) && Temporary(r.Err) {
			reconnects++
		}
	}
	if reconnects != 1 {
		t.Errorf("%d reconnects after a temporary ErrMessageRefused, want 1", reconnects)
	}
	list, err := store.RefusedMessages(1)
	if err != nil || len(list) != 1 || list[0].UID != 1 || list[0].UIDValidity != 7 || list[0].Size != 999999999999 || list[0].Folder != "INBOX" {
		t.Fatalf("recorded %+v, %v", list, err)
	}
	again := startFake(t, nil)
	counts, err = Run(context.Background(), fakeJob(t, again.addr, store), nil)
	if err != nil || counts.Imported != 0 || again.received("FETCH BODY") || again.received("UID MOVE") {
		t.Errorf("second run: %+v, %v, fetched %v, moved %v; want nothing fetched or moved", counts, err,
			again.received("FETCH BODY"), again.received("UID MOVE"))
	}
}

// A message the server announces over the maximum is never fetched.
func TestAnnouncedOverMaximumIsNeverFetched(t *testing.T) {
	store := openStore(t)
	f := startFake(t, nil)
	job := fakeJob(t, f.addr, store)
	job.MaxMessageBytes = 10 // the fake's message has more
	counts, err := Run(context.Background(), job, nil)
	if err != nil || counts.Refused != 1 || f.received("FETCH BODY") || f.received("UID MOVE") {
		t.Errorf("%+v, %v, fetched %v; want one refused, nothing fetched", counts, err, f.received("FETCH BODY"))
	}
}

// The same fake, behaving, imports its message: the tests above fail for
// the misbehaviour, not for the fake.
func TestFakeServerBehaving(t *testing.T) {
	f := startFake(t, nil)
	counts, err := Run(context.Background(), fakeJob(t, f.addr, openStore(t)), nil)
	if err != nil || counts.Imported != 1 || counts.Moved != 1 {
		t.Errorf("%+v, %v; want one imported and moved", counts, err)
	}
}

// IDLE may stay silent far longer than the timeout; the renewal's NOOP
// must be answered within it, so a server that stopped answering ends
// the watch with ErrTimeout.
func TestWatchSilenceAndDeadServer(t *testing.T) {
	defer func(d time.Duration) { idleRenewal = d }(idleRenewal)
	tests := []struct {
		name    string
		renewal time.Duration
		odd     map[string]oddAnswer
		lost    bool // within 2¼ timeouts; else kept that long
	}{
		{"silent IDLE is kept", 4 * fakeTimeout, nil, false},
		{"renewed IDLE is kept", fakeTimeout / 4, nil, false},
		{"no answer to the renewal's NOOP", fakeTimeout / 4, map[string]oddAnswer{"NOOP": silent}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			idleRenewal = tt.renewal
			f := startFake(t, tt.odd)
			w, err := Watch(context.Background(), fakeJob(t, f.addr, nil).Server, "INBOX")
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			select {
			case <-w.Lost():
				if !tt.lost {
					t.Fatalf("watch lost: %v", w.Err())
				}
				if !errors.Is(w.Err(), mailerr.ErrTimeout) {
					t.Errorf("lost with %v, want %v", w.Err(), mailerr.ErrTimeout)
				}
			case <-time.After(2*fakeTimeout + fakeTimeout/4):
				if tt.lost {
					t.Fatal("a server that stopped answering was not noticed")
				}
			}
			if tt.renewal < fakeTimeout && !f.received("NOOP") {
				t.Error("IDLE was not renewed with a NOOP")
			}
		})
	}
}

// "TLS if available" and STARTTLS never log in on a server without
// STARTTLS: the password is not sent in clear.
func TestNoPasswordInClearWithoutSTARTTLS(t *testing.T) {
	tests := []struct {
		sec  storage.Security
		want error
	}{
		{storage.SecuritySTARTTLSOptional, mailerr.ErrEncryptionRequired},
		{storage.SecuritySTARTTLS, mailerr.ErrSTARTTLSNotOffered},
	}
	for _, tt := range tests {
		f := startFake(t, nil)
		srv := fakeJob(t, f.addr, nil).Server
		srv.Security = tt.sec
		_, err := Check(context.Background(), srv)
		if !errors.Is(err, tt.want) || f.received("LOGIN") {
			t.Errorf("%s: %v, LOGIN sent %v; want %v and no LOGIN", tt.sec, err, f.received("LOGIN"), tt.want)
		}
	}
}
