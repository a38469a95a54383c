package storage

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"gorm.io/gorm"
)

// searchChunk is how many messages one indexing transaction takes: small
// enough that an import waiting for the database waits a fraction of a
// second, large enough that a first import's 10,000 mails are a few
// dozen commits.
const searchChunk = 500

// indexLock lets one indexer of an SQLite Store run at a time: a second
// caller waits, as long as its context lets it, and then finds nothing
// left. It is the Store's own, so it goes with the Store. PostgreSQL's
// indexers need none: its queue keeps them apart (search_postgres.go).
type indexLock struct {
	once sync.Once
	slot chan struct{} // a one-slot semaphore: a wait can end with its context
}

func (l *indexLock) lock(ctx context.Context) (unlock func(), err error) {
	l.once.Do(func() { l.slot = make(chan struct{}, 1) })
	select {
	case l.slot <- struct{}{}:
		return func() { <-l.slot }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// IndexSearch adds every message not yet in the search index to it
// (search.go) and returns how many it added. Cancelling ctx stops it
// between two chunks: what was indexed stays indexed.
func (s *Store) IndexSearch(ctx context.Context) (int, error) {
	if s.kind == "postgres" {
		return s.indexPostgres(ctx) // search_postgres.go
	}
	unlock, err := s.indexing.lock(ctx)
	if err != nil {
		return 0, err
	}
	defer unlock()
	total := 0
	for ctx.Err() == nil {
		n, err := s.indexSearchChunk()
		if err != nil || n == 0 {
			return total, err
		}
		total += max(n, 0) // -1: another indexer was first; look again
	}
	return total, ctx.Err()
}

// errMarkMoved: another process indexed the same rows meanwhile.
var errMarkMoved = errors.New("the search index moved on meanwhile")

// indexSearchChunk indexes the next searchChunk messages above the mark
// and moves the mark past them. Their texts are read from the packs
// before the transaction, so that an import waits only for the inserts;
// the transaction checks that the mark is where it was (another process
// on the same database may index too).
func (s *Store) indexSearchChunk() (int, error) {
	var mark int64
	if err := s.db.Raw(`SELECT indexed_up_to FROM search_state WHERE id = 1`).Scan(&mark).Error; err != nil {
		return 0, fmt.Errorf("read the search index mark: %w", err)
	}
	var rows []Message
	err := s.db.Select(`id, subject, "from", "to", cc, text_body, raw_pack, text_offset, text_size`).
		Where("id > ?", mark).Order("id").Limit(searchChunk).Find(&rows).Error
	if err != nil || len(rows) == 0 {
		return 0, err
	}
	if err := s.loadTexts(rows); err != nil {
		return 0, err
	}
	// Another process's import may hold the database longer than the
	// busy timeout; the chunk then waits and runs again (retryBusy).
	err = retryBusy(func() error { return s.insertSearchChunk(mark, rows) })
	if errors.Is(err, errMarkMoved) {
		return -1, nil
	}
	if err != nil {
		return 0, fmt.Errorf("index messages for search: %w", err)
	}
	return len(rows), nil
}

// insertSearchChunk adds rows to the index and moves the mark past them,
// provided the mark is still where it was read.
func (s *Store) insertSearchChunk(mark int64, rows []Message) error {
	return s.db.Transaction(func(tx *gorm.DB) error {
		var now int64
		if err := tx.Raw(`SELECT indexed_up_to FROM search_state WHERE id = 1`).Scan(&now).Error; err != nil {
			return err
		}
		if now != mark {
			return errMarkMoved
		}
		return s.indexInStep(tx, rows)
	})
}

// SearchPending is how many messages are not in the search index yet.
func (s *Store) SearchPending() (int64, error) {
	var n int64
	if s.kind == "postgres" {
		err := s.db.Raw(`SELECT count(*) FROM search_queue`).Scan(&n).Error
		return n, err
	}
	err := s.db.Raw(`SELECT count(*) FROM messages WHERE id > ` + indexMark).Scan(&n).Error
	return n, err
}
