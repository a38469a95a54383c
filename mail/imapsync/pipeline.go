package imapsync

import (
	"errors"
	"fmt"

	"github.com/emersion/go-imap/v2"

	"postbridge/storage"

	"postbridge/problem"
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
	b        *batch
	keys     storage.BatchKeys // for the duplicate check of the batch after
	done     chan storedResult
	returned chan struct{} // closed once the commit has returned
	failed   bool          // set before returned is closed
}

// outcome waits for the commit to return and reports whether it
// committed; a batch whose commit failed fails the batches after it.
func (st *stored) outcome() error {
	<-st.returned
	if st.failed {
		return errBatchBeforeFailed
	}
	return nil
}

// preceding is st for the commit of the batch after it, nil for none.
func (st *stored) preceding() *storage.Preceding {
	if st == nil {
		return nil
	}
	return &storage.Preceding{Keys: st.keys, Outcome: st.outcome}
}

// errBatchBeforeFailed keeps a batch from committing after the commit of
// the batch before it failed: the folder stops at the first failure, and
// that one is the error reported.
var errBatchBeforeFailed = errors.New("not committed: the commit of the batch before it failed")

type storedResult struct {
	c      Counts
	err    error
	shared []string // Message-IDs an imported message shares with a stored, different one
}

// runBatches fetches, converts, stores and finishes a folder's batches
// as a pipeline: while batch N is fetched, N-1's last messages are
// converted, and N-2 and N-3 make their files durable and commit, in the
// folder's order, on goroutines of their own (commitsInFlight); once the
// oldest has committed, it is finished (filed on the server). So the
// network, the parsers, the disk and the server work at the same time,
// and the rule that keeps mail safe (DESIGN.md section 4) holds: a batch
// is finished only after its own commit has returned, and commits keep
// the folder's order. Only the main goroutine uses the connection.
func (s *session) runBatches(r *folderRun, batches []*batch) error {
	if len(batches) == 0 {
		return nil
	}
	if err := s.lookUpImported(r, batches); err != nil {
		return err
	}
	pool := newConvertPool(s.job.Convert)
	defer pool.close()
	p := &pipeline{s: s, r: r}
	defer p.abandon() // after an error: whatever is still in the stages
	for _, b := range batches {
		if err := s.halted(); err != nil {
			return p.stop(err)
		}
		c, err := s.fetchNew(pool, r, b)
		if err != nil {
			return p.keepReceived(c, err)
		}
		if err := p.advance(c); err != nil {
			return p.keepReceived(nil, err)
		}
		if c.b.bytes > s.job.batchBytes() {
			// A message larger than a batch (spooled to disk and mapped,
			// body.go) is stored and filed before the next is fetched:
			// its pages then count once in memory, not three times.
			if err := p.drain(); err != nil {
				return err
			}
		}
	}
	return p.drain()
}

// pipeline holds a folder's batches between their fetch and their
// filing: one whose messages are being converted, one committing.
type pipeline struct {
	s          *session
	r          *folderRun
	converting *converting
	inFlight   []*stored // commits started, oldest first
}

// commitsInFlight is how many batches may wait for or run their commit
// while the next is fetched: with two, the next batch's pack and
// attachment files are made durable while the one before it commits,
// and the fetch waits for a commit only when both are still pending.
const commitsInFlight = 2

// advance takes in a batch just fetched (nil at the end): the batch
// before it, converted by now, starts its commit, after the oldest commit
// in flight has returned and been finished when commitsInFlight are.
func (p *pipeline) advance(next *converting) error {
	prev := p.converting
	p.converting = next
	if prev == nil {
		return nil
	}
	msgs, err := p.s.messages(prev)
	if err != nil {
		prev.release()
		return err
	}
	prepared := p.s.prepare(msgs)
	if len(p.inFlight) == commitsInFlight {
		if err := p.finishOldest(); err != nil {
			(<-prepared).discard()
			prev.release()
			return err
		}
	}
	var after *stored
	if n := len(p.inFlight); n > 0 {
		after = p.inFlight[n-1]
	}
	p.inFlight = append(p.inFlight, p.s.storeAsync(prev, msgs, prepared, after))
	return nil
}

// finishOldest waits for the oldest commit in flight and finishes its
// batch.
func (p *pipeline) finishOldest() error {
	st := p.inFlight[0]
	p.inFlight = p.inFlight[1:]
	committed, err := p.s.count(st)
	if err != nil {
		return err
	}
	return p.s.finish(p.r, committed)
}

// drain stores and finishes what is left once every batch is fetched.
func (p *pipeline) drain() error {
	if err := p.advance(nil); err != nil {
		return err
	}
	for len(p.inFlight) > 0 {
		if err := p.finishOldest(); err != nil {
			return err
		}
	}
	return nil
}

// waitInFlight waits for every commit in flight and counts it, without
// finishing any; it returns the first commit's error.
func (p *pipeline) waitInFlight() error {
	var first error
	for _, st := range p.inFlight {
		if _, err := p.s.count(st); err != nil && first == nil {
			first = err
		}
	}
	p.inFlight = nil
	return first
}

