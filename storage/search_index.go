package storage

import (
	"context"
	"fmt"
	"sync"

	"gorm.io/gorm"
)

// searchChunk is how many messages one indexing transaction takes: small
// enough that an import waiting for the database waits a fraction of a
// second, large enough that a first import's 10,000 mails are a few
// dozen commits.
const searchChunk = 500

// indexing lets one indexer run per process and database at a time; a
// second caller waits and then finds nothing left.
var indexing sync.Map // *Store → *sync.Mutex

// IndexSearch adds every message not yet in the search index to it
// (search.go) and returns how many it added. PostgreSQL keeps its index
// in step by itself; there it does nothing. Cancelling ctx stops it
// between two chunks: what was indexed stays indexed.
func (s *Store) IndexSearch(ctx context.Context) (int, error) {
	if s.kind == "postgres" {
		return 0, nil
	}
	m, _ := indexing.LoadOrStore(s, &sync.Mutex{})
	mu := m.(*sync.Mutex)
	mu.Lock()
	defer mu.Unlock()
	total := 0
	for ctx.Err() == nil {
		n, err := s.indexSearchChunk()
		total += n
		if err != nil || n == 0 {
			return total, err
		}
	}
	return total, ctx.Err()
}

// indexSearchChunk indexes the next searchChunk messages above the mark
// and moves the mark past them, in one transaction.
func (s *Store) indexSearchChunk() (int, error) {
	var n int
	err := s.db.Transaction(func(tx *gorm.DB) error {
		var mark, upTo *int64
		if err := tx.Raw(`SELECT indexed_up_to FROM search_state WHERE id = 1`).Scan(&mark).Error; err != nil || mark == nil {
			return fmt.Errorf("read the search index mark: %w", err)
		}
		err := tx.Raw(`SELECT max(id) FROM (SELECT id FROM messages WHERE id > ? ORDER BY id LIMIT ?)`, *mark, searchChunk).
			Scan(&upTo).Error
		if err != nil || upTo == nil {
			return err
		}
		res := tx.Exec(`INSERT INTO message_fts(rowid, subject, "from", "to", cc, text_body)
			SELECT id, subject, "from", "to", cc, text_body FROM messages WHERE id > ? AND id <= ?`, *mark, *upTo)
		if res.Error != nil {
			return res.Error
		}
		n = int(res.RowsAffected)
		return tx.Exec(`UPDATE search_state SET indexed_up_to = ? WHERE id = 1`, *upTo).Error
	})
	if err != nil {
		return 0, fmt.Errorf("index messages for search: %w", err)
	}
	return n, nil
}

// SearchPending is how many messages are not in the search index yet.
func (s *Store) SearchPending() (int64, error) {
	if s.kind == "postgres" {
		return 0, nil
	}
	var n int64
	err := s.db.Raw(`SELECT count(*) FROM messages WHERE id > ` + indexedRow).Scan(&n).Error
	return n, err
}
