package imapsync

import (
	"fmt"
	"os"
	"runtime"
	"sync"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"postbridge/storage"
)

// fetch reads the messages of uids with BODY.PEEK[] (RFC 9051 §6.4.5: PEEK
// leaves \Seen alone) and converts them: parsing and attachment writing
// run on every core while the next literals stream in, so the batch is
// ready about when its last byte has arrived. The result keeps the
// server's order. The spools hold the bodies too large for memory; the
// caller releases them after the batch is stored, also on error.
func (s *session) fetch(b *batch, uids []imap.UID) ([]storage.NewMessage, []*spool, error) {
	cmd := s.conn.c.Fetch(imap.UIDSetNum(uids...), &imap.FetchOptions{
		UID: true, Flags: true, InternalDate: true,
		BodySection: []*imap.FetchItemBodySection{{Peek: true}},
	})
	defer cmd.Close()
	pool := newConvertPool(s.job.Convert)
	var spools []*spool
	var readErr error
	for msg := cmd.Next(); msg != nil; msg = cmd.Next() {
		f, sp, err := s.readFetched(msg, b)
		if sp != nil {
			spools = append(spools, sp)
		}
		if err != nil {
			readErr = err
			break
		}
		b.bytes += int64(len(f.Raw))
		pool.add(f)
	}
	results := pool.wait()
	if readErr != nil {
		return nil, spools, readErr
	}
	if err := cmd.Close(); err != nil {
		return nil, spools, fmt.Errorf("fetch: %w", s.conn.classify(err))
	}
	out := make([]storage.NewMessage, 0, len(results))
	for _, r := range results {
		if r.err != nil {
			return nil, spools, fmt.Errorf("message UID %d: %w", r.uid, r.err)
		}
		for _, w := range r.warnings {
			s.warn(b.folder, fmt.Sprintf("message UID %d: %s", r.uid, w))
		}
		out = append(out, r.msg)
		s.emit(Event{Kind: EventImported, Folder: b.folder, Subject: r.msg.Subject})
	}
	return out, spools, nil
}

// readFetched collects one FETCH response; the body literal is read as it
// streams in (readBody), so only one message's bytes are held per item.
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
			raw, spooled, err := readBody(it.Literal, s.job.batchBytes(), s.job.spoolDir())
			if err != nil {
				return f, sp, err
			}
			f.Raw, sp = raw, spooled
		}
	}
	if f.UID == 0 || f.Raw == nil {
		return f, sp, fmt.Errorf("server sent a FETCH response without UID or body")
	}
	return f, sp, nil
}

// convertPool runs the Converter on every core. A batch is bounded by
// bytes (batch.go), so holding all of its results is bounded too.
type convertPool struct {
	convert Converter
	jobs    chan convertJob
	wg      sync.WaitGroup
	results []*converted
}

type convertJob struct {
	f   Fetched
	out *converted
}

type converted struct {
	uid      uint32
	msg      storage.NewMessage
	warnings []string
	err      error
}

func newConvertPool(convert Converter) *convertPool {
	p := &convertPool{convert: convert, jobs: make(chan convertJob, 64)}
	for range runtime.GOMAXPROCS(0) {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			for j := range p.jobs {
				j.out.msg, j.out.warnings, j.out.err = p.convert(j.f)
			}
		}()
	}
	return p
}

func (p *convertPool) add(f Fetched) {
	out := &converted{uid: f.UID}
	p.results = append(p.results, out)
	p.jobs <- convertJob{f: f, out: out}
}

// wait returns every result, in the order added, once all are done.
func (p *convertPool) wait() []*converted {
	close(p.jobs)
	p.wg.Wait()
	return p.results
}

// spoolDir is where bodies larger than a batch are spooled.
func (j *Job) spoolDir() string {
	if j.SpoolDir != "" {
		return j.SpoolDir
	}
	return os.TempDir()
}
