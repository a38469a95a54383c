package imapsync

import (
	"fmt"
	"io"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"postbridge/mail/mailerr"
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
	var counts Counts
	for start := 0; start < len(uids); start += s.job.batchSize() {
		if err := s.ctx.Err(); err != nil {
			return err
		}
		end := min(start+s.job.batchSize(), len(uids))
		b := batch{folder: folder, completed: completed, dir: dir, uidValidity: sel.UIDValidity, uids: uids[start:end]}
		c, err := s.transferBatch(&b)
		counts.Add(c)
		s.total.Add(c)
		if err != nil {
			return err
		}
		s.emit(Event{Kind: EventProgress, Folder: folder, Done: end, Total: len(uids), Bytes: b.bytes})
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
		msgs, err := s.fetch(b, fetch)
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

// fetch reads the messages of uids with BODY.PEEK[] (RFC 9051 §6.4.5: PEEK
// leaves \Seen alone) and converts them.
func (s *session) fetch(b *batch, uids []imap.UID) ([]storage.NewMessage, error) {
	cmd := s.conn.c.Fetch(imap.UIDSetNum(uids...), &imap.FetchOptions{
		UID: true, Flags: true, InternalDate: true,
		BodySection: []*imap.FetchItemBodySection{{Peek: true}},
	})
	defer cmd.Close()
	var out []storage.NewMessage
	for msg := cmd.Next(); msg != nil; msg = cmd.Next() {
		f, err := readFetched(msg, b)
		if err != nil {
			return nil, err
		}
		b.bytes += int64(len(f.Raw))
		nm, warnings, err := s.job.Convert(f)
		if err != nil {
			return nil, fmt.Errorf("message UID %d: %w", f.UID, err)
		}
		for _, w := range warnings {
			s.warn(b.folder, fmt.Sprintf("message UID %d: %s", f.UID, w))
		}
		out = append(out, nm)
		s.emit(Event{Kind: EventImported, Folder: b.folder, Subject: nm.Subject})
	}
	if err := cmd.Close(); err != nil {
		return nil, fmt.Errorf("fetch: %w", s.conn.classify(err))
	}
	return out, nil
}

// readFetched collects one FETCH response; the body literal is read as it
// streams in, so only one message's bytes are held per item.
func readFetched(msg *imapclient.FetchMessageData, b *batch) (Fetched, error) {
	f := Fetched{Folder: b.folder, UIDValidity: b.uidValidity, Direction: b.dir, Project: b.project}
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
			raw, err := io.ReadAll(it.Literal)
			if err != nil {
				return f, fmt.Errorf("read message body: %w", mailerr.Network("", err))
			}
			f.Raw = raw
		}
	}
	if f.UID == 0 || f.Raw == nil {
		return f, fmt.Errorf("server sent a FETCH response without UID or body")
	}
	return f, nil
}
