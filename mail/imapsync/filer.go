package imapsync

import (
	"sync/atomic"
	"time"

	"github.com/emersion/go-imap/v2"

	"postbridge/problem"
)

// filer files committed batches on a second connection, so that the
// server moves batch N while the first connection fetches N+1. On one
// connection the moves and the fetches took turns: the moves were 40% of
// a first import's time (BENCHMARKS.md), and a server such as
// Dovecot serves each connection in its own process, on its own core.
//
// The rule that keeps mail safe (DESIGN.md section 4) holds: only a batch
// whose commit has returned is queued, and batches are filed in the order
// they committed. A batch queued but not filed when the run stops is in
// the database; the next run finds its UIDs there and files it without a
// second import.
type filer struct {
	conn      *Conn
	completed string
	queue     chan *batch
	done      chan filerResult
	// failed is set once a move failed, so that the pipeline stops
	// fetching instead of importing batches that would not be filed.
	failed atomic.Pointer[error]
}

// filerResult is what the filer did, handed back once its queue is drained.
type filerResult struct {
	counts   Counts
	warnings []problem.P
	err      error
}

// startFiler dials the second connection and selects folder on it. It
// returns nil when that is not possible (a server that limits an
// account's connections): the batches are then filed on the first
// connection, as before.
func (s *session) startFiler(folder, completed string) *filer {
	conn, err := Dial(s.ctx, s.job.Server)
	if err != nil {
		return nil
	}
	if _, err := conn.c.Select(folder, nil).Wait(); err != nil {
		conn.Close()
		return nil
	}
	f := &filer{conn: conn, completed: completed,
		queue: make(chan *batch, 1024), done: make(chan filerResult, 1)}
	go f.run()
	return f
}

// run files what is queued. The batches committed within moveEvery of
// the move before go together in the next UID MOVE: Dovecot's cost per
// command (its index and uidlist read and written again) then falls on
// many batches instead of each. A batch waits at most moveEvery more to
// be filed, and none waits once the queue is closed.
func (f *filer) run() {
	var res filerResult
	warn := func(w problem.P) { res.warnings = append(res.warnings, w) }
	var last time.Time
	for b := range f.queue {
		uids := append([]imap.UID(nil), b.uids...)
		if res.err != nil {
			continue // drained unfiled: the next run files them
		}
		uids = f.gather(uids, last)
		last = time.Now()
		moved, err := f.conn.fileMessages(uids, f.completed, warn)
		res.counts.Moved += moved
		if err != nil {
			res.err = err
			f.failed.Store(&err)
		}
	}
	f.conn.Close()
	f.done <- res
}

// maxMoveUIDs bounds one UID MOVE, to keep the command line short: a
// batch's UIDs are mostly one range, but a folder with gaps makes a long
// set.
const maxMoveUIDs = 5000

// moveEvery is the least time between two of the filer's UID MOVEs.
// Dovecot reads a Maildir folder's whole uidlist again for every command
// that changes it, so a move of one batch into a folder of 10,000 costs
// as much as one of ten batches: a first import's moves were 0.9 s of
// Dovecot's CPU on a machine the import keeps busy (BENCHMARKS.md).
const moveEvery = 200 * time.Millisecond

// gather adds to uids the batches that are queued until moveEvery has
// passed since the move before, or the queue ends. The batches that
// queued up behind a slow move (when moveEvery is past already) go too.
func (f *filer) gather(uids []imap.UID, last time.Time) []imap.UID {
	over := make(chan struct{})
	t := time.AfterFunc(time.Until(last.Add(moveEvery)), func() { close(over) })
	defer t.Stop()
	for len(uids) < maxMoveUIDs {
		b := f.next(over)
		if b == nil {
			return uids
		}
		uids = append(uids, b.uids...)
	}
	return uids
}

// next is a batch already queued, else the next one queued before over
// is closed; nil when none comes or the queue is closed.
func (f *filer) next(over <-chan struct{}) *batch {
	select {
	case b := <-f.queue:
		return b
	default:
	}
	select {
	case b := <-f.queue:
		return b
	case <-over:
		return nil
	}
}

// file queues a committed batch; it waits for the server only when a
// thousand batches are queued.
func (f *filer) file(b *batch) (Counts, error) {
	if err := f.failed.Load(); err != nil {
		return Counts{}, *err
	}
	f.queue <- b
	return Counts{}, nil
}

// finish closes the queue and waits until every queued batch is filed or
// the filer has failed.
func (f *filer) finish() filerResult {
	close(f.queue)
	return <-f.done
}

// transferBatches runs a folder's batches with a filer when there is more
// than one batch to overlap; a single batch is filed on the first
// connection, which spares the second login.
func (s *session) transferBatches(r *folderRun, batches []*batch, completed string) error {
	var f *filer
	if len(batches) > 1 {
		f = s.startFiler(r.folder, completed)
	}
	if f == nil {
		r.finish = s.fileBatch
		return s.runBatches(r, batches)
	}
	r.finish = f.file
	err := s.runBatches(r, batches)
	res := f.finish()
	s.total.Add(res.counts)
	for _, w := range res.warnings {
		s.warn(r.folder, w)
	}
	if err == nil {
		err = res.err
	}
	return err
}
