package storage

import (
	"context"
	"path/filepath"
	"testing"
)

func searchCount(t *testing.T, s *Store, words string) int64 {
	t.Helper()
	n, err := s.CountMessages(MessageQuery{Search: words})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func pending(t *testing.T, s *Store) int64 {
	t.Helper()
	n, err := s.SearchPending()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// An import leaves the index behind; a search catches it up, so nothing
// imported a moment ago is missed.
func TestSearchCatchesUpTheIndex(t *testing.T) {
	s := openTemp(t)
	pageFixture(t, s, 1200)
	if n := pending(t, s); n != 1200 {
		t.Fatalf("pending after import = %d, want 1200", n)
	}
	if n := searchCount(t, s, "schütt"); n != 400 {
		t.Errorf("search before indexing: %d, want 400", n)
	}
	if n := pending(t, s); n != 0 {
		t.Errorf("pending after a search = %d, want 0", n)
	}
	if n, err := s.IndexSearch(context.Background()); err != nil || n != 0 {
		t.Errorf("IndexSearch with nothing left = %d, %v", n, err)
	}
}

// Rows the index holds follow their changes and deletion; rows above the
// mark are left to the indexer, which takes their state when it runs.
func TestSearchIndexFollowsChangesAndDeletes(t *testing.T) {
	s := openTemp(t)
	pageFixture(t, s, 10)
	if n, err := s.IndexSearch(context.Background()); err != nil || n != 10 {
		t.Fatalf("IndexSearch = %d, %v", n, err)
	}
	var first, last Message
	s.db.Order("id").First(&first)
	s.db.Order("id desc").First(&last)
	// Rows 0, 3, 6 and 9 carry "Schüttgut"; row 0 loses it.
	if err := s.db.Model(&first).Updates(map[string]any{"subject": "Betonlevering", "text_body": "Staal."}).Error; err != nil {
		t.Fatal(err)
	}
	if n := searchCount(t, s, "betonlevering"); n != 1 {
		t.Errorf("changed subject found %d times", n)
	}
	if n := searchCount(t, s, "schütt"); n != 3 {
		t.Errorf("old body still found: %d rows, want 3", n)
	}
	if err := s.db.Delete(&Message{}, last.ID).Error; err != nil {
		t.Fatal(err)
	}
	if n := searchCount(t, s, "schütt"); n != 2 {
		t.Errorf("deleted row still found: %d rows, want 2", n)
	}
	// IDs are AUTOINCREMENT, so an import never lands under the mark; a
	// row written there all the same (by hand, a restore) is indexed by
	// the trigger at once.
	reused := Message{ID: last.ID, AccountID: first.AccountID, Folder: "In", UIDValidity: 1, UID: 99,
		SHA256: "new", Subject: "Staalofferte", Direction: DirectionIn}
	if err := s.db.Create(&reused).Error; err != nil {
		t.Fatal(err)
	}
	if n := pending(t, s); n != 0 {
		t.Errorf("reused ID left pending: %d", n)
	}
	if n := searchCount(t, s, "staalofferte"); n != 1 {
		t.Errorf("row with a reused ID found %d times", n)
	}
}

// A database whose index was kept in step by triggers alone (before the
// mark existed) keeps its index: the mark starts at its highest row.
func TestSearchIndexUpgradesAnOlderDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	pageFixture(t, s, 30)
	if _, err := s.IndexSearch(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{`DROP TABLE search_state`, `DROP TRIGGER message_fts_insert`,
		`CREATE TRIGGER message_fts_insert AFTER INSERT ON messages BEGIN
		INSERT INTO message_fts(rowid, subject, "from", "to", cc, text_body)
		VALUES (new.id, new.subject, new."from", new."to", new.cc, new.text_body); END`} {
		if err := s.db.Exec(stmt).Error; err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n := pending(t, s); n != 0 {
		t.Errorf("upgraded database has %d pending, want 0", n)
	}
	if n := searchCount(t, s, "schütt"); n != 10 {
		t.Errorf("search after upgrade: %d, want 10", n)
	}
}
