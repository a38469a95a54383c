package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"postbridge/mail/imapsync"
	"postbridge/storage"
)

// SyncFilter picks what Synchronize runs: one user's accounts (or every
// user's, for an admin), or one account.
type SyncFilter struct {
	User      string // empty: every user
	AccountID uint   // 0: every active account of the chosen users
	// Stop, when closed, ends the sync at the next batch boundary
	// (imapsync.Job.Stop): a service stop that cuts nothing off.
	Stop <-chan struct{}
	// Wait, when another process synchronizes an account, waits until it
	// is done (or ctx ends) instead of returning *AccountBusyError at once.
	Wait bool
	// Waiting, when set, hears once per account that Wait waits for
	// another process, and for whom.
	Waiting func(*AccountBusyError)
}

// SyncResult is one account's outcome.
type SyncResult struct {
	User      string
	AccountID uint
	Account   string
	Counts    imapsync.Counts
	Err       error
}

// ErrNothingToSync is returned when the filter matches no active account.
var ErrNothingToSync = errors.New("no active IMAP account to synchronise")

// Sync is the Synchronize button: it runs every active account the filter
// picks, one after the other, and returns each account's result. Events
// of all accounts go to events. A failing account does not stop the others.
func (a *Actions) Sync(ctx context.Context, f SyncFilter, events chan<- imapsync.Event) ([]SyncResult, error) {
	jobs, err := a.syncJobs(f)
	if err != nil {
		return nil, err
	}
	if len(jobs) == 0 {
		return nil, ErrNothingToSync
	}
	if a.Store.Kind() == "postgres" {
		defer a.following.start(a.Store)() // sync_index.go
	}
	var results []SyncResult
	var errs []error
	for _, j := range jobs {
		if j.err == nil {
			j.result.Counts, j.err = a.runRecovered(ctx, j, f, events)
			j.files.discard()
		}
		j.err = needsSignIn(j.err, j.result.User, j.accountID)
		j.result.Err = j.err
		results = append(results, j.result)
		if j.err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", j.result.Account, j.err))
		}
		if ctx.Err() != nil {
			break
		}
	}
	a.indexNewMail(results)
	return results, errors.Join(errs...)
}

// indexNewMail brings the search index up to the mail just imported, on
// its own goroutine: the sync returns as soon as the mail is safe and
// filed, and the index follows (storage/search.go). A search before it
// is done catches the index up itself; a program that ends first leaves
// the rest for the next time. On PostgreSQL the follower does it
// (sync_index.go).
func (a *Actions) indexNewMail(results []SyncResult) {
	if a.Store.Kind() == "postgres" {
		return
	}
	for _, r := range results {
		if r.Counts.Imported > 0 {
			go a.Store.IndexSearch(context.Background())
			return
		}
	}
}

// runRenewing runs one account's sync. A server may cut a session when
// its OAuth2 access token expires (Microsoft: "BYE ... AccessTokenExpired",
// after about an hour, while a first import can take longer); the sync
// then goes on once over a new connection with a renewed token. The
// engine resumes where it stopped, so nothing is imported or filed twice.
func runRenewing(ctx context.Context, job imapsync.Job, events chan<- imapsync.Event) (imapsync.Counts, error) {
	counts, err := imapsync.Run(ctx, job, events)
	if err == nil || ctx.Err() != nil || job.Server.Token == nil || !job.Server.Token.Expired() {
		return counts, err
	}
	more, err := imapsync.Run(ctx, job, events)
	counts.Add(more)
	return counts, err
}

type plannedJob struct {
	accountID uint
	job       imapsync.Job
	files     *attachmentWriter
	result    SyncResult
	err       error // set when the job could not be prepared (missing password, ...)
}

func (a *Actions) syncJobs(f SyncFilter) ([]plannedJob, error) {
	c, err := a.Store.Company()
	if err != nil {
		return nil, err
	}
	users, err := a.syncUsers(f.User, f.AccountID)
	if err != nil {
		return nil, err
	}
	var jobs []plannedJob
	for _, u := range users {
		for i := range u.ImapAccounts {
			acc := &u.ImapAccounts[i]
			if !acc.Active || (f.AccountID != 0 && acc.ID != f.AccountID) {
				continue
			}
			p := a.planJob(c, u.Name, acc)
			p.job.Stop = f.Stop
			jobs = append(jobs, p)
		}
	}
	return jobs, nil
}

// syncUsers loads the users whose accounts a sync may take: the named
// one, the owner of account, or everyone. The automatic send/receive
// syncs one account per pass; loading every user for it cost four
// queries per user on each pass, 80 with 20 watched mailboxes.
func (a *Actions) syncUsers(name string, account uint) ([]storage.User, error) {
	if name != "" {
		u, err := a.Store.UserByName(name)
		return []storage.User{u}, err
	}
	if account != 0 {
		u, err := a.Store.UserOfAccount(account)
		if errors.Is(err, storage.ErrNotFound) {
			return nil, nil // a removed account: nothing to sync, as before
		}
		return []storage.User{u}, err
	}
	list, err := a.Store.Users()
	if err != nil {
		return nil, err
	}
	var full []storage.User
	for _, u := range list {
		fu, err := a.Store.UserByName(u.Name)
		if err != nil {
			return nil, err
		}
		full = append(full, fu)
	}
	return full, nil
}

func (a *Actions) planJob(c storage.Company, user string, acc *storage.ImapAccount) plannedJob {
	name := accountName(user, acc)
	p := plannedJob{accountID: acc.ID, result: SyncResult{User: user, AccountID: acc.ID, Account: name}}
	srv, err := a.imapServer(c, acc)
	if err != nil {
		p.err = err
		return p
	}
	p.job = imapsync.Job{AccountID: acc.ID, AccountName: name, Server: srv, Mode: acc.Mode,
		Inbox: acc.Inbox, Outbox: acc.Outbox, Folders: mirrorFolders(acc), ProjectRoot: acc.ProjectRoot,
		SyncDays: acc.SyncDays, Archive: acc.Archive, DeleteAfterLimit: acc.DeleteAfterLimit,
		Store: a.Store, Now: a.Now, MaxMessageBytes: int64(c.MaxMessageMB) << 20}
	p.files = newAttachmentWriter(c.AttachmentPath)
	p.job.Convert, p.job.BeforeCommit = a.converter(p.files), p.files.finish
	if a.Now == nil {
		p.job.Now = time.Now
	}
	return p
}

// accountName is how the sync log names an account: its description,
// else its user name with the user and ID.
func accountName(user string, acc *storage.ImapAccount) string {
	if acc.Description != "" {
		return acc.Description
	}
	return acc.Username + " (" + user + ", #" + strconv.Itoa(int(acc.ID)) + ")"
}

// mirrorFolders are the folders marked for sync (manual 001), with the
// direction their mail has; without any marked, the inbox.
func mirrorFolders(acc *storage.ImapAccount) []imapsync.SyncFolder {
	var list []imapsync.SyncFolder
	for _, f := range acc.Folders {
		if !f.Sync {
			continue
		}
		dir := storage.DirectionIn
		switch {
		case f.Name == acc.Sent || f.Role == "Sent":
			dir = storage.DirectionOut
		case f.Name == acc.Drafts || f.Role == "Drafts":
			dir = storage.DirectionDraft
		}
		list = append(list, imapsync.SyncFolder{Name: f.Name, Direction: dir})
	}
	if len(list) == 0 {
		inbox := acc.Inbox
		if inbox == "" {
			inbox = "INBOX"
		}
		list = append(list, imapsync.SyncFolder{Name: inbox, Direction: storage.DirectionIn})
	}
	return list
}
