package imapsync

import (
	"context"
	"fmt"

	"github.com/emersion/go-imap/v2"

	"postbridge/storage"
)

// The folder menu of manual 001: "Last ned Mappe" (Download once),
// "ReIndex Folder" and "Purge Delete Folder".

// DownloadOnce brings one folder in step with the server this one time,
// whether or not it is marked for sync: "mappeinnholdet synkroniseres til
// å bli likt det som ligger på server".
func DownloadOnce(ctx context.Context, job Job, folder SyncFolder, events chan<- Event) (Counts, error) {
	job.Mode, job.Folders = storage.ModeMirror, []SyncFolder{folder}
	job.SyncDays = 0 // a one-off download archives nothing
	return runFolders(ctx, job, events)
}

// ReIndex forgets what Postbridge stored of one folder and imports it
// again, linking it anew ("fjernes alt innholdet i mappa og legges inn
// helt på nytt igjen"), e.g. after relations were added. Messages the
// server no longer has are kept: the server cannot give them back.
// Attachment files are content-addressed, so they are not duplicated.
func ReIndex(ctx context.Context, job Job, folder SyncFolder, events chan<- Event) (Counts, error) {
	if err := job.Store.ForgetFolder(job.AccountID, folder.Name); err != nil {
		return Counts{}, err
	}
	return DownloadOnce(ctx, job, folder, events)
}

// runFolders is Run for the folders of job only, without project folders.
func runFolders(ctx context.Context, job Job, events chan<- Event) (Counts, error) {
	s := &session{job: job, events: events, ctx: ctx}
	err := s.announced(func() error {
		return s.withConn(func() error {
			delim, err := s.conn.Delimiter()
			if err != nil {
				return err
			}
			s.delim = delim
			return s.mirrorAll(job.Folders)
		})
	})
	return s.total, err
}

// Purge expunges the messages of folder that are flagged \Deleted
// ("Purge Delete Folder": deleted or archived items are only flagged
// until purged), by UID only (RFC 4315 UID EXPUNGE), and marks them
// deleted on the server in Postbridge.
func Purge(ctx context.Context, job Job, folder string) (Counts, error) {
	s := &session{job: job, ctx: ctx}
	err := s.withConn(func() error {
		sel, err := s.conn.c.Select(folder, nil).Wait()
		if err != nil {
			if s.conn.folderMissing(folder, err) {
				return fmt.Errorf("folder %q: %w", folder, ErrFolderMissing)
			}
			return fmt.Errorf("select %s: %w", folder, s.conn.classify(err))
		}
		data, err := s.conn.c.UIDSearch(&imap.SearchCriteria{Flag: []imap.Flag{imap.FlagDeleted}}, nil).Wait()
		if err != nil {
			return fmt.Errorf("search %s: %w", folder, s.conn.classify(err))
		}
		uids := data.AllUIDs()
		if len(uids) == 0 {
			return nil
		}
		if !s.conn.hasUIDExpunge() {
			return fmt.Errorf("purge %s: %w", folder, ErrNoUIDExpunge)
		}
		if err := s.conn.c.UIDExpunge(imap.UIDSetNum(uids...)).Close(); err != nil {
			return fmt.Errorf("expunge %s: %w", folder, s.conn.classify(err))
		}
		s.total.Purged = len(uids)
		return job.Store.MarkDeletedOnServer(job.AccountID, folder, sel.UIDValidity, toUint32(uids))
	})
	return s.total, err
}

// withConn dials the job's server, runs f and closes the connection.
func (s *session) withConn(f func() error) error {
	conn, err := Dial(s.ctx, s.job.Server)
	if err != nil {
		return err
	}
	s.conn = conn
	// Close the connection in hand at the end: a lost one is replaced
	// during the run (resume.go).
	defer func() { s.conn.Close() }()
	return f()
}
