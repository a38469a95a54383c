package domain

import "strconv"

// AccountSMTP is an IMAP account's own outgoing server: manual 001's
// "kobling til sin egen e-postleverandørs utgående server (SMTP)" on the
// Servers tab, manual 004's SMTP-Server-Port and "Test E-Mail senden" on
// the account. A provider's mailbox (Microsoft 365, Google, a hosting
// company) usually accepts mail for its address only through its own
// SMTP server, with the mailbox's login, so that is the default here.
type AccountSMTP struct {
	Endpoint `gorm:"embedded"`
	// Auth says whether to log in at all (a relay on the office's
	// network may take mail without).
	Auth bool
	// OwnLogin logs in with Login. Without it (the zero value) the
	// account's IMAP login is used, password or OAuth2 sign-in alike:
	// one mailbox, one login, one secret in the keyring.
	OwnLogin bool
	Login    `gorm:"embedded"`
}

// IsSet reports whether the account has an own outgoing server.
func (s AccountSMTP) IsSet() bool { return s.Host != "" }

// IMAPLogin is the login an account uses on its IMAP server: its own,
// with the company IMAP tab's method and app registration when the
// account names none (the company IMAP is the accounts' default server,
// so the admin enters the client ID once).
func IMAPLogin(c Company, a ImapAccount) Login {
	l := a.Login
	if l.AuthMethod == "" {
		l.AuthMethod = c.IMAPAuth
	}
	if l.AuthMethod.IsOAuth2() && l.OAuth.IsZero() {
		l.OAuth = c.IMAPOAuth
	}
	return l
}

// SMTPLogin is the login an account uses on its own SMTP server and the
// keyring key of its secret: the IMAP login under the IMAP key, or the
// own login under its key (SecretAccountSMTP when it names none).
func SMTPLogin(c Company, a ImapAccount) Login {
	if !a.SMTP.OwnLogin {
		return IMAPLogin(c, a)
	}
	l := a.SMTP.Login
	if l.SecretKey == "" && a.SecretKey != "" {
		l.SecretKey = SecretAccountSMTP(a.SecretKey)
	}
	return l
}

// AccountName is how people know an account: its description, else its
// address, else its user name.
func AccountName(a ImapAccount) string {
	for _, s := range []string{a.Description, a.Address, a.Username} {
		if s != "" {
			return s
		}
	}
	return "#" + strconv.FormatUint(uint64(a.ID), 10)
}
