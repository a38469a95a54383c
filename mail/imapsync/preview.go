package imapsync

import (
	"context"
	"fmt"
	"time"

	"github.com/emersion/go-imap/v2"

	"postbridge/storage"
)

// FolderPreview is what a sync would do in one folder.
type FolderPreview struct {
	Folder string `json:"folder"`
	// Messages and Bytes are what the folder holds now.
	Messages int   `json:"messages"`
	Bytes    int64 `json:"bytes"`
	// Import are the messages not in the database yet (some may turn out
	// to be duplicates by content, which only their bodies tell).
	Import      int   `json:"import"`
	ImportBytes int64 `json:"import_bytes"`
	// Move is what transfer mode files in Completed (manual 000);
	// Archive and Delete what the sync time limit does (manual 004).
	Move    int `json:"move"`
	Archive int `json:"archive"`
	Delete  int `json:"delete"`
	// Oldest and Newest are the internal dates (when the server got the
	// mail) of the folder's messages; zero for an empty folder.
	Oldest time.Time `json:"oldest,omitempty"`
	Newest time.Time `json:"newest,omitempty"`
	// Missing is set when the folder does not exist on the server.
	Missing bool `json:"missing,omitempty"`
}

// Preview tells, per folder, what Run would do for job — and changes
// nothing: folders are opened with EXAMINE (RFC 9051 §6.3.3, read-only,
// so not even \Recent changes), only sizes and dates are fetched (no
// body, so no \Seen), nothing is created, and the database is only read.
func Preview(ctx context.Context, job Job) ([]FolderPreview, error) {
	if job.Mode != storage.ModeTransfer && job.Mode != storage.ModeMirror {
		return nil, fmt.Errorf("sync mode %q: %w", job.Mode, ErrModeNotSupported)
	}
	conn, err := Dial(ctx, job.Server)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	s := &session{job: job, ctx: ctx, conn: conn}
	if s.delim, err = conn.Delimiter(); err != nil {
		return nil, err
	}
	folders := job.Folders
	if job.Mode == storage.ModeTransfer {
		folders = nil
		for _, f := range []SyncFolder{{job.Inbox, storage.DirectionIn}, {job.Outbox, storage.DirectionOut}} {
			if f.Name != "" {
				folders = append(folders, f)
			}
		}
	}
	projects, err := s.projectFolders()
	if err != nil {
		return nil, err
	}
	synced, done := map[string]bool{}, map[string]bool{}
	for _, f := range folders {
		synced[f.Name] = true
	}
	var out []FolderPreview
	for _, name := range append(names(folders), projects...) {
		if done[name] {
			continue // a project folder that is also marked for sync
		}
		done[name] = true
		p, err := s.previewFolder(name, !synced[name])
		if err != nil {
			return out, fmt.Errorf("folder %s: %w", name, err)
		}
		out = append(out, p)
	}
	return out, nil
}

// previewFolder counts one folder; project folders are mirrored in
// either mode (project.go).
func (s *session) previewFolder(folder string, project bool) (FolderPreview, error) {
	p := FolderPreview{Folder: folder}
	sel, err := s.conn.c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		if s.conn.folderMissing(folder, err) {
			p.Missing = true
			return p, nil
		}
		return p, fmt.Errorf("examine %s: %w", folder, s.conn.classify(err))
	}
	if sel.NumMessages == 0 {
		return p, nil
	}
	infos, err := s.sizesAndDates()
	if err != nil {
		return p, err
	}
	uids := make([]uint32, 0, len(infos))
	for _, m := range infos {
		uids = append(uids, m.uid)
	}
	stored, err := s.job.Store.ImportedUIDs(s.job.AccountID, folder, sel.UIDValidity, uids)
	if err != nil {
		return p, err
	}
	transfer := s.job.Mode == storage.ModeTransfer && !project
	limit := s.job.Mode == storage.ModeMirror && s.job.SyncDays > 0 && folder != s.job.Archive &&
		(s.job.Archive != "" || s.job.DeleteAfterLimit)
	cutoff := s.job.now().AddDate(0, 0, -s.job.SyncDays)
	for _, m := range infos {
		p.count(m)
		if !stored[m.uid] {
			p.Import++
			p.ImportBytes += m.size
		}
		switch {
		case transfer:
			p.Move++
		case limit && m.date.Before(cutoff) && s.job.Archive != "":
			p.Archive++
		case limit && m.date.Before(cutoff):
			p.Delete++
		}
	}
	return p, nil
}

func (p *FolderPreview) count(m msgInfo) {
	p.Messages++
	p.Bytes += m.size
	if p.Oldest.IsZero() || m.date.Before(p.Oldest) {
		p.Oldest = m.date
	}
	if m.date.After(p.Newest) {
		p.Newest = m.date
	}
}

type msgInfo struct {
	uid  uint32
	size int64
	date time.Time
}

// sizesAndDates fetches UID, RFC822.SIZE and INTERNALDATE of every
// message of the selected folder (RFC 9051 §6.4.5) — a few dozen bytes
// per message, no body.
func (s *session) sizesAndDates() ([]msgInfo, error) {
	cmd := s.conn.c.Fetch(imap.UIDSet{imap.UIDRange{Start: 1, Stop: 0}},
		&imap.FetchOptions{UID: true, RFC822Size: true, InternalDate: true})
	defer cmd.Close()
	var out []msgInfo
	for m := cmd.Next(); m != nil; m = cmd.Next() {
		buf, err := m.Collect()
		if err != nil {
			return nil, fmt.Errorf("fetch sizes: %w", s.conn.classify(err))
		}
		out = append(out, msgInfo{uid: uint32(buf.UID), size: buf.RFC822Size, date: buf.InternalDate})
	}
	if err := cmd.Close(); err != nil {
		return nil, fmt.Errorf("fetch sizes: %w", s.conn.classify(err))
	}
	return out, nil
}

func names(list []SyncFolder) []string {
	out := make([]string, 0, len(list))
	for _, f := range list {
		out = append(out, f.Name)
	}
	return out
}
