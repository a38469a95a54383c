package storage

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// PostgreSQL's search index, kept behind the imports as SQLite's is
// (search.go). It used to be a GIN index on the same tsvector over the
// messages themselves, which PostgreSQL computed inside every INSERT of
// an import: to_tsvector was about 60 % of the server's CPU in a first
// import, all of it on the one server process of the importing
// connection (BENCHMARKS.md). Now every INSERT notes the new message
// IDs in search_queue, and IndexSearch turns them into tsvectors in
// message_search in chunks, on its own connection, inside the server
// (no text travels to the program and back). An import by this program
// indexes its own rows and takes them off the queue in its transaction
// (search_postgres_instep.go); the queue's indexer is left what an
// upgrade or an older program on another workstation stored.
//
// A queue rather than SQLite's mark (the highest ID indexed): on
// PostgreSQL several connections import at once, and a transaction that
// took its IDs first may commit last, so rows appear below a mark that
// has already moved past them. A queue row appears with its message, in
// the same commit, so nothing is skipped; an indexer takes queue rows
// with FOR UPDATE SKIP LOCKED and deletes them in the transaction that
// indexes them, so several indexers (workstations, or a sync and a
// search) share the work and index no row twice.

// pgSearchDoc is a message's tsvector, made of the columns of messages m
// and the body b.body (pgSearchFrom). Addresses are split at '@' and
// '.', as FTS5 does, so that "klant" finds jan@klant.test.
const pgSearchDoc = `to_tsvector('simple', coalesce(m.subject, '') || ' ' || ` +
	`translate(coalesce(m."from", '') || ' ' || coalesce(m."to", '') || ' ' || coalesce(m.cc, ''), '@.<>', '    ') || ' ' || ` +
	pgDistinctTokens + `)`

// pgSearchFrom gives pgSearchDoc its body: the text cut at 200,000
// characters, since a tsvector may not exceed 1 MB and an import must
// never fail on it.
const pgSearchFrom = `messages m CROSS JOIN LATERAL (SELECT left(coalesce(m.text_body, ''), 200000) AS body) b`

// pgDistinctTokens gives to_tsvector each whitespace-separated token of
// the body once, as distinctWords does for SQLite: a search asks for
// words and word starts joined by &, never phrases, so only the set of
// lexemes matters, and the parser (tokenizing 57 % of to_tsvector's CPU,
// sorting the lexemes 41 %) does the repeats for nothing. It makes the
// same set: the parser never continues a token across a blank, except in
// an XML tag ("<a href=x y>" is one token, which it skips) — a body with
// a '<' goes to it whole. Tabs and line ends are blanks to the parser
// too, and become spaces here to find more repeats.
const pgDistinctTokens = `CASE WHEN strpos(b.body, '<') > 0 THEN b.body ELSE ` +
	`array_to_string(ARRAY(SELECT DISTINCT w COLLATE "C" FROM ` +
	`unnest(string_to_array(translate(b.body, E'\n\r\t', '   '), ' ')) w), ' ') END`

// pgSearchTable is the message's tsvector, the index the search uses.
const pgSearchTable = `CREATE TABLE IF NOT EXISTS message_search (message_id bigint PRIMARY KEY, doc tsvector NOT NULL)`

