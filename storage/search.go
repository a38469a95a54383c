package storage

import (
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// Full-text search of the Messages screen: subject, addresses and text
// body. SQLite keeps a contentless FTS5 index, message_search, filled
// behind the imports (below); PostgreSQL a table of tsvectors of the
// same columns with a GIN index, message_search too, filled behind the
// imports as well (search_postgres.go). Both are made by migrate, for an
// existing database too: the first IndexSearch after it indexes the rows
// already there.

// The index is kept behind the messages rather than in step with them:
// indexing a mail's text took a quarter of a first import (BENCHMARKS.md),
// and mail must be safe and filed on the server first. An import stores
// the rows; IndexSearch (search_index.go) indexes them
// afterwards, in chunks, and every search catches the index up before it
// runs, so a search never misses a message; once the index has caught
// up, an import's own transaction keeps it so on SQLite
// (search_instep.go). On SQLite, search_state holds the highest message
// ID indexed: every row up to it is in message_search, none above it
// (one writer at a time commits IDs in order; PostgreSQL keeps a queue
// instead, search_postgres.go).
//
// The index is contentless (its content option empty): it keeps the words, not the
// text, which an SQLite database keeps in its packs (rawpack.go). A
// contentless FTS5 table cannot forget a row, so a deleted message
// leaves its words behind; the search joins the messages table, and
// message IDs are AUTOINCREMENT — never given twice — so those words
// never find another message. Messages are not edited after their
// import (links and state live in other columns). detail=none: the
// screen asks for words and word starts only, never phrases or columns,
// and the index is smaller and cheaper to write without positions.
const sqliteSearchTable = `CREATE VIRTUAL TABLE message_search USING fts5(subject, "from", "to", cc, text_body, ` +
	`content='', detail=none)`

// sqliteSearchSetUp makes the index and its mark, replacing the index of
// an older database (message_fts, an external-content table kept by
// triggers, which needs the text in the rows): the indexer then indexes
// every message again, in the background.
var sqliteSearchSetUp = []string{
	`DROP TRIGGER IF EXISTS message_fts_insert`,
	`DROP TRIGGER IF EXISTS message_fts_delete`,
	`DROP TRIGGER IF EXISTS message_fts_update`,
	`DROP TABLE IF EXISTS message_fts`,
	`DROP TABLE IF EXISTS search_state`,
	sqliteSearchTable,
	`CREATE TABLE search_state (id INTEGER PRIMARY KEY CHECK (id = 1), indexed_up_to INTEGER NOT NULL)`,
	`INSERT INTO search_state VALUES (1, 0)`,
}

// indexMark is the highest message ID in the index.
const indexMark = `(SELECT indexed_up_to FROM search_state WHERE id = 1)`

// setUpBrowsing makes the indexes the Messages screen pages and searches
// with; each statement is skipped when its index exists.
func (s *Store) setUpBrowsing() error {
	// Newest first is the screen's order: an index walks it without
	// sorting 100,000 rows.
	if err := s.db.Exec(`CREATE INDEX IF NOT EXISTS idx_message_date ON messages (date, id)`).Error; err != nil {
		return fmt.Errorf("index messages by date: %w", err)
	}
	if s.kind == "postgres" {
		return s.setUpPostgresSearch() // search_postgres.go
	}
	var n int64
	err := s.db.Raw(`SELECT count(*) FROM sqlite_master WHERE name IN ('message_search', 'search_state')`).Scan(&n).Error
	if err != nil || n == 2 {
		return err
	}
	return s.db.Transaction(func(tx *gorm.DB) error {
		for _, stmt := range sqliteSearchSetUp {
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
		return db.Where("id IN (SELECT message_id FROM message_search WHERE doc @@ to_tsquery('simple', ?))",
			strings.Join(terms, " & "))
	}
	for i, w := range words {
		terms[i] = `"` + w + `"*`
	}
	return db.Where("id IN (SELECT rowid FROM message_search WHERE message_search MATCH ?)", strings.Join(terms, " "))
}
