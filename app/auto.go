package app

import (
	"errors"
	"fmt"
	"time"

	"postbridge/mail/imapsync"
	"postbridge/storage"
)

// AutoAccount is an account the automatic send/receive runs:
// active and with "Include in automatic send and receive" on.
type AutoAccount struct {
	ID       uint
	User     string
	Name     string
	Interval time.Duration // between full passes
}

// ErrNoAutoAccount is returned when no active account of the chosen
// users has automatic send and receive on.
var ErrNoAutoAccount = errors.New("no active IMAP account has automatic send and receive on")

// AutoAccounts lists the automatic accounts of user, or of every user
// when user is empty.
func (a *Actions) AutoAccounts(user string) ([]AutoAccount, error) {
	users, err := a.syncUsers(user, 0)
	if err != nil {
		return nil, err
	}
	var out []AutoAccount
	for _, u := range users {
		for i := range u.ImapAccounts {
			acc := &u.ImapAccounts[i]
			if !acc.Active || !acc.AutoSendReceive {
				continue
			}
			// AutoSyncInterval, not a multiplication here: a value stored
			// before the range check could overflow into a negative interval.
			out = append(out, AutoAccount{ID: acc.ID, User: u.Name, Name: accountName(u.Name, acc),
				Interval: storage.AutoSyncInterval(acc.AutoSyncMinutes)})
		}
	}
	if len(out) == 0 {
		return nil, ErrNoAutoAccount
	}
	return out, nil
}

// WatchTarget is where new mail of an account is announced: its server
// and the folders to hold in IDLE — the inbox in transfer mode (manual
// 000), the synced incoming folders in mirror mode (manual 001).
func (a *Actions) WatchTarget(accountID uint) (imapsync.Server, []string, error) {
	jobs, err := a.syncJobs(SyncFilter{AccountID: accountID})
	if err != nil {
		return imapsync.Server{}, nil, err
	}
	if len(jobs) == 0 {
		return imapsync.Server{}, nil, fmt.Errorf("account %d: %w", accountID, ErrNothingToSync)
	}
	j := jobs[0]
	if j.err != nil {
		return imapsync.Server{}, nil, j.err
	}
	if j.job.Mode == storage.ModeTransfer {
		return j.job.Server, []string{j.job.Inbox}, nil
	}
	var folders []string
	for _, f := range j.job.Folders {
		if f.Direction == storage.DirectionIn {
			folders = append(folders, f.Name)
		}
	}
	return j.job.Server, folders, nil
}
