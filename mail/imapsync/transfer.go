package imapsync

import (
	"fmt"

	"github.com/emersion/go-imap/v2"

	"postbridge/storage"

	"postbridge/problem"
)

// transferFolder imports every message of folder and files it in the
// folder's Completed subfolder (manual 000), batch by batch (pipeline.go).
func (s *session) transferFolder(folder string, dir storage.Direction) error {
	s.emit(FolderStarted{Folder: folder})
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
	runs, err := s.batchesOf(uids)
	if err != nil {
		return err
	}
	batches := make([]*batch, len(runs))
	for i, run := range runs {
		batches[i] = &batch{folder: folder, completed: completed, dir: dir, uidValidity: sel.UIDValidity, uids: run}
	}
	return s.transferBatches(&folderRun{folder: folder, total: len(uids)}, batches, completed)
}

// fileBatch moves a committed batch to Completed, imported now or before.
func (s *session) fileBatch(b *batch) (Counts, error) {
	moved, err := s.conn.fileMessages(b.uids, b.completed, func(w problem.P) { s.warn(b.folder, w) })
	return Counts{Moved: moved}, err
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
