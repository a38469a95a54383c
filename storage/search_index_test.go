package storage

import (
	"context"
	"path/filepath"
	"testing"
	"time"
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

// indexBehind leaves the messages out of the search index, as an
// upgraded database (sqliteSearchSetUp, pgSearchSetUp) or a row stored
// without the index (by an older program) finds them.
func indexBehind(t *testing.T, s *Store) {
	t.Helper()
	stmts := append([]string{`DROP TABLE message_search`}, sqliteSearchSetUp...)
	if s.kind == "postgres" {
		stmts = []string{`DELETE FROM message_search`, `INSERT INTO search_queue (message_id) SELECT id FROM messages ON CONFLICT DO NOTHING`}
	}
	for _, stmt := range stmts {
		if err := s.db.Exec(stmt).Error; err != nil {
			t.Fatal(err)
		}
	}
}

// An import into an index that has caught up indexes in step: nothing
// is left to do after it (search_instep.go).
func TestImportIndexesInStep(t *testing.T) {
	s := openTemp(t)
	pageFixture(t, s, 1200)
	if n := pending(t, s); n != 0 {
		t.Fatalf("pending after import = %d, want 0", n)
	}
	if n, err := s.IndexSearch(context.Background()); err != nil || n != 0 {
		t.Errorf("IndexSearch after the import = %d, %v; want nothing left", n, err)
	}
	if n := searchCount(t, s, "schütt"); n != 400 {
		t.Errorf("search: %d, want 400", n)
	}
}

// An index behind the messages (an upgrade, a row stored without it)
// stays behind the imports after it; a search catches it up, so nothing
// imported a moment ago is missed.
func TestSearchCatchesUpTheIndex(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		pageFixture(t, s, 1200)
		indexBehind(t, s) // the import keeps a caught-up index in step
		u, _ := s.UserByName("Alice")
		_, err := s.ImportBatch(u.ImapAccounts[0].ID, []NewMessage{{Message: Message{Folder: "In", UIDValidity: 1, UID: 5000,
			SHA256: "later", Subject: "Nachlieferung", Direction: DirectionIn, TextBody: "Schüttgut folgt."}}}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		// PostgreSQL's import indexes its own messages whatever the queue
		// holds; SQLite's only once every message before them is indexed.
		want := map[string]int64{"sqlite": 1201, "postgres": 1200}[s.kind]
		if n := pending(t, s); n != want {
			t.Fatalf("pending after import = %d, want %d", n, want)
		}
		if n := searchCount(t, s, "schütt"); n != 401 {
			t.Errorf("search before indexing: %d, want 401", n)
		}
		if n := pending(t, s); n != 0 {
			t.Errorf("pending after a search = %d, want 0", n)
		}
		if n, err := s.IndexSearch(context.Background()); err != nil || n != 0 {
			t.Errorf("IndexSearch with nothing left = %d, %v", n, err)
		}
	})
}

// A deleted message leaves its words in SQLite's contentless index, but
// they find nothing: the search joins the messages, and an ID is never
// given twice (AUTOINCREMENT, a sequence on PostgreSQL, whose index
// forgets the message), so no later message inherits them.
func TestSearchIndexForgetsDeletedMessages(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		pageFixture(t, s, 10) // rows 0, 3, 6 and 9 carry "Schüttgut"
		indexBehind(t, s)
		if n, err := s.IndexSearch(context.Background()); err != nil || n != 10 {
			t.Fatalf("IndexSearch = %d, %v", n, err)
		}
		var last Message
		s.db.Order("id desc").First(&last)
		if err := s.db.Delete(&Message{}, last.ID).Error; err != nil {
			t.Fatal(err)
		}
		if n := searchCount(t, s, "schütt"); n != 3 {
			t.Errorf("after deleting one of four: %d found, want 3", n)
		}
		if s.kind == "postgres" {
			if n := indexed(t, s); n != 9 {
				t.Errorf("%d messages in PostgreSQL's index after deleting one of 10, want 9", n)
			}
		}
		_, err := s.ImportBatch(last.AccountID, []NewMessage{{Message: Message{Folder: "In", UIDValidity: 1, UID: 99,
			SHA256: "new", Subject: "Staalofferte", Direction: DirectionIn, TextBody: "Geen stortgoed."}}}, last.ImportedAt)
		if err != nil {
			t.Fatal(err)
		}
		var added Message
		s.db.Where("uid = 99").First(&added)
		if added.ID <= last.ID {
			t.Fatalf("new message got ID %d, not above the deleted %d", added.ID, last.ID)
		}
		if n := searchCount(t, s, "staalofferte"); n != 1 {
			t.Errorf("new message found %d times", n)
		}
		if n := searchCount(t, s, "schütt"); n != 3 {
			t.Errorf("after a new import: %d found, want 3", n)
		}
	})
}

// A database whose index was an external-content table kept by triggers
// (before the text moved to the packs) gets the new index, filled again
// from every message.
func TestSearchIndexUpgradesAnOlderDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	pageFixture(t, s, 30)
	for _, stmt := range []string{`DROP TABLE search_state`, `DROP TABLE message_search`,
		`CREATE VIRTUAL TABLE message_fts USING fts5(subject, "from", "to", cc, text_body, content='messages', content_rowid='id')`,
		`CREATE TRIGGER message_fts_insert AFTER INSERT ON messages BEGIN
		INSERT INTO message_fts(rowid, subject, "from", "to", cc, text_body)
		VALUES (new.id, new.subject, new."from", new."to", new.cc, new.text_body); END`,
		`INSERT INTO message_fts(message_fts) VALUES ('rebuild')`} {
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
	var old int64
	s.db.Raw(`SELECT count(*) FROM sqlite_master WHERE name LIKE 'message_fts%'`).Scan(&old)
	if old != 0 {
		t.Errorf("%d objects of the old index left", old)
	}
	if n := pending(t, s); n != 30 {
		t.Errorf("upgraded database has %d pending, want 30", n)
	}
	if n := searchCount(t, s, "schütt"); n != 10 {
		t.Errorf("search after upgrade: %d, want 10", n)
	}
}
