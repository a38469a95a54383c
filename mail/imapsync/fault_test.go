//go:build fault

package imapsync

// The fault runs of the sync engine (make fault): the engine is killed
// with SIGKILL at random points, and its connection is cut by a proxy at
// random points; after each, a clean sync must leave every message in the
// database once and in Completed once, none left in the inbox.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// childEnv carries the job to the re-executed test binary.
const childEnv = "POSTBRIDGE_FAULT_CHILD"

// TestMain lets the test binary play the sync process that gets killed.
func TestMain(m *testing.M) {
	if spec := os.Getenv(childEnv); spec != "" {
		os.Exit(runChild(spec))
	}
	os.Exit(m.Run())
}

func runChild(spec string) int {
	var cj childJob
	if err := json.Unmarshal([]byte(spec), &cj); err != nil {
		return 3
	}
	store, err := storage.Open(cj.DB)
	if err != nil {
		return 4
	}
	job := faultJob(cj, store)
	if _, err := Run(context.Background(), job, nil); err != nil {
		return 1
	}
	return 0
}

// fill puts n distinct messages into the user's inbox folder quickly, by
// writing Maildir files (doveadm save would spawn a process per message).
func fill(t *testing.T, s *mailtest.Stack, u mailtest.User, n int) {
	t.Helper()
	if !slices.Contains(s.Mailboxes(t, u), "Postbridge/In") {
		s.CreateMailbox(t, u, "Postbridge/In")
	}
	dir := filepath.Join(s.Dir, "mail", u.Name, "Maildir", "Postbridge", "In", "new")
	for i := 0; i < n; i++ {
		name := filepath.Join(dir, fmt.Sprintf("%d.M%dP1.fault", time.Now().Unix(), i))
		if err := os.WriteFile(name, rawMail(i, "jan@klant.test"), 0o644); err != nil {
			t.Fatal(err)
		}
		os.Chown(name, 65534, 65534) // nobody:nogroup, as Dovecot's own files
	}
}

func TestKilledAtRandomPoints(t *testing.T) {
	const messages, wantKills = 1500, 100
	s := mailtest.Servers(t)
	u := s.NewUser(t)
	fill(t, s, u, messages)
	cj := childJob{DB: filepath.Join(t.TempDir(), "p.db"), Addr: s.IMAP, User: u.Name, Password: u.Password}
	kills, refills, finished := 0, 0, false
	for round := 0; !finished || kills < wantKills; round++ {
		if round > 2000 {
			t.Fatalf("no end after %d rounds (%d kills)", round, kills)
		}
		cj.Batch = 1 + rand.IntN(8)
		spec, _ := json.Marshal(cj)
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"="+string(spec))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			finished = err == nil && s.Count(t, u, "Postbridge/In") == 0
			if finished && kills < wantKills {
				fill(t, s, u, 100) // more mail, so that the kills can go on
				refills++
				finished = false
			}
		case <-time.After(time.Duration(5+rand.IntN(150)) * time.Millisecond):
			cmd.Process.Signal(syscall.SIGKILL)
			<-done
			kills++
			waitSessionsEnded(t, s, u)
		}
	}
	total := messages + 100*refills
	checkExactlyOnce(t, s, u, cj.DB, total)
	t.Logf("%d kills with SIGKILL; %d messages each in the database and in Completed exactly once", kills, total)
}

// waitSessionsEnded waits until Dovecot has finished the killed client's
// session. A command the client sent just before it died (a UID MOVE of
// a committed batch) still runs on the server for a moment; a new sync
// that selects the folder meanwhile still sees the message there and
// files it a second time. A person restarting Postbridge after a crash
// takes longer than that; the engine cannot tell such a command from
// none, so the test waits as the server does (see the closing note of
// 2026-12-01: a restart within milliseconds can file a message twice).
func waitSessionsEnded(t *testing.T, s *mailtest.Stack, u mailtest.User) {
	t.Helper()
	for i := 0; i < 100; i++ {
		if !strings.Contains(s.Doveadm(t, nil, "who", u.Name), "imap") {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("the killed client's IMAP session of %s did not end in 2 s", u.Name)
}

func checkExactlyOnce(t *testing.T, s *mailtest.Stack, u mailtest.User, db string, total int) {
	t.Helper()
	store, err := storage.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	// One last clean sync, as the user would press Synchronize again.
	if _, err := Run(context.Background(), faultJob(childJob{Addr: s.IMAP, User: u.Name, Password: u.Password, Batch: 50}, store), nil); err != nil {
		t.Fatal(err)
	}
	n, _ := store.MessageCount(1)
	var distinct int64
	store.RawCount(&distinct)
	in, done := s.Count(t, u, "Postbridge/In"), s.Count(t, u, "Postbridge/In/Completed")
	if int(n) != total || int(distinct) != total || in != 0 || done != total {
		t.Errorf("database %d rows (%d distinct), In %d, Completed %d; want %d, %d, 0, %d",
			n, distinct, in, done, total, total, total)
	}
	checkRawMessages(t, store)
}

// checkRawMessages reads every committed message's raw bytes back (from
// its pack on SQLite) and compares them with the SHA-256 in its row: a
// kill never leaves a row pointing at bytes that did not reach the disk.
func checkRawMessages(t *testing.T, store *storage.Store) {
	t.Helper()
	all, err := store.ListMessages(storage.MessageFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range all {
		raw, err := store.RawMessage(m.ID)
		sum := sha256.Sum256(raw)
		if err != nil || hex.EncodeToString(sum[:]) != m.SHA256 {
			t.Fatalf("message %d (UID %d): raw message %d bytes, %v; its SHA-256 differs from the row's", m.ID, m.UID, len(raw), err)
		}
	}
}

// listenProxy listens on a free local port until the test ends and hands
// every connection to serve on its own goroutine.
func listenProxy(t *testing.T, serve func(net.Conn)) net.Listener {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go serve(c)
		}
	}()
	return ln
}

func TestConnectionDroppedAtRandomPoints(t *testing.T) {
	const messages, wantDrops = 400, 30
	s := mailtest.Servers(t)
	u := s.NewUser(t)
	fill(t, s, u, messages)
	db := filepath.Join(t.TempDir(), "p.db")
	store, err := storage.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	// Cuts after 2 to 42 KB: often within a login or a single batch.
	proxy := newCutProxy(t, s.IMAP, rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64())), 2000, 42000)
	job := faultJob(childJob{Addr: proxy.ln.Addr().String(), User: u.Name, Password: u.Password, Batch: 5}, store)
	for round := 0; proxy.cuts.Load() < wantDrops; round++ {
		if round > 500 {
			t.Fatalf("only %d drops in %d rounds", proxy.cuts.Load(), round)
		}
		if _, err := Run(context.Background(), job, nil); err == nil && s.Count(t, u, "Postbridge/In") == 0 {
			fill(t, s, u, 50)
		}
	}
	store.Close()
	total := s.Count(t, u, "Postbridge/In") + s.Count(t, u, "Postbridge/In/Completed")
	checkExactlyOnce(t, s, u, db, total)
	t.Logf("%d dropped connections; %d messages each in the database and in Completed exactly once", proxy.cuts.Load(), total)
}
