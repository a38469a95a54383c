package imapsync

import (
	"fmt"

	"github.com/emersion/go-imap/v2"

	"postbridge/storage"
)

// folderRun is one folder's batches on their way through the pipeline.
type folderRun struct {
	folder string
	// finish runs for a batch once its commit has returned: the UID MOVE
	// to Completed in transfer mode, nothing in mirror mode.
	finish      func(*batch) (Counts, error)
	known       map[uint32]bool
	done, total int
}

// stored is a batch whose commit runs on its own goroutine.
type stored struct {
	b    *batch
	done chan storedResult
}

type storedResult struct {
	c      Counts
	err    error
	shared []string // Message-IDs an imported message shares with a stored, different one
}

// runBatches fetches, stores and finishes a folder's batches as a
// pipeline: while batch N commits on its own goroutine, batch N+1 is
// fetched and converted; once N has committed, N+1's commit starts and
// N is finished (moved on the server) meanwhile. So the network, the
// parsers, the disk and the server work at the same time, and the rule
// that keeps mail safe (DESIGN.md section 4) holds: a batch is finished
// only after its own commit has returned, and commits keep the folder's
// order. Only the main goroutine uses the connection.
func (s *session) runBatches(r *folderRun, batches []*batch) error {
	if len(batches) == 0 {
		return nil
	}
	if err := s.lookUpImported(r, batches); err != nil {
		return err
	}
	var inFlight *stored
	for _, b := range batches {
		if err := s.halted(); err != nil {
			committed, cerr := s.count(inFlight)
			if s.ctx.Err() == nil && cerr == nil {
				// A stop asked for (Job.Stop) between two batches: the
				// batch in hand is filed too, so nothing is left half-done.
				if ferr := s.finish(r, committed); ferr != nil {
					return ferr
				}
			}
			return err
		}
		msgs, spools, err := s.fetchNew(r, b)
		if err != nil {
			releaseSpools(spools)
			s.count(inFlight)
			return err
		}
		committed, err := s.count(inFlight)
		if err != nil {
			releaseSpools(spools)
			return err
		}
		next := s.storeAsync(b, msgs, spools)
		if err := s.finish(r, committed); err != nil {
			s.count(next) // it commits; the next sync files it
			return err
		}
		inFlight = next
	}
	committed, err := s.count(inFlight)
	if err != nil {
		return err
	}
	return s.finish(r, committed)
}

// lookUpImported finds, for the whole folder at once, the UIDs already in
// the database (after a crash between commit and move): they are
// finished without being fetched again. Done before the pipeline starts,
// it never waits for a commit in flight.
func (s *session) lookUpImported(r *folderRun, batches []*batch) error {
	b0 := batches[0]
	var plain []uint32
	for _, b := range batches {
		for _, u := range b.uids {
			plain = append(plain, uint32(u))
		}
	}
	known, err := s.job.Store.ImportedUIDs(s.job.AccountID, b0.folder, b0.uidValidity, plain)
	r.known = known
	return err
}

// fetchNew fetches and converts the messages of b not yet imported.
func (s *session) fetchNew(r *folderRun, b *batch) ([]storage.NewMessage, []*spool, error) {
	var fetch []imap.UID
	for _, u := range b.uids {
		if !r.known[uint32(u)] {
			fetch = append(fetch, u)
		}
	}
	if len(fetch) == 0 {
		return nil, nil, nil
	}
	return s.fetch(b, fetch)
}

// storeAsync commits msgs in one transaction on its own goroutine and
// then releases the spooled bodies mapped into them: nothing reads msgs
// after the commit. It touches no session state.
func (s *session) storeAsync(b *batch, msgs []storage.NewMessage, spools []*spool) *stored {
	st := &stored{b: b, done: make(chan storedResult, 1)}
	store, account, now := s.job.Store, s.job.AccountID, s.job.now()
	go func() {
		defer releaseSpools(spools)
		var c Counts
		if len(msgs) == 0 {
			st.done <- storedResult{}
			return
		}
		res, err := store.ImportBatch(account, msgs, now)
		c.Imported, c.Duplicates = res.Imported, res.Duplicates
		c.Linked, c.Unlinked, c.NeedsAttention = res.Linked, res.Unlinked, res.NeedsAttention
		st.done <- storedResult{c: c, err: err, shared: res.SharedMessageID}
	}()
	return st
}

// count waits for the commit in flight, if any, and counts it; it
// returns the batch when the commit succeeded.
func (s *session) count(st *stored) (*batch, error) {
	if st == nil {
		return nil, nil
	}
	res := <-st.done
	s.total.Add(res.c)
	for _, id := range res.shared {
		s.warn(st.b.folder, fmt.Sprintf("a different message with Message-ID <%s> is already stored; this one is imported as its own message", id))
	}
	if res.err != nil {
		return nil, res.err
	}
	return st.b, nil
}

// finish runs the folder's finish (the move) for a committed batch and
// reports progress.
func (s *session) finish(r *folderRun, b *batch) error {
	if b == nil {
		return nil
	}
	if r.finish != nil {
		c, err := r.finish(b)
		s.total.Add(c)
		if err != nil {
			return err
		}
	}
	r.done += len(b.uids)
	s.emit(Event{Kind: EventProgress, Folder: r.folder, Done: r.done, Total: r.total, Bytes: b.bytes})
	return nil
}