// pgSearchSetUp makes the index, its queue and the triggers that keep
// the queue, and queues every message not yet indexed (an existing
// database: the first IndexSearch after the upgrade indexes them). The
// old expression index goes. The triggers are statement-level with a
// transition table: one queue INSERT per INSERT of up to 100 messages,
// no call per row. A deleted message's tsvector goes with it.
var pgSearchSetUp = []string{
	`DROP INDEX IF EXISTS idx_message_search`,
	pgSearchTable,
	`CREATE INDEX IF NOT EXISTS idx_message_search_doc ON message_search USING GIN (doc)`,
	`CREATE TABLE IF NOT EXISTS search_queue (message_id bigint PRIMARY KEY)`,
	`CREATE OR REPLACE FUNCTION postbridge_queue_for_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO search_queue (message_id) SELECT id FROM new_messages;
	RETURN NULL;
END $$`,
	`CREATE OR REPLACE FUNCTION postbridge_forget_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM message_search WHERE message_id IN (SELECT id FROM old_messages);
	RETURN NULL;
END $$`,
	// Making the trigger locks the table against inserts until the
	// commit, so the queue below misses no message committed meanwhile.
	`DROP TRIGGER IF EXISTS queue_for_search ON messages`,
	`CREATE TRIGGER queue_for_search AFTER INSERT ON messages REFERENCING NEW TABLE AS new_messages
	FOR EACH STATEMENT EXECUTE FUNCTION postbridge_queue_for_search()`,
	`DROP TRIGGER IF EXISTS forget_search ON messages`,
	`CREATE TRIGGER forget_search AFTER DELETE ON messages REFERENCING OLD TABLE AS old_messages
	FOR EACH STATEMENT EXECUTE FUNCTION postbridge_forget_search()`,
	`INSERT INTO search_queue (message_id) SELECT id FROM messages m
	WHERE NOT EXISTS (SELECT 1 FROM message_search s WHERE s.message_id = m.id)
	ON CONFLICT (message_id) DO NOTHING`,
}

// searchSetUpLockID serializes workstations that upgrade the same
// database at once ("PBSRCH" in ASCII).
const searchSetUpLockID int64 = 0x504253524348

// setUpPostgresSearch runs pgSearchSetUp unless the database has it all.
func (s *Store) setUpPostgresSearch() error {
	var ready bool
	err := s.db.Raw(`SELECT to_regclass('idx_message_search') IS NULL
		AND to_regclass('idx_message_search_doc') IS NOT NULL AND to_regclass('search_queue') IS NOT NULL
		AND (SELECT count(*) FROM pg_trigger WHERE tgrelid = to_regclass('messages')
			AND tgname IN ('queue_for_search', 'forget_search')) = 2`).Scan(&ready).Error
	if err != nil || ready {
		return err
	}
	return s.db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec("SELECT pg_advisory_xact_lock(?)", searchSetUpLockID).Error; err != nil {
			return err
		}
		for _, stmt := range pgSearchSetUp {
			if err := tx.Exec(stmt).Error; err != nil {
				return fmt.Errorf("create the search index: %w", err)
			}
		}
		return nil
	})
}

// pgIndexChunk takes up to searchChunk messages off the queue and
// indexes them, in one statement (one transaction). Queue rows another
// indexer holds are skipped, not waited for. taken counts the queue rows
// (a message deleted meanwhile has one, but nothing to index), added the
// messages indexed.
const pgIndexChunk = `WITH taken AS (
	DELETE FROM search_queue WHERE message_id IN (
		SELECT message_id FROM search_queue ORDER BY message_id LIMIT ? FOR UPDATE SKIP LOCKED)
	RETURNING message_id),
added AS (
	INSERT INTO message_search (message_id, doc)
	SELECT m.id, ` + pgSearchDoc + ` FROM ` + pgSearchFrom + ` JOIN taken t ON t.message_id = m.id
	ON CONFLICT (message_id) DO NOTHING
	RETURNING 1)
SELECT (SELECT count(*) FROM taken) AS taken, (SELECT count(*) FROM added) AS added`

// indexPostgres is IndexSearch on PostgreSQL. No lock of the Store's:
// the queue keeps indexers apart, also those of other processes. When no
// free queue row is left it waits for the rows other indexers hold
// (FOR UPDATE without SKIP LOCKED), so that on return every message
// committed before the call is in the index, whoever indexed it.
func (s *Store) indexPostgres(ctx context.Context) (int, error) {
	total := 0
	for ctx.Err() == nil {
		var got struct{ Taken, Added int }
		if err := s.db.Raw(pgIndexChunk, searchChunk).Scan(&got).Error; err != nil {
			return total, fmt.Errorf("index messages for search: %w", err)
		}
		total += got.Added
		if got.Taken > 0 {
			continue
		}
		var held []int64
		err := s.db.WithContext(ctx).Raw(`SELECT message_id FROM search_queue LIMIT 1 FOR UPDATE`).Scan(&held).Error
		if err != nil || len(held) == 0 {
			if ctx.Err() != nil {
				err = ctx.Err()
			}
			return total, err
		}
	}
	return total, ctx.Err()
}
