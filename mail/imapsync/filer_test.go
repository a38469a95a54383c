//go:build fault

package imapsync

import (
	"context"
	"strings"
	"testing"
)

// The filer gathers the batches committed within moveEvery of its last
// move into one UID MOVE (filer.gather): a first import of 2,000
// messages in 40 batches, which this machine commits in well under a
// second, is filed by a handful of moves instead of one per batch — and
// every message once.
func TestFilerGathersBatchesIntoFewMoves(t *testing.T) {
	const messages, perBatch = 2000, 50
	f := newFixture(t)
	fill(t, f.s, f.user, messages)
	job, proxy := proxiedJob(t, f, perBatch)
	counts, err := Run(context.Background(), job, nil)
	if err != nil || counts.Imported != messages || counts.Moved != messages {
		t.Fatalf("import: %+v, %v; want %d imported and moved", counts, err, messages)
	}
	if n := f.s.Count(t, f.user, "Postbridge/In/Completed"); n != messages {
		t.Errorf("%d messages in Completed, want %d", n, messages)
	}
	sent, _ := proxy.commands()
	moves := strings.Count(strings.ToUpper(sent), " UID MOVE ")
	// One move per moveEvery of the import, one at the end; a move per
	// batch (40) is what the filer did before it gathered.
	if batches := messages / perBatch; moves < 1 || moves > batches/4 {
		t.Errorf("%d UID MOVE commands for %d batches, want at most %d", moves, batches, batches/4)
	}
	t.Logf("%d messages in %d batches filed by %d UID MOVE commands", messages, messages/perBatch, moves)
}
