package mailtest

import (
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// The yardsticks a first import is measured against (BENCHMARKS.md),
// on the stack's plain IMAP port like the import itself: TLS
// is not what is measured.

// RawFetch is the floor: one UID FETCH 1:* (UID BODY.PEEK[]) of folder,
// every body read and thrown away, with go-imap alone — no parsing, no
// disk. It returns the messages read and the time from login to the end
// of the FETCH.
func (s *Stack) RawFetch(t testing.TB, u User, folder string) (int, time.Duration) {
	t.Helper()
	start := time.Now()
	c, err := imapclient.DialInsecure(s.IMAP, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Login(u.Name, u.Password).Wait(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		t.Fatal(err)
	}
	cmd := c.Fetch(imap.UIDSet{imap.UIDRange{Start: 1, Stop: 0}}, &imap.FetchOptions{
		UID: true, BodySection: []*imap.FetchItemBodySection{{Peek: true}}})
	n := 0
	for m := cmd.Next(); m != nil; m = cmd.Next() {
		for it := m.Next(); it != nil; it = m.Next() {
			if body, ok := it.(imapclient.FetchItemDataBodySection); ok {
				io.Copy(io.Discard, body.Literal)
			}
		}
		n++
	}
	if err := cmd.Close(); err != nil {
		t.Fatal(err)
	}
	return n, time.Since(start)
}

// Mbsync runs isync's mbsync with its defaults (an fsync per message),
// pulling folder into a new local Maildir, and returns the messages it
// stored there and the time it took.
func (s *Stack) Mbsync(t testing.TB, u User, folder string) (int, time.Duration) {
	t.Helper()
	mbsync, err := exec.LookPath("mbsync")
	if err != nil {
		t.Fatalf("mbsync is not installed (scripts/install-deps.sh installs isync): %v", err)
	}
	host, port, _ := net.SplitHostPort(s.IMAP)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "mbsyncrc")
	// The password sits in a 0600 file under the test's temp dir only.
	conf := fmt.Sprintf("IMAPAccount bench\nHost %s\nPort %s\nUser %s\nPass %s\nSSLType None\nAuthMechs LOGIN\n\n"+
		"IMAPStore far\nAccount bench\n\nMaildirStore near\nPath %s/\nInbox %s/inbox\nSubFolders Verbatim\n\n"+
		"Channel bench\nFar :far:%s\nNear :near:In\nSync Pull\nCreate Near\n"+
		// State beside the mail, not in ~/.mbsync, where a state left by
		// an earlier run makes mbsync refuse to create the box again.
		"SyncState *\n",
		host, port, u.Name, u.Password, dir, dir, folder)
	if err := os.WriteFile(cfg, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(mbsync, "-q", "-c", cfg, "bench")
	start := time.Now()
	out, err := cmd.CombinedOutput()
	elapsed := time.Since(start)
	if err != nil {
		t.Fatalf("mbsync: %v\n%s", err, out)
	}
	cur, _ := filepath.Glob(filepath.Join(dir, "In", "cur", "*"))
	news, _ := filepath.Glob(filepath.Join(dir, "In", "new", "*"))
	return len(cur) + len(news), elapsed
}
