package imapsync

import (
	"fmt"

	"github.com/emersion/go-imap/v2"

	"postbridge/storage"
)

// transferFolder imports every message of folder and files it in the
// folder's Completed subfolder (manual 000), one batch at a time.
func (s *session) transferFolder(folder string, dir storage.Direction) error {
	s.emit(Event{Kind: EventFolderStarted, Folder: folder})
	sel, err := s.conn.c.Select(folder, nil).Wait()
	if err != nil {
		if s.conn.folderMissing(folder, err) {
			return fmt.Errorf("folder %q: %w", folder, ErrFolderMissing)
		}
		return fmt.Errorf("select %s: %w", folder, s.conn.classify(err))
	}
	completed := Completed(folder, s.delim)
	if err := s.conn.ensureFolder(completed); err != nil {
		return err
	}
	if sel.NumMessages == 0 {
		return nil
	}
	data, err := s.conn.c.UIDSearch(&imap.SearchCriteria{}, nil).Wait()
	if err != nil {
		return fmt.Errorf("search %s: %w", folder, s.conn.classify(err))
	}
	uids := data.AllUIDs()
	batches, err := s.batchesOf(uids)
	if err != nil {
		return err
	}
	done := 0
	for _, run := range batches {
		if err := s.ctx.Err(); err != nil {
			return err
		}
		b := batch{folder: folder, completed: completed, dir: dir, uidValidity: sel.UIDValidity, uids: run}
		c, err := s.transferBatch(&b)
		s.total.Add(c)
		if err != nil {
			return err
		}
		done += len(run)
		s.emit(Event{Kind: EventProgress, Folder: folder, Done: done, Total: len(uids), Bytes: b.bytes})
	}
	return nil
}

// batch is a run of UIDs handled together.
type batch struct {
	folder, completed string
	dir               storage.Direction
	project           string
	uidValidity       uint32
	uids              []imap.UID
	bytes             int64
}

// transferBatch fetches what is not yet imported, commits it, and only
// then moves the whole batch to Completed.
func (s *session) transferBatch(b *batch) (Counts, error) {
	c, err := s.importBatch(b)
	if err != nil {
		return c, err
	}
	moved, err := s.conn.fileMessages(b.uids, b.completed, func(w string) { s.warn(b.folder, w) })
	c.Moved = moved
	return c, err
}

// importBatch fetches the messages of b that are not in the database yet
// and stores them in one transaction.
func (s *session) importBatch(b *batch) (Counts, error) {
	var c Counts
	plain := make([]uint32, len(b.uids))
	for i, u := range b.uids {
		plain[i] = uint32(u)
	}
	known, err := s.job.Store.ImportedUIDs(s.job.AccountID, b.folder, b.uidValidity, plain)
	if err != nil {
		return c, err
	}
	var fetch []imap.UID
	for _, u := range b.uids {
		if !known[uint32(u)] {
			fetch = append(fetch, u)
		}
	}
	if len(fetch) > 0 {
		msgs, spools, err := s.fetch(b, fetch)
		// Spooled bodies are mapped into msgs: released only once the
		// batch is stored, and nothing reads msgs after that.
		defer releaseSpools(spools)
		if err != nil {
			return c, err
		}
		res, err := s.job.Store.ImportBatch(s.job.AccountID, msgs, s.job.now())
		if err != nil {
			return c, err
		}
		c.Imported, c.Duplicates = res.Imported, res.Duplicates
		c.Linked, c.Unlinked, c.NeedsAttention = res.Linked, res.Unlinked, res.NeedsAttention
	}
	return c, nil
}
