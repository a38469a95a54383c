package ui

import (
	"fmt"

	"fyne.io/fyne/v2/test"

	"postbridge/mail/actions"
	"postbridge/mail/imapsync"
	"postbridge/mail/mailerr"
)

// Pictures that show the manuals' items themselves (issue 25): the
// folder pick list behind the magnifier and the dialog after creating a
// folder (manual 000), a blank new mail server card and a failed test
// with its error and Detail (manual 002).

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
	c.showTestResult(c.m, actions.SendResult{To: "info@devriesbouw.nl", Transcript: failedTranscript}, err)
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
