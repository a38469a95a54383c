package app

import (
	"postbridge/mail/route"
	"postbridge/storage"
)

// Sender is who a test e-mail or a Check is for: a user, and the IMAP
// account the mail goes out from. AccountID 0 is the user's default
// account, the one that sends the user's mail (manual 001: "Huk av for
// Standard på den kontoen du vil systemet skal benytte til e-post
// utsendinger"); a user without accounts sends as before.
type Sender struct {
	User      string
	AccountID uint
}

// senderInput is routeInput with the sending account: its own SMTP
// server is route rule 0, and mail from it carries its address (manual
// 004: the account's name and address are the sender).
func (a *Actions) senderInput(s Sender) (route.Input, storage.User, *storage.ImapAccount, error) {
	in, u, err := a.routeInput(s.User)
	if err != nil {
		return in, u, nil, err
	}
	acc, err := sendingAccount(&u, s.AccountID)
	if err != nil {
		return in, u, nil, err
	}
	in.Account = acc
	if acc != nil && acc.Address != "" {
		in.From = acc.Address
	}
	return in, u, acc, nil
}

// sendingAccount is the account id names, or the user's default one;
// nil for a user without accounts.
func sendingAccount(u *storage.User, id uint) (*storage.ImapAccount, error) {
	if id != 0 {
		return accountByID(u, id)
	}
	if len(u.ImapAccounts) == 0 {
		return nil, nil
	}
	return account(u)
}

// senderName is the name beside the From address: the account's display
// name (manual 004: "Max Mustermann <mm@projektpro.de>"), else the user's.
func senderName(u storage.User, acc *storage.ImapAccount) string {
	if acc != nil && acc.DisplayName != "" {
		return acc.DisplayName
	}
	return u.Name
}
