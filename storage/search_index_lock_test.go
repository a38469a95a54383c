package storage

import (
	"context"
	"errors"
	"testing"
	"time"
)

// An indexer that waits for the store's other indexer stops waiting when
// its context ends, and runs once the other is done.
func TestIndexSearchWaitEndsWithItsContext(t *testing.T) {
	s := openTemp(t) // SQLite: on PostgreSQL the queue keeps indexers apart (search_postgres.go)
	unlock, err := s.indexing.lock(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := s.IndexSearch(ctx); !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 5*time.Second {
		t.Errorf("IndexSearch while another indexes = %v after %s, want the context's end at once", err, time.Since(start))
	}
	unlock()
	if _, err := s.IndexSearch(context.Background()); err != nil {
		t.Errorf("IndexSearch after the other finished: %v", err)
	}
}
