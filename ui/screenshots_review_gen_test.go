package ui

import (
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/mail/imapsync"
	"postbridge/mail/route"
	"postbridge/storage"
)

// Pictures a reviewer found missing when holding manual 000 and 001
// against the screens: what each Check button answers (not only the
// button), the magnifier beside Outbox offering to create its own folder,
// and a new IMAP account with the defaults it starts with.

// companySMTPCheck is the company's SMTP tab after Check: connected and
// logged in, nothing sent, and which server the current user's mail goes
// out by.
func companySMTPCheck(w *MainWindow) error {
	if err := companyTab(1)(w); err != nil {
		return err
	}
	res := app.SendResult{Transcript: checkTranscript}
	res.Route.Reason = route.Reason{Key: "route.company_smtp", Args: []string{"smtp.devriesbouw.nl"}}
	w.company.smtp.showOutcome(res, nil)
	scrollAllToBottom(w)
	return nil
}

// companyIMAPCheck is the company's IMAP tab after Check with the
// account of the user chosen beside it: logged in, the folders found,
// and whether the connection is encrypted.
func companyIMAPCheck(w *MainWindow) error {
	if err := companyTab(2)(w); err != nil {
		return err
	}
	var res app.SyncCheckResult
	for _, name := range []string{"INBOX", "Sent", "Drafts", "Archive", "Junk", "Trash",
		"Postbridge/In", "Postbridge/In/Completed", "Postbridge/Out", "Postbridge/Out/Completed"} {
		res.Folders = append(res.Folders, imapsync.Folder{Name: name, Selectable: true})
	}
	res.Encrypted = true
	w.company.imap.showOutcome(res, nil)
	return nil
}

// userCheckShot is the user card's E-mail tab filled as manual 000's
// section 2.2.1 does (the user's own SMTP server, always used), after
// Check: the server accepted the login, and the reason it was chosen.
func userCheckShot(w *MainWindow) error {
	if err := userTab(1)(w); err != nil {
		return err
	}
	c := w.users.card
	c.alwaysOwn.SetChecked(true)
	c.smtpHost.SetText("mail.devriesbouw.nl")
	c.smtpAuth.SetChecked(true)
	c.smtpSecurity.SetSelected(choiceLabel(encryptionOptions(false), string(storage.SecurityTLS)))
	c.smtpPort.SetText("465")
	c.smtpUser.SetText("tineke@devriesbouw.nl")
	res := app.SendResult{Transcript: checkTranscriptTLS}
	res.Route.Reason = route.Reason{Key: "route.user_smtp", Args: []string{"mail.devriesbouw.nl", demoUser}}
	c.smtpCheck.show(res, nil)
	scrollAllToBottom(w)
	return nil
}

// scrollAllToBottom scrolls the screen's scrolled parts to their end,
// where a result was just added, from a whole line as the screen's own
// scrolling to a result does.
func scrollAllToBottom(w *MainWindow) {
	for _, sc := range findAll[*container.Scroll](w.screenContent()) {
		scrollToEnd(sc)
	}
}

// magnifierCreateOutbox is the magnifier beside Outbox with a name the
// server does not have: the same question as for the inbox, for the
// outgoing mail's folder and its Completed (manual 000, section 2.3.2).
func magnifierCreateOutbox(w *MainWindow) error {
	return askToCreate(w, func(c *accountCard) *widget.Entry { return c.folders.outbox }, "Postbridge/Uitgaand")
}

// accountNew is New on the user's IMAP accounts: a blank account card
// with the defaults it starts with, "Link e-mails to the CRM" ticked
// (manual 001: "satt på som standard").
func accountNew(w *MainWindow) error {
	if err := userTab(3)(w); err != nil {
		return err
	}
	acc := w.users.card.accounts
	if len(acc.buttons) == 0 {
		return errNotThere
	}
	acc.edit(newAccount(w.users.card.u.ID))
	if w.users.account == nil {
		return errNotThere
	}
	w.users.account.tabs.SelectIndex(0)
	return nil
}

// checkTranscriptTLS is a Check over implicit TLS (port 465): the login
// and QUIT; no mail is sent.
const checkTranscriptTLS = `S: 220 mail.devriesbouw.nl ESMTP Postfix
C: EHLO werkplek-07
S: 250-mail.devriesbouw.nl
S: 250 AUTH PLAIN LOGIN
C: AUTH PLAIN [redacted]
S: 235 2.7.0 Authentication successful
C: QUIT
S: 221 2.0.0 Bye`

// checkTranscript is a Check's conversation: EHLO, STARTTLS, the login
// (redacted as smtpsend does) and QUIT; no mail is sent.
const checkTranscript = `S: 220 smtp.devriesbouw.nl ESMTP Postfix
C: EHLO werkplek-07
S: 250-smtp.devriesbouw.nl
S: 250-STARTTLS
S: 250 AUTH PLAIN LOGIN
C: STARTTLS
S: 220 2.0.0 Ready to start TLS
C: AUTH PLAIN [redacted]
S: 235 2.7.0 Authentication successful
C: QUIT
S: 221 2.0.0 Bye`
