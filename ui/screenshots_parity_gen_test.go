package ui

import (
	"fmt"

	"fyne.io/fyne/v2/test"

	"postbridge/app"
	"postbridge/mail/imapsync"
	"postbridge/mail/mailerr"
	"postbridge/storage"
)

// Pictures that show the manuals' items themselves: the
// folder pick list behind the magnifier and the dialog after creating a
// folder (manual 000), a blank new mail server card and a failed test
// with its error and Detail (manual 002); the states and refusals the
// manuals describe, each on its own picture.

// folderPick is the list of the server's folders that the magnifier
// beside "Verz. email in" offers: it only picks, never creates.
func folderPick(w *MainWindow) error {
	if err := accountTab(2)(w); err != nil {
		return err
	}
	c := w.users.account
	var list []imapsync.Folder
	for _, f := range c.tree.read() {
		list = append(list, imapsync.Folder{Name: f.Name, Role: f.Role, Selectable: true, Subscribed: f.Subscribed})
	}
	if len(list) == 0 {
		return errNotThere
	}
	c.folders.pick(c.folders.sent, list)
	return nil
}

// folderCreated is the dialog after the magnifier created a folder and
// its Completed.
func folderCreated(w *MainWindow) error {
	if err := accountTab(2)(w); err != nil {
		return err
	}
	f := w.users.account.folders
	f.inbox.SetText("Postbridge/Inkomend")
	f.showCreated([]string{"Postbridge/Inkomend", "Postbridge/Inkomend/Completed"})
	return nil
}

// mailServerNew is New on the Mail servers screen: a blank card, the
// host's example as placeholder, port 25.
func mailServerNew(w *MainWindow) error {
	if err := listButton(navMailServers, 0)(w); err != nil {
		return err
	}
	if w.mailServers.card == nil {
		return errNotThere
	}
	return nil
}

// mailServerTestFailed is a mail server card whose test e-mail failed:
// the error in the reader's language, the server, and Detail open.
func mailServerTestFailed(w *MainWindow) error {
	if err := listButton(navMailServers, 1)(w); err != nil {
		return err
	}
	c := w.mailServers.card
	if c == nil {
		return errNotThere
	}
	err := fmt.Errorf("%s:%d: 535 5.7.8 authentication failed: %w", c.m.Host, c.m.Port, mailerr.ErrAuthFailed)
	c.showTestResult(c.m, app.SendResult{To: "info@devriesbouw.nl", Transcript: failedTranscript}, err)
	test.Tap(c.result.detail)
	return nil
}

// failedTranscript is a test e-mail refused at the login (port 465,
// TLS from the first byte, so no STARTTLS).
const failedTranscript = `S: 220 smtp.devriesbouw.nl ESMTP Postfix
C: EHLO werkplek-07
S: 250-smtp.devriesbouw.nl
S: 250 AUTH PLAIN LOGIN
C: AUTH PLAIN [redacted]
S: 535 5.7.8 Error: authentication failed
C: QUIT
S: 221 2.0.0 Bye`

// mailServerTestSent is the mail server card's own result of a test
// e-mail that went, with its Detail button (manual 002's "melding"); the
// failed test shows Detail open.
func mailServerTestSent(w *MainWindow) error {
	if err := listButton(navMailServers, 1)(w); err != nil {
		return err
	}
	c := w.mailServers.card
	if c == nil {
		return errNotThere
	}
	c.showTestResult(c.m, app.SendResult{To: "info@devriesbouw.nl", Transcript: sentTranscript}, nil)
	return nil
}

// ownServerIPWhitelist is the own mail server relaying with IP
// whitelisting: no user name or password needed (manual 003 D).
func ownServerIPWhitelist(w *MainWindow) error {
	o, err := ownServerRelaying(w, storage.OwnAuthIPWhitelist)
	if err != nil {
		return err
	}
	o.encryption.SetSelected(securityLabel(storage.SecuritySTARTTLS))
	return nil
}

// roleNew is New on the Roles screen: every right unticked, the own
// mail server's among them (manual 003 A: off in every new database).
func roleNew(w *MainWindow) error { return listButton(navRoles, 0)(w) }

// accountMirror is an IMAP account's General tab set to mirror
// (manuals 001, 004): the mail stays on the server.
func accountMirror(w *MainWindow) error {
	if err := accountTab(0)(w); err != nil {
		return err
	}
	c := w.users.account
	c.mode.SetSelected(c.modeLabels()[1])
	return nil
}

// archiveRefused: an archive folder named "Archiv", refused on the field
// when saved (manual 004).
func archiveRefused(w *MainWindow) error {
	if err := accountTab(2)(w); err != nil {
		return err
	}
	c := w.users.account
	c.folders.archive.SetText("Archiv")
	if c.store() == nil {
		return errNotThere
	}
	c.tabs.SelectIndex(2)
	return nil
}

// deleteAfterLimitRefused: deleting after the time limit together with an
// archive folder, refused on the field (manual 004).
func deleteAfterLimitRefused(w *MainWindow) error {
	if err := accountTab(3)(w); err != nil {
		return err
	}
	c := w.users.account
	c.folders.archive.SetText("Projektarchiv")
	c.deleteAfterLimit.SetChecked(true)
	if c.store() == nil {
		return errNotThere
	}
	c.tabs.SelectIndex(3)
	return nil
}

// sentTranscript is the same server's test e-mail that went.
const sentTranscript = `S: 220 smtp.devriesbouw.nl ESMTP Postfix
C: EHLO werkplek-07
S: 250-smtp.devriesbouw.nl
S: 250 AUTH PLAIN LOGIN
C: AUTH PLAIN [redacted]
S: 235 2.7.0 Authentication successful
C: MAIL FROM:<info@devriesbouw.nl>
S: 250 2.1.0 Ok
C: RCPT TO:<info@devriesbouw.nl>
S: 250 2.1.5 Ok
C: DATA
S: 354 End data with <CR><LF>.<CR><LF>
S: 250 2.0.0 Ok: queued as 9KD3Lm4bRw
C: QUIT
S: 221 2.0.0 Bye`
