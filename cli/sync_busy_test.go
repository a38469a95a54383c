package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// heldOffice is Alice with a transfer-mode account on the test stack and
// mails in her inbox, on the database dsn (an SQLite file when empty);
// it returns the database's address.
func heldOffice(t *testing.T, s *mailtest.Stack, u mailtest.User, dsn string, mails int) string {
	t.Helper()
	mailtest.Keyring(t)
	host, port, _ := net.SplitHostPort(s.IMAPS)
	key := "user/" + u.Name + "/imap"
	t.Cleanup(func() { storage.Keyring{}.Delete(key) })
	dir := t.TempDir()
	if dsn == "" {
		dsn = filepath.Join(dir, "p.db")
	}
	settings := writeFile(t, dir, "s.json", fmt.Sprintf(`{
	  "company": {"name": "Acme", "imap": {"host": %q, "port": %s, "security": "tls", "tls_fingerprint": %q}},
	  "users": [{"name": "Alice", "email": %q, "imap": [{"username": %q, "secret": %q, "mode": "transfer",
	             "inbox": "Postbridge/In", "outbox": "Postbridge/Out", "sent": "Sent"}]}]}`,
		host, port, s.CertFingerprint, u.Address(), u.Name, key))
	if r := run(t, "", "--db", dsn, "settings", "import", settings); r.code != ExitOK {
		t.Fatalf("import: %+v", r)
	}
	if r := run(t, u.Password+"\n", "secret", "set", key); r.code != ExitOK {
		t.Fatalf("secret set: %+v", r)
	}
	stamp := time.Now().UnixNano()
	s.FillMaildir(t, u, "Postbridge/In", mails, func(i int) []byte {
		return []byte(fmt.Sprintf("From: Jan <jan@klant.test>\r\nTo: %s\r\nSubject: Bericht %d\r\n"+
			"Message-ID: <held%d.%d@klant.test>\r\nDate: Tue, 24 Nov 2026 10:00:00 +0100\r\n\r\nTekst %d\r\n",
			u.Address(), i, i, stamp, i))
	})
	if r := run(t, "", "--db", dsn, "folders", "ensure", "--user", "Alice"); r.code != ExitOK {
		t.Fatalf("folders ensure: %+v", r)
	}
	return dsn
}

// busyLine is what `postbridge sync` prints for an account that another
// process synchronizes.
var busyLine = regexp.MustCompile(`^Alice's account is being synchronized by (\S+) \(pid (\d+)\) since \d\d:\d\d$`)

// A second sync of an account that another workstation synchronizes
// says who in one line and exits 0 with nothing done; --json carries the
// holder; --wait waits for it and then synchronizes.
func TestSyncOfHeldAccount(t *testing.T) {
	s := mailtest.Servers(t)
	u := s.NewUser(t)
	db := heldOffice(t, s, u, "", 3)
	store, err := storage.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	alice, err := store.UserByName("Alice")
	if err != nil {
		t.Fatal(err)
	}
	lease, err := store.AcquireLease(alice.ImapAccounts[0].ID, storage.LeaseTerms{Host: "PC-0042", PID: 123})
	if err != nil {
		t.Fatal(err)
	}
	defer lease.Release()

	r := run(t, "", "--db", db, "sync", "--user", "Alice")
	m := busyLine.FindStringSubmatch(strings.TrimSuffix(r.stdout, "\n"))
	if r.code != ExitOK || m == nil || m[1] != "PC-0042" || m[2] != "123" || r.stderr != "" {
		t.Errorf("sync of a held account: exit %d\nstdout %q\nstderr %q\nwant exit 0 and one line naming PC-0042 (pid 123)", r.code, r.stdout, r.stderr)
	}
	r = run(t, "", "--db", db, "sync", "--user", "Alice", "--json")
	var rows []syncRow
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil || len(rows) != 1 || rows[0].HeldBy == nil {
		t.Fatalf("sync --json printed %q (%v), want one row with held_by", r.stdout, err)
	}
	if h := rows[0].HeldBy; h.Host != "PC-0042" || h.PID != 123 || time.Since(h.Since) > time.Minute || rows[0].Error != "" {
		t.Errorf("held_by %+v, error %q; want PC-0042, pid 123, since about now, no error", h, rows[0].Error)
	}
	if got := s.Count(t, u, "Postbridge/In"); got != 3 {
		t.Errorf("%d mails left in In, want all 3: nothing done", got)
	}

	// The holder lets go once the waiting sync has said that it waits: a
	// timer instead would race a slow start (under -race on a busy
	// machine the sync began after the lease was gone, and never waited).
	var out, errb bytes.Buffer
	stderr := &onWord{w: &errb, word: "waiting", do: func() { lease.Release() }}
	fallback := time.AfterFunc(time.Minute, func() { lease.Release() })
	defer fallback.Stop()
	code := Main([]string{"--db", db, "sync", "--user", "Alice", "--wait", "--json"},
		IO{Stdin: strings.NewReader(""), Stdout: &out, Stderr: stderr}, storage.Keyring{}, nil)
	r = result{code, out.String(), errb.String()}
	if err := json.Unmarshal([]byte(r.stdout), &rows); r.code != ExitOK || err != nil || len(rows) != 1 ||
		rows[0].Imported != 3 || !strings.Contains(r.stderr, "PC-0042 (pid 123)") || !strings.Contains(r.stderr, "waiting") {
		t.Errorf("sync --wait: exit %d\nstdout %q\nstderr %q\nwant 3 imported after saying it waits for PC-0042", r.code, r.stdout, r.stderr)
	}
}

// onWord passes writes on to w and runs do once the text written so far
// contains word.
type onWord struct {
	w    *bytes.Buffer
	word string
	do   func()
	once sync.Once
}

func (o *onWord) Write(p []byte) (int, error) {
	n, err := o.w.Write(p)
	if strings.Contains(o.w.String(), o.word) {
		o.once.Do(o.do)
	}
	return n, err
}
