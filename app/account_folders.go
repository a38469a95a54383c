package app

import (
	"context"

	"postbridge/mail/imapsync"
	"postbridge/storage"
)

// The account card's folder buttons (manual 000 magnifier, manual 004
// "IMAP-Ordner neu laden") work on the account as it stands on the card,
// which may not be saved yet: its server fields and, when one was typed,
// its password. An empty password means the one in the keyring.

// dialAccount connects to acc with password (or the keyring's).
func (a *Actions) dialAccount(ctx context.Context, acc storage.ImapAccount, password string) (*imapsync.Conn, error) {
	c, err := a.Store.Company()
	if err != nil {
		return nil, err
	}
	srv, err := a.imapServerTyped(c, &acc, password)
	if err != nil {
		return nil, err
	}
	return imapsync.Dial(ctx, srv)
}

// FoldersOf lists the folders of acc (the magnifier's pick list, Reload
// IMAP folders).
func (a *Actions) FoldersOf(ctx context.Context, acc storage.ImapAccount, password string) ([]imapsync.Folder, error) {
	conn, err := a.dialAccount(ctx, acc, password)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	return conn.Folders()
}

// CreateFolder creates folder and its Completed subfolder on acc's server
// when missing (manual 000: "Automatisch zijn er nu twee nieuwe folders
// aangemaakt"); it returns the names it created.
func (a *Actions) CreateFolder(ctx context.Context, acc storage.ImapAccount, password, folder string) ([]string, error) {
	conn, err := a.dialAccount(ctx, acc, password)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	res, err := conn.EnsureFolders(folder, "", "")
	return res.Created, err
}
