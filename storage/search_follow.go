package storage

import (
	"context"
	"sync"
)

// followChunk is how many messages one indexing transaction takes while
// an import runs: the import's next commit waits for it (one SQLite
// writer), so it is smaller than searchChunk.
const followChunk = 100

// followers holds, per Store being followed, the channel ImportBatch
// pokes after each commit.
var followers sync.Map // *Store → chan struct{}

// FollowImports indexes for search, on its own goroutine, what each
// ImportBatch of s commits, until stop is called; stop returns once the
// goroutine has ended (a chunk under way is finished, what is left stays
// for IndexSearch). A first import then tokenizes its mail on a second
// core while the next batches are fetched and parsed, instead of after
// the last one (BENCHMARKS.md). The index stays behind the messages as
// before (search.go): a search still catches it up first. PostgreSQL
// keeps its index by itself; there nothing runs.
func (s *Store) FollowImports() (stop func()) {
	if s.kind == "postgres" {
		return func() {}
	}
	kick := make(chan struct{}, 1)
	if _, taken := followers.LoadOrStore(s, kick); taken {
		return func() {} // already followed by another caller
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-ctx.Done():
				return
			case <-kick:
				// An error here (the database busy for long) is
				// IndexSearch's to meet again later.
				_, _ = s.indexSearch(ctx, followChunk)
			}
		}
	}()
	return func() {
		followers.CompareAndDelete(s, kick)
		cancel()
		<-done
	}
}

// imported tells the follower of s, if any, that rows were committed.
func (s *Store) imported() {
	if c, ok := followers.Load(s); ok {
		select {
		case c.(chan struct{}) <- struct{}{}:
		default: // a poke is already waiting; it covers these rows too
		}
	}
}
