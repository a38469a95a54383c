package imapsync

import (
	"fmt"

	"github.com/emersion/go-imap/v2"

	"postbridge/problem"
)

// applyTimeLimit enforces the sync time limit of manual 004 on folder:
// messages that arrived more than SyncDays ago are moved to the archive
// folder, or with DeleteAfterLimit deleted on the server. Only messages
// already committed to the database are touched, so they stay in
// Postbridge ("Die E-Mails stehen dann weiterhin in PROJEKT PRO zur
// Verfügung"). Age is the server's internal date (SEARCH BEFORE, RFC 9051
// §6.4.4), which a sender cannot forge.
func (s *session) applyTimeLimit(folder string) error {
	if s.job.Archive == "" && !s.job.DeleteAfterLimit {
		return nil // a limit with neither action only bounds what is shown
	}
	sel, err := s.conn.c.Select(folder, nil).Wait()
	if err != nil {
		return fmt.Errorf("select %s: %w", folder, s.conn.classify(err))
	}
	cutoff := s.job.now().AddDate(0, 0, -s.job.SyncDays)
	data, err := s.conn.c.UIDSearch(&imap.SearchCriteria{Before: cutoff}, nil).Wait()
	if err != nil {
		return fmt.Errorf("search %s: %w", folder, s.conn.classify(err))
	}
	old, err := s.storedOnly(folder, sel.UIDValidity, data.AllUIDs())
	if err != nil || len(old) == 0 {
		return err
	}
	plain := toUint32(old)
	if s.job.Archive != "" {
		if err := s.conn.ensureFolder(s.job.Archive); err != nil {
			return err
		}
		moved, err := s.conn.fileMessages(old, s.job.Archive, func(w problem.P) { s.warn(folder, w) })
		if err != nil {
			return err
		}
		s.total.Archived += moved
		return s.job.Store.MarkArchived(s.job.AccountID, folder, sel.UIDValidity, plain)
	}
	if err := s.conn.deleteMessages(old); err != nil {
		return err
	}
	s.total.Deleted += len(old)
	return s.job.Store.MarkDeletedOnServer(s.job.AccountID, folder, sel.UIDValidity, plain)
}

// storedOnly keeps the uids whose message is committed to the database.
func (s *session) storedOnly(folder string, uidValidity uint32, uids []imap.UID) ([]imap.UID, error) {
	if len(uids) == 0 {
		return nil, nil
	}
	have, err := s.job.Store.ImportedUIDs(s.job.AccountID, folder, uidValidity, toUint32(uids))
	if err != nil {
		return nil, err
	}
	var out []imap.UID
	for _, u := range uids {
		if have[uint32(u)] {
			out = append(out, u)
		}
	}
	return out, nil
}

// deleteMessages flags uids \Deleted and expunges exactly those with UID
// EXPUNGE (RFC 4315). Without UIDPLUS nothing is flagged: a plain EXPUNGE
// would also remove what others flagged, so the server is left as it was.
func (c *Conn) deleteMessages(uids []imap.UID) error {
	if !c.hasUIDExpunge() {
		return fmt.Errorf("delete after the time limit: %w", ErrNoUIDExpunge)
	}
	set := imap.UIDSetNum(uids...)
	if err := c.flagDeleted(set); err != nil {
		return err
	}
	if err := c.c.UIDExpunge(set).Close(); err != nil {
		return fmt.Errorf("expunge: %w", c.classify(err))
	}
	return nil
}

func toUint32(uids []imap.UID) []uint32 {
	out := make([]uint32, len(uids))
	for i, u := range uids {
		out[i] = uint32(u)
	}
	return out
}
