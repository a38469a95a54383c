package app

import (
	"context"
	"errors"
	"fmt"

	"postbridge/mail/imapsync"
	"postbridge/storage"
)

// FolderOp is one entry of manual 001's folder menu.
type FolderOp string

// The folder menu: "Last ned Mappe", "ReIndex Folder", "Purge Delete Folder".
const (
	OpDownloadOnce FolderOp = "download"
	OpReIndex      FolderOp = "reindex"
	OpPurge        FolderOp = "purge"
)

// ErrUnknownFolderOp is returned for an operation that is not in the menu.
var ErrUnknownFolderOp = errors.New("unknown folder operation")

// FolderTarget names the folder an operation works on: a user's account
// (0: the default account) and a folder on its server.
type FolderTarget struct {
	User      string
	AccountID uint
	Folder    string
}

// RunFolderOp runs one folder-menu operation and returns its counts.
func (a *Actions) RunFolderOp(ctx context.Context, op FolderOp, target FolderTarget, events chan<- imapsync.Event) (imapsync.Counts, error) {
	job, err := a.folderJob(target)
	if err != nil {
		return imapsync.Counts{}, err
	}
	folder := imapsync.SyncFolder{Name: target.Folder, Direction: folderDirection(job, target.Folder)}
	switch op {
	case OpDownloadOnce:
		return imapsync.DownloadOnce(ctx, job, folder, events)
	case OpReIndex:
		return imapsync.ReIndex(ctx, job, folder, events)
	case OpPurge:
		return imapsync.Purge(ctx, job, target.Folder)
	}
	return imapsync.Counts{}, fmt.Errorf("%q: %w", op, ErrUnknownFolderOp)
}

// folderJob prepares the sync job of the target's account.
func (a *Actions) folderJob(target FolderTarget) (imapsync.Job, error) {
	c, err := a.Store.Company()
	if err != nil {
		return imapsync.Job{}, err
	}
	u, err := a.Store.UserByName(target.User)
	if err != nil {
		return imapsync.Job{}, err
	}
	acc, err := account(&u)
	if target.AccountID != 0 {
		acc, err = accountByID(&u, target.AccountID)
	}
	if err != nil {
		return imapsync.Job{}, err
	}
	p := a.planJob(c, u.Name, acc)
	return p.job, p.err
}

func accountByID(u *storage.User, id uint) (*storage.ImapAccount, error) {
	for i := range u.ImapAccounts {
		if u.ImapAccounts[i].ID == id {
			return &u.ImapAccounts[i], nil
		}
	}
	return nil, fmt.Errorf("user %s has no IMAP account #%d: %w", u.Name, id, storage.ErrNotFound)
}

// folderDirection is the direction of mail in folder: the marked folder's,
// the outbox's, or incoming.
func folderDirection(job imapsync.Job, folder string) storage.Direction {
	for _, f := range job.Folders {
		if f.Name == folder {
			return f.Direction
		}
	}
	if folder == job.Outbox {
		return storage.DirectionOut
	}
	return storage.DirectionIn
}
