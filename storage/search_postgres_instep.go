package storage

import (
	"strings"

	"gorm.io/gorm"
)

// PostgreSQL's index in step with the import. The queue and its indexer
// (search_postgres.go) took the tsvectors out of the INSERTs, but left
// the work to the server: PostgreSQL read every body back, split it and
// took each token once in SQL (pgDistinctTokens) before to_tsvector, and
// that was about half of the server's CPU in a first import. Now the
// importer makes the tokens where it parses the messages, several at
// once (Store.SearchWords, pgBodyTokens), and the import's transaction
// hands PostgreSQL only to_tsvector over them. The queue stays for what
// is not indexed this way: a database upgraded from an older schema,
// and messages stored by an older program on another workstation.

// pgSearchBodyChars is where pgSearchFrom cuts a body: a tsvector may
// not exceed 1 MB, and an import must never fail on it.
const pgSearchBodyChars = 200000

// pgBlank is a byte at which PostgreSQL's parser always ends a token
// outside an XML tag; pgDistinctTokens turns the other three into
// spaces and splits at spaces.
func pgBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// pgBodyTokens is pgDistinctTokens made in Go: the body cut at
// pgSearchBodyChars characters, each blank-separated token once; a body
// with a '<' whole, since the parser reads a tag across blanks.
func pgBodyTokens(text string) string {
	text = leftChars(text, pgSearchBodyChars)
	if strings.IndexByte(text, '<') >= 0 {
		return text
	}
	return distinctTokens(text, &pgWords)
}

// leftChars is SQL's left(s, n): the first n characters of s.
func leftChars(s string, n int) string {
	if len(s) <= n {
		return s
	}
	count := 0
	for i := range s {
		if count == n {
			return s[:i]
		}
		count++
	}
	return s
}

// pgAddressBlanks splits addresses at '@' and '.' as pgSearchDoc's
// translate does, so that "klant" finds jan@klant.test.
var pgAddressBlanks = strings.NewReplacer("@", " ", ".", " ", "<", " ", ">", " ")

// pgSearchText is the text pgSearchDoc gives to_tsvector, made from the
// row and the tokens of its body.
func pgSearchText(m *Message, bodyTokens string) string {
	return m.Subject + " " + pgAddressBlanks.Replace(m.From+" "+m.To+" "+m.Cc) + " " + bodyTokens
}

// indexInStepPostgres indexes rows, just inserted in tx, and takes them
// off the queue that the insert's trigger put them on: a row that tx
// has not committed is seen by no other indexer.
func (s *Store) indexInStepPostgres(tx *gorm.DB, rows []Message) error {
	for start := 0; start < len(rows); {
		end, size := start, 0
		args := make([]any, 0, 2*insertChunk)
		for end < len(rows) && end-start < insertChunk && (end == start || size < insertChunkBytes) {
			m := &rows[end]
			text := pgSearchText(m, s.searchWordsOf(m))
			args = append(args, m.ID, text)
			size += len(text)
			end++
		}
		q := `WITH added AS (INSERT INTO message_search (message_id, doc) VALUES ` +
			strings.TrimSuffix(strings.Repeat(`(?, to_tsvector('simple', ?::text)), `, end-start), ", ") +
			` RETURNING message_id) DELETE FROM search_queue WHERE message_id IN (SELECT message_id FROM added)`
		if err := tx.Exec(q, args...).Error; err != nil {
			return err
		}
		start = end
	}
	return nil
}
