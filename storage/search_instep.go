package storage

import (
	"database/sql"
	"strings"

	"gorm.io/gorm"
)

// SearchWords is what this database's search index takes of a text
// body: SQLite's words (distinctWords) or PostgreSQL's tokens
// (pgBodyTokens). An importer makes it beside the parse, where several
// messages are converted at once, and hands it over in
// Message.SearchWords; the commit then only inserts it.
func (s *Store) SearchWords(text string) string {
	if s.kind == "sqlite" {
		return distinctWords(text)
	}
	return pgBodyTokens(text)
}

// The index follows the messages behind the imports (search.go), but
// when it has caught up with every message before a batch, the batch's
// own transaction indexes the batch too and moves the mark: a first
// import then leaves nothing for IndexSearch to do after it, and the
// words, made beside the parse, cost the commit only their inserts. The
// transaction holds SQLite's write lock, so no other indexer moves the
// mark meanwhile (insertSearchChunk checks it and starts again).

// insertIndexed inserts a batch's rows and indexes them in the same
// transaction: always on PostgreSQL (search_postgres_instep.go), where
// the rows go in by COPY over conn (import_copy.go), on SQLite when the
// index has caught up.
func (s *Store) insertIndexed(tx *gorm.DB, conn *sql.Conn, rows []Message) error {
	if s.kind == "postgres" {
		if err := copyMessages(tx, conn, rows); err != nil {
			return err
		}
		return s.indexInStepPostgres(tx, rows)
	}
	inStep, err := indexCaughtUp(tx)
	if err != nil {
		return err
	}
	if err := insertRowsSQLite(tx, rows); err != nil {
		return err
	}
	if !inStep {
		return nil
	}
	return s.indexInStep(tx, rows)
}

// indexCaughtUp reports whether every message in the database is in the
// search index. It is read inside the import's transaction.
func indexCaughtUp(tx *gorm.DB) (bool, error) {
	var behind bool
	err := tx.Raw(`SELECT EXISTS (SELECT 1 FROM messages WHERE id > ` + indexMark + `)`).Scan(&behind).Error
	return !behind, err
}

// indexInStep adds rows, just inserted, to the search index and moves the
// mark past them.
func (s *Store) indexInStep(tx *gorm.DB, rows []Message) error {
	if err := s.insertSearchRows(tx, rows); err != nil {
		return err
	}
	return tx.Exec(`UPDATE search_state SET indexed_up_to = ? WHERE id = 1`, rows[len(rows)-1].ID).Error
}

// insertSearchRows adds rows to the index, sqliteRowsPerInsert to a
// statement.
func (s *Store) insertSearchRows(tx *gorm.DB, rows []Message) error {
	for start := 0; start < len(rows); start += sqliteRowsPerInsert {
		chunk := rows[start:min(start+sqliteRowsPerInsert, len(rows))]
		q := `INSERT INTO message_search(rowid, subject, "from", "to", cc, text_body) VALUES ` +
			strings.TrimSuffix(strings.Repeat(`(?, ?, ?, ?, ?, ?), `, len(chunk)), ", ")
		args := make([]any, 0, 6*len(chunk))
		for i := range chunk {
			m := &chunk[i]
			args = append(args, m.ID, m.Subject, m.From, m.To, m.Cc, s.searchWordsOf(m))
		}
		if err := tx.Exec(q, args...).Error; err != nil {
			return err
		}
	}
	return nil
}

// searchWordsOf is the words of m's text body for the index: made by the
// importer, or made now from the text (SearchWords).
func (s *Store) searchWordsOf(m *Message) string {
	if m.SearchWords != "" {
		return m.SearchWords
	}
	return s.SearchWords(m.TextBody)
}
