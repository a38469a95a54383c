package app

import (
	"context"
	"sync"
	"time"

	"postbridge/storage"
)

// followPause is how long the follower waits when the search index has
// caught up with the imports, before it looks again: about the time an
// import takes for a batch.
const followPause = 200 * time.Millisecond

// indexFollower keeps PostgreSQL's search index up with the syncs of
// this process while they run. This program's imports index their own
// rows (storage/search_postgres_instep.go); the follower works off what
// the queue still holds (storage/search_postgres.go) — an upgraded
// database, or messages an older program stored on another workstation
// — on a connection of its own, so that a second server process does
// that work beside the one that imports. One goroutine serves every
// sync of the process (the watch loop runs one per account at once).
//
// Not on SQLite: it has one connection, and an indexer in step with the
// commits made them wait for it — measured neutral (BENCHMARKS.md).
type indexFollower struct {
	mu      sync.Mutex
	syncs   int  // syncs running now
	running bool // the goroutine runs
	wake    chan struct{}
}

// start notes a sync that begins, starts the goroutine if none runs, and
// returns the function that notes the sync's end.
func (f *indexFollower) start(store *storage.Store) (stop func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.syncs++
	if !f.running {
		f.running = true
		f.wake = make(chan struct{}, 1)
		go f.run(store, f.wake)
	}
	wake := f.wake
	return func() {
		f.mu.Lock()
		f.syncs--
		f.mu.Unlock()
		select {
		case wake <- struct{}{}:
		default:
		}
	}
}

// run indexes until no sync is left, and then once more: what was
// committed before the last sync ended is then indexed, or being indexed
// by a caller's own IndexSearch beside it. An error is left for the next
// round or the next search, which catches the index up itself.
func (f *indexFollower) run(store *storage.Store, wake chan struct{}) {
	for {
		f.mu.Lock()
		last := f.syncs == 0
		if last {
			f.running = false
		}
		f.mu.Unlock()
		store.IndexSearch(context.Background()) // it returns when the queue is empty
		if last {
			return
		}
		select {
		case <-wake:
		case <-time.After(followPause):
		}
	}
}