// stop ends the folder between two batches. A stop asked for (Job.Stop)
// stores and files what was fetched, so nothing is left half-done; a
// cancelled run lets the commit in flight end (the next run files it)
// and drops the batch not yet stored, which stays on the server.
func (p *pipeline) stop(err error) error {
	if p.s.ctx.Err() == nil {
		if derr := p.drain(); derr != nil {
			return derr
		}
	}
	return err
}

// keepReceived ends the folder after err. When err is a lost or stalled
// connection in a run that goes on, whatever arrived whole is committed
// before the folder ends: the commits in flight, the batch being
// converted, and the messages of the cut batch that were read to their
// last byte (partial, which may be nil). None of them is filed now — the
// connection is gone — but the next connection finds their UIDs in the
// database and files them without fetching them again (lookUpImported).
// Without this, a link that drops every few megabytes threw away a
// received batch on every cut and never got anywhere. Any
// other error (a full disk, a refused commit, a cancel) leaves the rest
// to abandon, as before.
func (p *pipeline) keepReceived(partial *converting, err error) error {
	if !p.s.mayReconnect(err) {
		partial.release()
		return err
	}
	if cerr := p.waitInFlight(); cerr != nil {
		partial.release()
		return errStoringReceived(cerr)
	}
	converted := p.converting
	p.converting = nil
	if serr := p.s.storeNow(converted); serr != nil {
		partial.release()
		return errStoringReceived(serr)
	}
	if serr := p.s.storeNow(partial); serr != nil {
		return errStoringReceived(serr)
	}
	return err
}

// errStoringReceived is a failure to store what arrived before a lost
// connection. It replaces the connection's error: a full disk is what
// the user must hear about, and a new connection would not get past it.
func errStoringReceived(err error) error {
	return fmt.Errorf("store the messages received before the connection was lost: %w", err)
}

// storeNow commits a converted batch, if any, and waits for the
// commit; it releases the batch's spools either way.
func (s *session) storeNow(c *converting) error {
	if c == nil {
		return nil
	}
	msgs, err := s.messages(c)
	if err != nil {
		c.release()
		return err
	}
	_, err = s.count(s.storeAsync(c, msgs, s.prepare(msgs), nil))
	return err
}

// abandon waits for the commits in flight, which the next run files, and
// drops the batch not yet stored.
func (p *pipeline) abandon() {
	p.waitInFlight()
	p.converting.release()
	p.converting = nil
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

// fetchNew fetches the messages of b not yet imported into the pool.
func (s *session) fetchNew(pool *convertPool, r *folderRun, b *batch) (*converting, error) {
	var fetch []imap.UID
	for _, u := range b.uids {
		if !r.known[uint32(u)] {
			fetch = append(fetch, u)
		}
	}
	if len(fetch) == 0 {
		return &converting{b: b}, nil
	}
	return s.fetchInto(pool, b, fetch)
}

// prepare makes msgs durable before their commit, on goroutines of its
// own so that it overlaps the commit of the batch before: what the
// converters wrote (Job.BeforeCommit: the attachment files) and the raw
// messages (Importer.PackRaw). Neither needs the database.
func (s *session) prepare(msgs []storage.NewMessage) <-chan prepared {
	done := make(chan prepared, 1)
	if len(msgs) == 0 {
		done <- prepared{}
		return done
	}
	before, store := s.job.BeforeCommit, s.job.Store
	go func() {
		files := make(chan error, 1)
		go func() {
			if before == nil {
				files <- nil
				return
			}
			files <- before(msgs)
		}()
		pack, err := store.PackRaw(msgs)
		done <- prepared{pack: pack, err: errors.Join(<-files, err)}
	}()
	return done
}

// prepared is what prepare made ready for a commit.
type prepared struct {
	pack *storage.Pack
	err  error
}

// discard removes what was made ready for a batch that will not commit.
func (p prepared) discard() { p.pack.Discard() }

// storeAsync commits msgs in one transaction on its own goroutine, once
// prepared has reported. The transaction may run beside the commit of
// after (the batch before, or nil), but commits only after it has
// committed (storage.ImportFollowing), so that commits keep the folder's
// order. Then it releases the spooled bodies mapped into msgs: nothing
// reads them after the commit. It touches no session state.
func (s *session) storeAsync(c *converting, msgs []storage.NewMessage, ready <-chan prepared, after *stored) *stored {
	st := &stored{b: c.b, keys: storage.KeysOf(msgs), done: make(chan storedResult, 1), returned: make(chan struct{})}
	store, account, now := s.job.Store, s.job.AccountID, s.job.now()
	go func() {
		defer close(st.returned)
		defer c.release()
		p := <-ready
		if p.err != nil {
			p.discard()
			st.failed = true
			st.done <- storedResult{err: p.err}
			return
		}
		var c Counts
		if len(msgs) == 0 {
			// Nothing to commit, but a failure before it is passed on.
			var err error
			if after != nil {
				err = after.outcome()
			}
			st.failed = err != nil
			st.done <- storedResult{err: err}
			return
		}
		res, err := store.ImportFollowing(account, msgs, now, after.preceding())
		st.failed = err != nil
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
		s.warn(st.b.folder, problem.New(WarnSharedMessageID, "ID", id))
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
	s.emit(Progress{Folder: r.folder, Done: r.done, Total: r.total, Bytes: b.bytes})
	return nil
}
