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

var sqliteSearchDDL = []string{
	`CREATE VIRTUAL TABLE message_fts USING fts5(subject, "from", "to", cc, text_body, ` +
		`content='messages', content_rowid='id')`,
	`CREATE TRIGGER message_fts_insert AFTER INSERT ON messages BEGIN
		INSERT INTO message_fts(rowid, subject, "from", "to", cc, text_body)
		VALUES (new.id, new.subject, new."from", new."to", new.cc, new.text_body); END`,
	`CREATE TRIGGER message_fts_delete AFTER DELETE ON messages BEGIN
		INSERT INTO message_fts(message_fts, rowid, subject, "from", "to", cc, text_body)
		VALUES ('delete', old.id, old.subject, old."from", old."to", old.cc, old.text_body); END`,
	`CREATE TRIGGER message_fts_update AFTER UPDATE OF subject, "from", "to", cc, text_body ON messages BEGIN
		INSERT INTO message_fts(message_fts, rowid, subject, "from", "to", cc, text_body)
		VALUES ('delete', old.id, old.subject, old."from", old."to", old.cc, old.text_body);
		INSERT INTO message_fts(rowid, subject, "from", "to", cc, text_body)
		VALUES (new.id, new.subject, new."from", new."to", new.cc, new.text_body); END`,
	`INSERT INTO message_fts(message_fts) VALUES ('rebuild')`,
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
	var n int64
	if err := s.db.Raw(`SELECT count(*) FROM sqlite_master WHERE name = 'message_fts'`).Scan(&n).Error; err != nil || n > 0 {
		return err
	}
	return s.db.Transaction(func(tx *gorm.DB) error {
		for _, ddl := range sqliteSearchDDL {
			if err := tx.Exec(ddl).Error; err != nil {
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
