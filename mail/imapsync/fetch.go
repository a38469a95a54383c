package imapsync

import (
	"fmt"
	"os"
	"runtime"
	"sync"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"postbridge/storage"

	"postbridge/problem"
)

// fetchInto reads the messages of uids with BODY.PEEK[] (RFC 9051 §6.4.5:
// PEEK leaves \Seen alone) and hands each to the pool as its literal
// has arrived. It returns once the last byte of the batch is read, while
// the pool may still be converting: the next FETCH then streams in while
// this batch's last messages are parsed (pipeline.go). Whatever it
// returns holds the batch's spools; the caller releases them (converting
// .release) after the batch is stored, also on error.
func (s *session) fetchInto(pool *convertPool, b *batch, uids []imap.UID) (*converting, error) {
	c := &converting{b: b}
	cmd := s.conn.c.Fetch(imap.UIDSetNum(uids...), &imap.FetchOptions{
		UID: true, Flags: true, InternalDate: true,
		BodySection: []*imap.FetchItemBodySection{{Peek: true}},
	})
	defer cmd.Close()
	t := newFetchTally(uids)
	for msg := cmd.Next(); msg != nil; msg = cmd.Next() {
		f, sp, err := s.readFetched(msg, b)
		if sp != nil {
			c.spools = append(c.spools, sp)
		}
		if err != nil {
			return c, err
		}
		if !t.keep(f) {
			continue // gone on the server, or unasked (bounds.go)
		}
		b.bytes += int64(len(f.Raw))
		pool.add(c, f)
	}
	if err := cmd.Close(); err != nil {
		return c, fmt.Errorf("fetch: %w", s.conn.classify(err))
	}
	t.missing(s, b)
	return c, nil
}

// readFetched collects one FETCH response; the body literal is read as it
// streams in (readBody), so only one message's bytes are held per item.
// A response without a body comes back with Raw nil: BODY[] NIL, which
// Dovecot sends for a message another client expunged between SEARCH and
// FETCH, or a FETCH the server sent unasked (RFC 9051 §7.5.2).
func (s *session) readFetched(msg *imapclient.FetchMessageData, b *batch) (Fetched, *spool, error) {
	f := Fetched{Folder: b.folder, UIDValidity: b.uidValidity, Direction: b.dir, Project: b.project}
	var sp *spool
	for item := msg.Next(); item != nil; item = msg.Next() {
		switch it := item.(type) {
		case imapclient.FetchItemDataUID:
			f.UID = uint32(it.UID)
		case imapclient.FetchItemDataFlags:
			for _, fl := range it.Flags {
				f.Flags = append(f.Flags, string(fl))
			}
		case imapclient.FetchItemDataInternalDate:
			f.Internal = it.Time
		case imapclient.FetchItemDataBodySection:
			if it.Literal == nil {
				continue // BODY[] NIL: the message is gone
			}
			raw, spooled, err := s.readBodyOf(b, imap.UID(f.UID), it.Literal)
			if err != nil {
				return f, sp, err
			}
			f.Raw, sp = raw, spooled
		}
	}
	if f.UID == 0 && f.Raw != nil {
		return f, sp, fmt.Errorf("server sent a message body without its UID")
	}
	return f, sp, nil
}

// messages waits for the batch's conversions and returns the rows to
// store, in the server's order, with the warnings told to the user. It
// is called once per batch, and hands the rows over: the batch keeps no
// copy, so what the store lets go of before the commit — SQLite's pack
// takes the raw message and the text (storage.PackRaw) — is freed then,
// not when the batch's commit ends. Those copies took the peak memory of
// a first import of MixedMail from 85 to 102 MB (BENCHMARKS.md).
func (s *session) messages(c *converting) ([]storage.NewMessage, error) {
	results := c.wait()
	c.results = nil
	out := make([]storage.NewMessage, 0, len(results))
	for _, r := range results {
		if r.err != nil {
			return nil, fmt.Errorf("message UID %d: %w", r.uid, r.err)
		}
		for _, w := range r.warnings {
			s.warnMessage(c.b.folder, uint32(r.uid), w)
		}
		out = append(out, r.msg)
		s.emit(Imported{Folder: c.b.folder, Subject: r.msg.Subject})
	}
	return out, nil
}

// convertPool runs the Converter for a whole folder, so that the workers
// go on from one batch to the next without waiting for a batch's slowest
// message (that wait was a fifth of a first import). Two workers per
// core: creating an attachment's folder and file waits in the kernel,
// and the other worker parses meanwhile.
type convertPool struct {
	convert Converter
	jobs    chan convertJob
	workers sync.WaitGroup
}

type convertJob struct {
	f   Fetched
	out *converted
	of  *converting
}

type converted struct {
	uid      uint32
	msg      storage.NewMessage
	warnings []problem.P
	err      error
}

// converting is one fetched batch whose messages the pool converts. A
// batch is bounded by bytes (batch.go), so holding its results is too.
type converting struct {
	b       *batch
	results []*converted
	spools  []*spool
	pending sync.WaitGroup
}

func newConvertPool(convert Converter) *convertPool {
	p := &convertPool{convert: convert, jobs: make(chan convertJob, 64)}
	for range 2 * runtime.GOMAXPROCS(0) {
		p.workers.Add(1)
		go func() {
			defer p.workers.Done()
			for j := range p.jobs {
				j.out.msg, j.out.warnings, j.out.err = p.convert(j.f)
				j.of.pending.Done()
			}
		}()
	}
	return p
}

func (p *convertPool) add(c *converting, f Fetched) {
	out := &converted{uid: f.UID}
	c.results = append(c.results, out)
	c.pending.Add(1)
	p.jobs <- convertJob{f: f, out: out, of: c}
}

// close ends the workers once every job added is done.
func (p *convertPool) close() {
	close(p.jobs)
	p.workers.Wait()
}

// wait returns every result, in the order added, once all are done.
func (c *converting) wait() []*converted {
	c.pending.Wait()
	return c.results
}

// release waits until no worker reads the batch's spooled bodies any
// more and then removes them.
func (c *converting) release() {
	if c == nil {
		return
	}
	c.pending.Wait()
	releaseSpools(c.spools)
	c.spools = nil
}

// spoolDir is where bodies larger than a batch are spooled.
func (j *Job) spoolDir() string {
	if j.SpoolDir != "" {
		return j.SpoolDir
	}
	return os.TempDir()
}
