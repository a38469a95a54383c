package storage

import (
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// Full-text search of the Messages screen (issue 14): subject, addresses
// and text body. SQLite keeps an FTS5 index in message_fts, an external-
// content table over messages that triggers keep in step; PostgreSQL a
// GIN index on a tsvector of the same columns. Both are made by migrate,
// for an existing database too: FTS5's 'rebuild' fills the index from
// the rows already there.

// pgSearchDoc is the indexed expression; queries must repeat it exactly
// for PostgreSQL to use the index. Addresses are split at '@' and '.',
// as FTS5 does, so that "klant" finds jan@klant.test. The body is cut at
// 200,000 characters: a tsvector may not exceed 1 MB, and an import must
// never fail on it.
const pgSearchDoc = `to_tsvector('simple', coalesce(subject, '') || ' ' || ` +
	`translate(coalesce("from", '') || ' ' || coalesce("to", '') || ' ' || coalesce(cc, ''), '@.<>', '    ') || ' ' || ` +
	`left(coalesce(text_body, ''), 200000))`

// The index is kept behind the messages rather than in step with them:
// indexing a mail's text took a quarter of a first import (BENCHMARKS.md,
// issue 14), and mail must be safe and filed on the server first. An
// import stores the rows; IndexSearch (search_index.go) indexes them
// afterwards, in chunks, and every search catches the index up before it
// runs, so a search never misses a message. search_state holds the
// highest message ID indexed: every row up to it is in message_fts, none
// above it. The triggers keep the indexed rows in step; a row above the
// mark is the indexer's. detail=none: the screen asks for words and
// word starts only, never phrases or columns, and the index is smaller
// and cheaper to write without positions.
const sqliteSearchTable = `CREATE VIRTUAL TABLE message_fts USING fts5(subject, "from", "to", cc, text_body, ` +
	`content='messages', content_rowid='id', detail=none)`

// indexedRow is the condition under which a row is in message_fts.
const indexedRow = `(SELECT indexed_up_to FROM search_state WHERE id = 1)`

var sqliteSearchTriggers = []string{
	`DROP TRIGGER IF EXISTS message_fts_insert`,
	`DROP TRIGGER IF EXISTS message_fts_delete`,
	`DROP TRIGGER IF EXISTS message_fts_update`,
	// A new row gets an ID above the mark, except when it reuses the ID
	// of the highest row, deleted after it was indexed: index that one now.
	`CREATE TRIGGER message_fts_insert AFTER INSERT ON messages WHEN new.id <= ` + indexedRow + ` BEGIN
		INSERT INTO message_fts(rowid, subject, "from", "to", cc, text_body)
		VALUES (new.id, new.subject, new."from", new."to", new.cc, new.text_body); END`,
	`CREATE TRIGGER message_fts_delete AFTER DELETE ON messages WHEN old.id <= ` + indexedRow + ` BEGIN
		INSERT INTO message_fts(message_fts, rowid, subject, "from", "to", cc, text_body)
		VALUES ('delete', old.id, old.subject, old."from", old."to", old.cc, old.text_body); END`,
	`CREATE TRIGGER message_fts_update AFTER UPDATE OF subject, "from", "to", cc, text_body ON messages
		WHEN old.id <= ` + indexedRow + ` BEGIN
		INSERT INTO message_fts(message_fts, rowid, subject, "from", "to", cc, text_body)
		VALUES ('delete', old.id, old.subject, old."from", old."to", old.cc, old.text_body);
		INSERT INTO message_fts(rowid, subject, "from", "to", cc, text_body)
		VALUES (new.id, new.subject, new."from", new."to", new.cc, new.text_body); END`,
}

// setUpBrowsing makes the indexes the Messages screen pages and searches
// with; each statement is skipped when its index exists.
func (s *Store) setUpBrowsing() error {
	// Newest first is the screen's order: an index walks it without
	// sorting 100,000 rows.
	if err := s.db.Exec(`CREATE INDEX IF NOT EXISTS idx_message_date ON messages (date, id)`).Error; err != nil {
		return fmt.Errorf("index messages by date: %w", err)
	}
	if s.kind == "postgres" {
		err := s.db.Exec(`CREATE INDEX IF NOT EXISTS idx_message_search ON messages USING GIN (` + pgSearchDoc + `)`).Error
		if err != nil {
			return fmt.Errorf("create the search index: %w", err)
		}
		return nil
	}
	var names []string
	err := s.db.Raw(`SELECT name FROM sqlite_master WHERE name IN ('message_fts', 'search_state')`).Scan(&names).Error
	if err != nil || len(names) == 2 {
		return err
	}
	return s.db.Transaction(func(tx *gorm.DB) error {
		ddl := []string{`CREATE TABLE search_state (id INTEGER PRIMARY KEY CHECK (id = 1), indexed_up_to INTEGER NOT NULL)`}
		if len(names) == 0 {
			// A new index: the indexer fills it from the first row.
			ddl = append(ddl, sqliteSearchTable, `INSERT INTO search_state VALUES (1, 0)`)
		} else {
			// An index of before search_state, kept in step by triggers:
			// every row is in it.
			ddl = append(ddl, `INSERT INTO search_state SELECT 1, coalesce(max(id), 0) FROM messages`)
		}
		for _, stmt := range append(ddl, sqliteSearchTriggers...) {
			if err := tx.Exec(stmt).Error; err != nil {
				return fmt.Errorf("create the search index: %w", err)
			}
		}
		return nil
	})
}

// searchWhere narrows db to the messages containing every word, each as
// a word or the start of one.
func (s *Store) searchWhere(db *gorm.DB, words []string) *gorm.DB {
	terms := make([]string, len(words))
	if s.kind == "postgres" {
		for i, w := range words {
			terms[i] = "'" + w + "':*"
		}
		return db.Where(pgSearchDoc+" @@ to_tsquery('simple', ?)", strings.Join(terms, " & "))
	}
	for i, w := range words {
		terms[i] = `"` + w + `"*`
	}
	return db.Where("id IN (SELECT rowid FROM message_fts WHERE message_fts MATCH ?)", strings.Join(terms, " "))
}
