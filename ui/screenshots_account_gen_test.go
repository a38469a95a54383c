package ui

import (
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"postbridge/app"
	"postbridge/mail/route"
	"postbridge/storage"
)

// The pictures of the IMAP account's own SMTP server (manuals 001, 004)
// and of the user card's delegates (manual 000).

// accountOwnSMTP is the Servers tab with the account's own SMTP server
// chosen and filled in, scrolled to the outgoing server.
func accountOwnSMTP(w *MainWindow) error {
	if err := accountTab(1)(w); err != nil {
		return err
	}
	s := w.users.account.smtp
	s.choice.SetSelected(s.ownLabel)
	s.host.SetText("mail.devriesbouw.nl")
	s.security.SetSelected(choiceLabel(encryptionOptions(false), string(storage.SecurityTLS)))
	s.testTo.SetText("info@devriesbouw.nl")
	if len(findAll[*container.Scroll](w.screenContent())) == 0 {
		return errNotThere
	}
	scrollAllToBottom(w)
	return nil
}

// accountTestMailResult is the result of "Test E-Mail senden" through
// the account's own server, with Detail open.
func accountTestMailResult(w *MainWindow) error {
	if err := accountOwnSMTP(w); err != nil {
		return err
	}
	s := w.users.account.smtp
	res := app.SendResult{To: "info@devriesbouw.nl", Transcript: accountTranscript}
	res.Route.Reason = route.Reason{Key: "route.account_smtp", Args: []string{"mail.devriesbouw.nl", "Kantoor"}}
	s.resultDialog(true, sendOutcome(res, nil), routeReason(res), res.Transcript)
	test.Tap(s.result.detail)
	return nil
}

// accountTranscript is a test e-mail's conversation over implicit TLS
// (port 465), password redacted as smtpsend does.
const accountTranscript = `S: 220 mail.devriesbouw.nl ESMTP Postfix
C: EHLO werkplek-07
S: 250-mail.devriesbouw.nl
S: 250-PIPELINING
S: 250 AUTH PLAIN LOGIN
C: AUTH PLAIN [redacted]
S: 235 2.7.0 Authentication successful
C: MAIL FROM:<tineke@devriesbouw.nl>
S: 250 2.1.0 Ok
C: RCPT TO:<info@devriesbouw.nl>
S: 250 2.1.5 Ok
C: DATA
S: 354 End data with <CR><LF>.<CR><LF>
S: 250 2.0.0 Ok: queued as 7HX4Kp2aQz
C: QUIT
S: 221 2.0.0 Bye`

// userDelegates is the user card's Delegates tab with a second delegate
// added (not saved), so the table shows more than one row.
func userDelegates(w *MainWindow) error {
	if err := userTab(2)(w); err != nil {
		return err
	}
	w.users.card.delegates.addUser("Thijs Bakker")
	return nil
}
