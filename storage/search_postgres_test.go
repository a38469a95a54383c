package storage

import (
	"context"
	"sync"
	"testing"
	"time"

	"postbridge/mail/mailtest"
)

func openPostgres(t *testing.T, dsn string) *Store {
	t.Helper()
	s, err := Open(dsn)
	if err != nil {
		t.Fatalf("open postgres: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func indexed(t *testing.T, s *Store) int64 {
	t.Helper()
	var n int64
	if err := s.db.Raw(`SELECT count(*) FROM message_search`).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// On PostgreSQL a transaction that took the lower message ID may commit
// after one that took a higher ID and was indexed meanwhile: its message
// is indexed all the same (an index that remembered only the highest ID
// indexed would skip it for good).
func TestPostgresSearchIndexesALateCommit(t *testing.T) {
	s := openPostgres(t, mailtest.Postgres(t))
	pageFixture(t, s, 3)
	indexBehind(t, s)
	var first Message
	if err := s.db.Order("id").First(&first).Error; err != nil {
		t.Fatal(err)
	}
	late := s.db.Begin()
	defer late.Rollback()
	m := Message{AccountID: first.AccountID, Folder: "In", UIDValidity: 1, UID: 500, SHA256: "late",
		Subject: "Nachzügler", Direction: DirectionIn, Date: first.Date, TextBody: "Betonstahl kommt später."}
	if err := late.Create(&m).Error; err != nil {
		t.Fatal(err)
	}
	_, err := s.ImportBatch(first.AccountID, []NewMessage{{Message: Message{Folder: "In", UIDValidity: 1, UID: 501,
		SHA256: "early", Subject: "Vorreiter", Direction: DirectionIn, Date: first.Date, TextBody: "Betonstahl heute."}}}, first.ImportedAt)
	if err != nil {
		t.Fatal(err)
	}
	// The early one was indexed by its import.
	if n, err := s.IndexSearch(context.Background()); err != nil || n != 3 {
		t.Fatalf("IndexSearch before the late commit = %d, %v; want 3", n, err)
	}
	if err := late.Commit().Error; err != nil {
		t.Fatal(err)
	}
	if n := searchCount(t, s, "betonstahl"); n != 2 {
		t.Errorf("search after the late commit: %d found, want 2 (the late one and the early one)", n)
	}
	if n := pending(t, s); n != 0 {
		t.Errorf("pending = %d, want 0", n)
	}
}

// Two workstations indexing the same database at once share the work:
// each message is indexed by one of them, and both counts add up.
func TestPostgresIndexersShareTheWork(t *testing.T) {
	dsn := mailtest.Postgres(t)
	a, b := openPostgres(t, dsn), openPostgres(t, dsn)
	pageFixture(t, a, 3000)
	indexBehind(t, a) // as an older program on another workstation left them
	var wg sync.WaitGroup
	var got [2]int
	var errs [2]error
	for i, s := range []*Store{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], errs[i] = s.IndexSearch(context.Background())
		}()
	}
	wg.Wait()
	if errs[0] != nil || errs[1] != nil || got[0]+got[1] != 3000 {
		t.Errorf("indexed %d and %d (%v, %v), want 3000 together", got[0], got[1], errs[0], errs[1])
	}
	if n := indexed(t, a); n != 3000 {
		t.Errorf("%d messages in the index, want 3000", n)
	}
	if n := pending(t, b); n != 0 {
		t.Errorf("pending = %d, want 0", n)
	}
}

// An indexer that finds the rest of the queue held by another indexer
// waits for it before it returns, so that a search that catches the
// index up finds what the other is indexing.
func TestPostgresIndexSearchWaitsForAnotherIndexer(t *testing.T) {
	s := openPostgres(t, mailtest.Postgres(t))
	pageFixture(t, s, 30)
	indexBehind(t, s)
	other := s.db.Begin() // the other indexer, in the middle of a chunk
	defer other.Rollback()
	if err := other.Exec(`SELECT message_id FROM search_queue ORDER BY message_id LIMIT 10 FOR UPDATE`).Error; err != nil {
		t.Fatal(err)
	}
	done := make(chan int)
	go func() {
		n, err := s.IndexSearch(context.Background())
		if err != nil {
			t.Error(err)
		}
		done <- n
	}()
	select {
	case n := <-done:
		t.Fatalf("IndexSearch returned %d while another indexer held 10 messages", n)
	case <-time.After(500 * time.Millisecond):
	}
	if err := other.Exec(`WITH taken AS (DELETE FROM search_queue WHERE message_id IN
		(SELECT message_id FROM search_queue ORDER BY message_id LIMIT 10) RETURNING message_id)
		INSERT INTO message_search SELECT m.id, ` + pgSearchDoc + ` FROM ` + pgSearchFrom + ` JOIN taken t ON t.message_id = m.id`).Error; err != nil {
		t.Fatal(err)
	}
	if err := other.Commit().Error; err != nil {
		t.Fatal(err)
	}
	if n := <-done; n != 20 {
		t.Errorf("IndexSearch indexed %d, want the 20 the other did not hold", n)
	}
	if n := searchCount(t, s, "schütt"); n != 10 {
		t.Errorf("search found %d, want 10", n)
	}
}

// A database whose search index was the GIN index on the messages'
// tsvector expression gets the separate index, filled from every message
// by the first IndexSearch.
func TestPostgresSearchIndexUpgradesAnOlderDatabase(t *testing.T) {
	dsn := mailtest.Postgres(t)
	s, err := Open(dsn)
	if err != nil {
		t.Fatal(err)
	}
	pageFixture(t, s, 30)
	for _, stmt := range []string{`DROP TRIGGER queue_for_search ON messages`, `DROP TRIGGER forget_search ON messages`,
		`DROP TABLE search_queue`, `DROP TABLE message_search`,
		`CREATE INDEX idx_message_search ON messages USING GIN (` + pgWholeDoc + `)`} {
		if err := s.db.Exec(stmt).Error; err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	s = openPostgres(t, dsn)
	var old int64
	s.db.Raw(`SELECT count(*) FROM pg_indexes WHERE indexname = 'idx_message_search'`).Scan(&old)
	if old != 0 {
		t.Errorf("the old expression index is still there")
	}
	if n := pending(t, s); n != 30 {
		t.Errorf("upgraded database has %d pending, want 30", n)
	}
	if n := searchCount(t, s, "schütt"); n != 10 {
		t.Errorf("search after upgrade: %d, want 10", n)
	}
	if n := indexed(t, s); n != 30 {
		t.Errorf("%d messages in the index after the search, want 30", n)
	}
}
