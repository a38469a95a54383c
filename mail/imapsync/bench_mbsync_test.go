package imapsync

import (
	"testing"
	"time"

	"postbridge/mail/mailtest"
)

// BenchmarkMbsync is the yardstick of the first import (BENCHMARKS.md):
// isync's mbsync pulling the same 10,000-message folder into a local
// Maildir, with its defaults (an fsync per message), over the same plain
// IMAP port.
func BenchmarkMbsync(b *testing.B) {
	s := mailtest.Servers(b)
	u := s.NewUser(b)
	fillMixed(b, s, u, "Postbridge/In", benchMessages)
	b.ResetTimer()
	var elapsed time.Duration
	for i := 0; i < b.N; i++ {
		n, took := s.Mbsync(b, u, "Postbridge/In")
		if n != benchMessages {
			b.Fatalf("mbsync pulled %d messages, want %d", n, benchMessages)
		}
		elapsed += took
	}
	b.ReportMetric(float64(benchMessages*b.N)/elapsed.Seconds(), "msgs/s")
}
