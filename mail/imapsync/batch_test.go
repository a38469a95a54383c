package imapsync

import (
	"reflect"
	"testing"

	"github.com/emersion/go-imap/v2"
)

// Batches follow bytes: a message above the bound stands alone, a run of
// small ones is cut by count, and the order of the folder is kept.
func TestPlanBatchesByBytes(t *testing.T) {
	uids := []imap.UID{1, 2, 3, 4, 5, 6, 7}
	sizes := map[imap.UID]int64{1: 10, 2: 10, 3: 100, 4: 10, 5: 10, 6: 10, 7: 10}
	got := planBatches(uids, sizes, 3, 30)
	want := [][]imap.UID{{1, 2}, {3}, {4, 5, 6}, {7}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("batches %v, want %v", got, want)
	}
	if got := planBatches(nil, sizes, 3, 30); got != nil {
		t.Errorf("no UIDs: %v", got)
	}
}
