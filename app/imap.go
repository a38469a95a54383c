package app

import (
	"context"

	"postbridge/mail/imapsync"
	"postbridge/storage"
)

// userAccount loads the company and a user's default IMAP account.
func (a *Actions) userAccount(userName string) (storage.Company, *storage.ImapAccount, error) {
	c, err := a.Store.Company()
	if err != nil {
		return c, nil, err
	}
	u, err := a.Store.UserByName(userName)
	if err != nil {
		return c, nil, err
	}
	acc, err := account(&u)
	return c, acc, err
}

// dialUser connects to the user's default IMAP account.
func (a *Actions) dialUser(ctx context.Context, userName string) (*imapsync.Conn, *storage.ImapAccount, error) {
	c, acc, err := a.userAccount(userName)
	if err != nil {
		return nil, nil, err
	}
	srv, err := a.imapServer(c, acc)
	if err != nil {
		return nil, nil, err
	}
	conn, err := imapsync.Dial(ctx, srv)
	return conn, acc, err
}

// CheckIMAP is the Check IMAP button for a user's default account.
func (a *Actions) CheckIMAP(ctx context.Context, userName string) (imapsync.CheckResult, error) {
	c, acc, err := a.userAccount(userName)
	if err != nil {
		return imapsync.CheckResult{}, err
	}
	srv, err := a.imapServer(c, acc)
	if err != nil {
		return imapsync.CheckResult{}, err
	}
	return imapsync.Check(ctx, srv)
}

// Folders lists the folders of the user's default account (Reload folders, manual 004).
func (a *Actions) Folders(ctx context.Context, userName string) ([]imapsync.Folder, error) {
	conn, _, err := a.dialUser(ctx, userName)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	return conn.Folders()
}

// EnsureFolders is the magnifier (manual 000): the account's inbox and
// outbox and their Completed subfolders are created when missing; a
// missing sent folder is an error.
func (a *Actions) EnsureFolders(ctx context.Context, userName string) (imapsync.EnsureResult, error) {
	conn, acc, err := a.dialUser(ctx, userName)
	if err != nil {
		return imapsync.EnsureResult{}, err
	}
	defer conn.Close()
	return conn.EnsureFolders(acc.Inbox, acc.Outbox, acc.Sent)
}
