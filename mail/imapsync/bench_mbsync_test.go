package imapsync

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"postbridge/mail/mailtest"
)

// BenchmarkMbsync is the yardstick of the sync issue: isync's mbsync
// pulling the same 10,000-message folder into a local Maildir, with its
// defaults (an fsync per message), over the same plain IMAP port.
func BenchmarkMbsync(b *testing.B) {
	mbsync, err := exec.LookPath("mbsync")
	if err != nil {
		b.Fatalf("mbsync is not installed (scripts/install-deps.sh installs isync): %v", err)
	}
	s := mailtest.Servers(b)
	u := s.NewUser(b)
	fillMixed(b, s, u, "Postbridge/In", benchMessages)
	host, port, _ := net.SplitHostPort(s.IMAP)
	var elapsed time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := b.TempDir()
		cfg := filepath.Join(dir, "mbsyncrc")
		// The password sits in a 0600 file under the test's temp dir only.
		conf := fmt.Sprintf("IMAPAccount bench\nHost %s\nPort %s\nUser %s\nPass %s\nSSLType None\nAuthMechs LOGIN\n\n"+
			"IMAPStore far\nAccount bench\n\nMaildirStore near\nPath %s/\nInbox %s/inbox\nSubFolders Verbatim\n\n"+
			"Channel bench\nFar :far:Postbridge/In\nNear :near:In\nSync Pull\nCreate Near\n"+
			// State beside the mail, not in ~/.mbsync, where a state left by
			// an earlier run makes mbsync refuse to create the box again.
			"SyncState *\n",
			host, port, u.Name, u.Password, dir, dir)
		if err := os.WriteFile(cfg, []byte(conf), 0o600); err != nil {
			b.Fatal(err)
		}
		cmd := exec.Command(mbsync, "-q", "-c", cfg, "bench")
		b.StartTimer()
		start := time.Now()
		out, err := cmd.CombinedOutput()
		elapsed += time.Since(start)
		b.StopTimer()
		if err != nil {
			b.Fatalf("mbsync: %v\n%s", err, out)
		}
		got, _ := filepath.Glob(filepath.Join(dir, "In", "cur", "*"))
		news, _ := filepath.Glob(filepath.Join(dir, "In", "new", "*"))
		if len(got)+len(news) != benchMessages {
			b.Fatalf("mbsync pulled %d messages, want %d", len(got)+len(news), benchMessages)
		}
	}
	b.ReportMetric(float64(benchMessages*b.N)/elapsed.Seconds(), "msgs/s")
}
