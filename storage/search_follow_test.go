package storage

import (
	"testing"
	"time"
)

// waitPending polls until no message waits for the search index or the
// deadline passes, and returns how many still wait. It indexes nothing
// itself (SearchPending only counts).
func waitPending(t *testing.T, s *Store, within time.Duration) int64 {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		n := pending(t, s)
		if n == 0 || time.Now().After(deadline) {
			return n
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// While FollowImports runs, what ImportBatch commits is indexed without
// anyone calling IndexSearch; after stop, the index stays behind again.
func TestFollowImportsIndexesEachCommit(t *testing.T) {
	s := openTemp(t)
	stop := s.FollowImports()
	if again := s.FollowImports(); again == nil {
		t.Fatal("a second FollowImports returned no stop function")
	} else {
		again() // a no-op: the first follower keeps following
	}
	pageFixture(t, s, 1200) // two batches
	if n := waitPending(t, s, 20*time.Second); n != 0 {
		t.Fatalf("while following: %d messages not indexed, want 0", n)
	}
	var words int64
	if err := s.db.Raw(`SELECT count(*) FROM message_search WHERE message_search MATCH 'schütt*'`).Scan(&words).Error; err != nil {
		t.Fatal(err)
	}
	if words != 400 {
		t.Errorf("index finds 'schütt*' in %d messages, want 400", words)
	}
	stop()
	var last Message
	s.db.Order("id desc").First(&last)
	_, err := s.ImportBatch(last.AccountID, []NewMessage{{Message: Message{Folder: "In", UIDValidity: 1, UID: 5000,
		SHA256: "after-stop", Subject: "Na het stoppen", Direction: DirectionIn}}}, last.ImportedAt)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	if n := pending(t, s); n != 1 {
		t.Errorf("after stop: %d messages waiting for the index, want 1", n)
	}
}
