package imapsync

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/emersion/go-imap/v2"

	"postbridge/storage"
)

// mirrorAll keeps folders in step with the server (manual 001, 004):
// new messages are imported, flag changes picked up (CONDSTORE, RFC 7162),
// messages gone from the server marked so. Nothing is moved or deleted on
// the server, except by the sync time limit (limit.go).
func (s *session) mirrorAll(folders []SyncFolder) error {
	var errs []error
	for _, f := range folders {
		err := s.resilient(f.Name, func() error { return s.mirrorFolder(f.Name, f.Direction) })
		// The limit touches only stored messages, so it runs even when a
		// later message could not be stored.
		if s.ctx.Err() == nil && s.job.SyncDays > 0 && f.Name != s.job.Archive && s.job.Mode == storage.ModeMirror {
			err = errors.Join(err, s.applyTimeLimit(f.Name))
		}
		if err != nil {
			if s.ctx.Err() != nil {
				return err
			}
			s.emit(FolderFailed{Folder: f.Name, Err: err})
			errs = append(errs, &FolderError{Folder: f.Name, Err: err})
		}
	}
	return errors.Join(errs...)
}

func (s *session) mirrorFolder(folder string, dir storage.Direction) error {
	s.emit(FolderStarted{Folder: folder})
	acc := s.job.AccountID
	st, err := s.job.Store.FolderStateOf(acc, folder)
	if err != nil {
		return err
	}
	condstore := s.conn.c.Caps().Has(imap.CapCondStore)
	sel, err := s.conn.c.Select(folder, &imap.SelectOptions{ReadOnly: true, CondStore: condstore}).Wait()
	if err != nil {
		if s.conn.folderMissing(folder, err) {
			return fmt.Errorf("folder %q: %w", folder, ErrFolderMissing)
		}
		return fmt.Errorf("select %s: %w", folder, s.conn.classify(err))
	}
	stored, err := s.job.Store.FolderUIDs(acc, folder, sel.UIDValidity)
	if err != nil {
		return err
	}
	// An unchanged folder costs this one SELECT: same UIDVALIDITY and
	// UIDNEXT (RFC 9051 §2.3.1.1), same HIGHESTMODSEQ (RFC 7162 §3.1.2.1),
	// and as many messages as stored.
	if st.UIDValidity == sel.UIDValidity && st.UIDNext == uint32(sel.UIDNext) &&
		st.HighestModSeq == sel.HighestModSeq && len(stored) == int(sel.NumMessages) {
		return nil
	}
	from := imap.UID(st.UIDNext)
	if st.UIDValidity != sel.UIDValidity {
		// A new UIDVALIDITY invalidates every UID: read the folder again.
		// Messages already stored are recognised by content and not stored twice.
		from, st.HighestModSeq = 1, 0
	}
	if err := s.mirrorNew(folder, dir, sel, max(from, 1)); err != nil {
		return err
	}
	if err := s.mirrorGone(folder, sel); err != nil {
		return err
	}
	if condstore && st.HighestModSeq != 0 && sel.HighestModSeq > st.HighestModSeq {
		if err := s.mirrorFlags(folder, sel.UIDValidity, st.HighestModSeq); err != nil {
			return err
		}
	}
	now := s.job.now()
	st.UIDValidity, st.UIDNext, st.HighestModSeq, st.LastSync, st.LastError = sel.UIDValidity, uint32(sel.UIDNext), sel.HighestModSeq, &now, ""
	return s.job.Store.SaveFolderState(st)
}

// mirrorNew imports the messages with a UID from `from` on.
func (s *session) mirrorNew(folder string, dir storage.Direction, sel *imap.SelectData, from imap.UID) error {
	if sel.NumMessages == 0 || from >= sel.UIDNext {
		return nil
	}
	data, err := s.conn.c.UIDSearch(&imap.SearchCriteria{UID: []imap.UIDSet{{imap.UIDRange{Start: from, Stop: 0}}}}, nil).Wait()
	if err != nil {
		return fmt.Errorf("search %s: %w", folder, s.conn.classify(err))
	}
	// "n:*" always matches the last message, even below n (RFC 9051 §6.4.4).
	uids := slices.DeleteFunc(data.AllUIDs(), func(u imap.UID) bool { return u < from })
	runs, err := s.batchesOf(uids)
	if err != nil {
		return err
	}
	project := ProjectNumber(folder, s.job.projectRoot(), s.delim)
	batches := make([]*batch, len(runs))
	for i, run := range runs {
		batches[i] = &batch{folder: folder, dir: dir, uidValidity: sel.UIDValidity, uids: run, project: project}
	}
	return s.runBatches(&folderRun{folder: folder, total: len(uids)}, batches)
}

// mirrorGone marks stored messages that the server no longer has.
func (s *session) mirrorGone(folder string, sel *imap.SelectData) error {
	stored, err := s.job.Store.FolderUIDs(s.job.AccountID, folder, sel.UIDValidity)
	if err != nil || len(stored) <= int(sel.NumMessages) {
		return err
	}
	data, err := s.conn.c.UIDSearch(&imap.SearchCriteria{}, nil).Wait()
	if err != nil {
		return fmt.Errorf("search %s: %w", folder, s.conn.classify(err))
	}
	present := map[uint32]bool{}
	for _, u := range data.AllUIDs() {
		present[uint32(u)] = true
	}
	var gone []uint32
	for _, u := range stored {
		if !present[u] {
			gone = append(gone, u)
		}
	}
	return s.job.Store.MarkDeletedOnServer(s.job.AccountID, folder, sel.UIDValidity, gone)
}

// mirrorFlags picks up flag changes since modseq (RFC 7162 §3.1.4 CHANGEDSINCE).
func (s *session) mirrorFlags(folder string, uidValidity uint32, modseq uint64) error {
	cmd := s.conn.c.Fetch(imap.UIDSet{imap.UIDRange{Start: 1, Stop: 0}},
		&imap.FetchOptions{UID: true, Flags: true, ChangedSince: modseq})
	defer cmd.Close()
	for m := cmd.Next(); m != nil; m = cmd.Next() {
		buf, err := m.Collect()
		if err != nil {
			return fmt.Errorf("fetch flags: %w", s.conn.classify(err))
		}
		flags := make([]string, 0, len(buf.Flags))
		for _, f := range buf.Flags {
			flags = append(flags, string(f))
		}
		if err := s.job.Store.SetFlags(s.job.AccountID, folder, uidValidity, uint32(buf.UID), strings.Join(flags, " ")); err != nil {
			return err
		}
	}
	return cmd.Close()
}
