package imapsync

import (
	"bytes"
	"os"
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

type literal struct {
	*bytes.Reader
	size int64
}

func (l literal) Size() int64 { return l.size }

// A body above the bound goes to a spool file, mapped and not on the
// heap, and is gone after release; one within the bound is read whole.
func TestReadBodySpoolsWhatExceedsTheBound(t *testing.T) {
	dir := t.TempDir()
	body := bytes.Repeat([]byte("scanned drawing "), 4096)
	got, sp, err := readBody(literal{bytes.NewReader(body), int64(len(body))}, 1024, dir)
	if err != nil || sp == nil || !bytes.Equal(got, body) {
		t.Fatalf("large body: spool %v, %d bytes equal %v, %v", sp, len(got), bytes.Equal(got, body), err)
	}
	if files, _ := os.ReadDir(dir); len(files) != 1 {
		t.Errorf("%d spool files, want 1", len(files))
	}
	if err := sp.release(); err != nil {
		t.Fatal(err)
	}
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Errorf("%d spool files left after release", len(files))
	}
	got, sp, err = readBody(literal{bytes.NewReader(body[:100]), 100}, 1024, dir)
	if err != nil || sp != nil || !bytes.Equal(got, body[:100]) {
		t.Errorf("small body: spool %v, %q, %v", sp, got, err)
	}
	// A literal that ends early is a network error, not a short message.
	if _, _, err := readBody(literal{bytes.NewReader(body[:10]), 2000}, 1024, dir); err == nil {
		t.Error("a short literal was accepted")
	}
}
