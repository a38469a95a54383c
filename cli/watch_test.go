package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// syncBuffer is a buffer the watch writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// `sync --watch` as a service runs it: mail that arrives is imported,
// SIGTERM stops it cleanly (exit 0), and `status --json` shows the account.
func TestWatchUntilSIGTERMThenStatus(t *testing.T) {
	s := mailtest.Servers(t)
	mailtest.Keyring(t)
	u := s.NewUser(t)
	db := watchedOffice(t, s, u, s.IMAPS)
	var stdout, stderr syncBuffer
	code := make(chan int, 1)
	go func() {
		code <- Main([]string{"--db", db, "sync", "--watch"}, IO{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr},
			storage.Keyring{}, func(*Env) error { return nil })
	}()
	waitText(t, &stderr, "watching INBOX")
	s.SendRaw(t, "jan@elders.example", u, []byte("From: jan@elders.example\r\nTo: "+u.Address()+
		"\r\nSubject: Offerte\r\nMessage-ID: <watch@elders.example>\r\n\r\nTekst\r\n"))
	waitText(t, &stderr, "imported 1, moved 1")
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case c := <-code:
		if c != ExitOK {
			t.Errorf("sync --watch exited %d after SIGTERM, want 0\n%s", c, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("sync --watch still runs 30 s after SIGTERM\n%s", stderr.String())
	}
	r := run(t, "", "--db", db, "status", "--json")
	var rows []statusRow
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil || len(rows) != 1 || r.code != ExitOK {
		t.Fatalf("status --json: %+v (%v)", r, err)
	}
	got := rows[0]
	if got.State != "ok" || got.Account != "Alice in" || got.ImportedTotal != 1 || got.ImportedToday != 1 ||
		got.LastSuccess == nil || got.NextSync != nil || !got.AutoSync {
		t.Errorf("status row %+v; want ok, 1 imported today, no next sync once the watch stopped", got)
	}
}

func waitText(t *testing.T, b *syncBuffer, text string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(b.String(), text) {
		if time.Now().After(deadline) {
			t.Fatalf("no %q after 30 s:\n%s", text, b.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// `sync --dry-run` prints per folder what a sync would do and changes
// nothing; the sync afterwards does what it said.
func TestSyncDryRun(t *testing.T) {
	s := mailtest.Servers(t)
	mailtest.Keyring(t)
	u := s.NewUser(t)
	for i := 0; i < 3; i++ {
		s.Deliver(t, u, "Postbridge/In", []byte(fmt.Sprintf("From: jan@klant.test\r\nSubject: %d\r\nMessage-ID: <dry%d@klant.test>\r\n\r\nTekst\r\n", i, i)))
	}
	s.CreateMailbox(t, u, "Postbridge/Out")
	host, port, _ := net.SplitHostPort(s.IMAPS)
	key := "user/" + u.Name + "/imap"
	t.Cleanup(func() { storage.Keyring{}.Delete(key) })
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	settings := writeFile(t, dir, "s.json", fmt.Sprintf(`{
	  "company": {"name": "Acme", "imap": {"host": %q, "port": %s, "security": "tls", "tls_fingerprint": %q}},
	  "users": [{"name": "Alice", "email": %q, "imap": [{"username": %q, "secret": %q,
	             "mode": "transfer", "inbox": "Postbridge/In", "outbox": "Postbridge/Out"}]}]}`,
		host, port, s.CertFingerprint, u.Address(), u.Name, key))
	if r := run(t, "", "--db", db, "settings", "import", settings); r.code != ExitOK {
		t.Fatalf("import: %+v", r)
	}
	if r := run(t, u.Password+"\n", "secret", "set", key); r.code != ExitOK {
		t.Fatalf("secret set: %+v", r)
	}
	r := run(t, "", "--db", db, "sync", "--dry-run", "--json")
	var rows []previewRow
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil || r.code != ExitOK || len(rows) != 1 {
		t.Fatalf("sync --dry-run --json: %+v (%v)", r, err)
	}
	in := rows[0].Folders[0]
	if in.Folder != "Postbridge/In" || in.Messages != 3 || in.Import != 3 || in.Move != 3 {
		t.Errorf("preview of the inbox %+v, want 3 to import and move", in)
	}
	if n := s.Count(t, u, "Postbridge/In"); n != 3 {
		t.Errorf("the dry run moved mail: %d left in the inbox", n)
	}
	r = run(t, "", "--db", db, "sync", "--json")
	var done []syncRow
	if err := json.Unmarshal([]byte(r.stdout), &done); err != nil || len(done) != 1 {
		t.Fatalf("sync --json: %+v (%v)", r, err)
	}
	if c := done[0].SyncCounts; c.Imported != in.Import || c.Moved != in.Move {
		t.Errorf("the sync imported %d and moved %d; the dry run said %d and %d", c.Imported, c.Moved, in.Import, in.Move)
	}
}

// watchedOffice is a database with user Alice whose transfer-mode inbox
// on the test Dovecot (reached at imapAddr) takes part in the automatic
// sync, its password in the keyring.
func watchedOffice(t *testing.T, s *mailtest.Stack, u mailtest.User, imapAddr string) string {
	t.Helper()
	host, port, _ := net.SplitHostPort(imapAddr)
	key := "user/" + u.Name + "/imap"
	t.Cleanup(func() { storage.Keyring{}.Delete(key) })
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	settings := writeFile(t, dir, "s.json", fmt.Sprintf(`{
	  "company": {"name": "Acme", "imap": {"host": %q, "port": %s, "security": "tls", "tls_fingerprint": %q}},
	  "users": [{"name": "Alice", "email": %q, "imap": [{"description": "Alice in", "username": %q, "secret": %q,
	             "mode": "transfer", "inbox": "INBOX", "auto_send_receive": true}]}]}`,
		host, port, s.CertFingerprint, u.Address(), u.Name, key))
	if r := run(t, "", "--db", db, "settings", "import", settings); r.code != ExitOK {
		t.Fatalf("import: %+v", r)
	}
	if r := run(t, u.Password+"\n", "secret", "set", key); r.code != ExitOK {
		t.Fatalf("secret set: %+v", r)
	}
	return db
}
