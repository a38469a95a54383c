package ui

import (
	"errors"

	"postbridge/domain"
	"postbridge/mail/autoconfig"
	"postbridge/mail/imapsync"
	"postbridge/storage"
)

// assistantShots are the first-start assistant's steps and the Find
// settings result, on the demo office's address. The found
// settings are set, not looked up: pictures need no network.
func assistantShots() []shot {
	return []shot{
		{"28-assistant-company", assistantStep(0)},
		{"29-assistant-found", assistantStep(1)},
		{"30-assistant-check", assistantStep(2)},
		{"31-assistant-user", assistantStep(3)},
		{"32-assistant-done", assistantStep(4)},
		{"33-find-settings", findSettingsShot},
		{"34-assistant-signin", assistantSignIn},
		{"35-assistant-user-signin", assistantUserSignIn},
	}
}

// demoFound is what Find settings answers for the demo office: its
// domain publishes an autoconfig file; the other sources are listed.
func demoFound() autoconfig.Result {
	imap := &autoconfig.Server{Host: "imap.devriesbouw.nl", Port: 993, Security: storage.SecurityTLS,
		Username: "info@devriesbouw.nl", Auth: autoconfig.AuthPassword}
	smtp := &autoconfig.Server{Host: "smtp.devriesbouw.nl", Port: 587, Security: storage.SecuritySTARTTLS,
		Username: "info@devriesbouw.nl", Auth: autoconfig.AuthPassword}
	file := &autoconfig.Settings{IMAP: imap, SMTP: smtp}
	return autoconfig.Result{Address: "info@devriesbouw.nl", Domain: "devriesbouw.nl", Chosen: file,
		FoundBy: autoconfig.SourceAutoconfig, Attempts: []autoconfig.Attempt{
			{Source: autoconfig.SourceProvider, Tried: []string{"devriesbouw.nl"}},
			{Source: autoconfig.SourceAutoconfig, Tried: []string{"https://autoconfig.devriesbouw.nl/mail/config-v1.1.xml"}, Found: file},
			{Source: autoconfig.SourceSRV, Tried: []string{"_imaps._tcp.devriesbouw.nl", "_imap._tcp.devriesbouw.nl",
				"_submissions._tcp.devriesbouw.nl", "_submission._tcp.devriesbouw.nl"}, Err: autoconfig.ErrNoRecords},
			{Source: autoconfig.SourceMX, Tried: []string{"MX devriesbouw.nl = mx.devriesbouw.nl"}},
			{Source: autoconfig.SourceProbe, Err: autoconfig.ErrSkipped},
		}}
}

func assistantStep(i int) func(w *MainWindow) error {
	return func(w *MainWindow) error {
		a := w.openAssistant()
		a.name.SetText("Bouwbedrijf De Vries B.V.")
		a.email.SetText("info@devriesbouw.nl")
		if i == 0 {
			return nil
		}
		a.found(demoFound(), nil)
		a.password.SetText("password")
		if i >= 2 {
			a.show(2)
			folders := []imapsync.Folder{{Name: "INBOX"}, {Name: "Sent"}, {Name: "Drafts"}, {Name: "Postbridge/In"}, {Name: "Postbridge/Out"}}
			a.result.show(true, "IMAP: "+imapResult(imapsync.CheckResult{Encrypted: true, Folders: folders}, nil)+
				"\nSMTP: "+smtpResult(nil), "", "")
			setEnabled(true, a.saveBtn)
		}
		if i >= 3 {
			a.userEmail.SetText("info@devriesbouw.nl")
			a.userLogin.SetText("info@devriesbouw.nl")
			a.userName.SetText(demoUser)
			a.userPass.SetText("password")
			a.show(3)
		}
		if i == 4 {
			a.show(4)
		}
		return nil
	}
}

// findSettingsShot is the Find settings result on the Company SMTP tab.
func findSettingsShot(w *MainWindow) error {
	if err := companyTab(1)(w); err != nil {
		return err
	}
	w.showFound(demoFound(), nil, func(found) {})
	if w.win.Canvas().Overlays().Top() == nil {
		return errors.New("no Find settings dialog")
	}
	return nil
}

// assistantSignIn is the sign-in step for an office at Microsoft 365
// (found by its MX): the app registration entered, signed in, checked.
func assistantSignIn(w *MainWindow) error {
	a := w.openAssistant()
	a.name.SetText("Bouwbedrijf De Vries B.V.")
	a.email.SetText("info@devriesbouw.nl")
	server := func(host string, port int, sec storage.Security) *autoconfig.Server {
		return &autoconfig.Server{Host: host, Port: port, Security: sec, Username: "info@devriesbouw.nl", Auth: autoconfig.AuthOAuth2}
	}
	ms := &autoconfig.Settings{IMAP: server("outlook.office365.com", 993, storage.SecurityTLS),
		SMTP: server("smtp.office365.com", 587, storage.SecuritySTARTTLS), Provider: "Microsoft 365", OAuthProvider: domain.ProviderMicrosoft}
	a.found(autoconfig.Result{Address: "info@devriesbouw.nl", Domain: "devriesbouw.nl", Chosen: ms, FoundBy: autoconfig.SourceMX,
		Attempts: []autoconfig.Attempt{{Source: autoconfig.SourceMX, Tried: []string{"MX devriesbouw.nl = devriesbouw-nl.mail.protection.outlook.com"}, Found: ms}}}, nil)
	a.show(2)
	f := a.oauth
	f.tenant.SetText("devriesbouw.nl")
	f.clientID.SetText("3f1c9a52-7d2e-4b8a-9c61-0e5d4a7b2f90")
	f.showStatus(demoStatus("info@devriesbouw.nl"))
	folders := []imapsync.Folder{{Name: "INBOX"}, {Name: "Sent Items"}, {Name: "Drafts"}, {Name: "Postbridge/In"}, {Name: "Postbridge/Out"}}
	a.result.show(true, "IMAP: "+imapResult(imapsync.CheckResult{Encrypted: true, Mechanism: "XOAUTH2", Folders: folders}, nil)+
		"\nSMTP: "+smtpResult(nil), "", "")
	setEnabled(true, a.saveBtn)
	return nil
}

// assistantUserSignIn is the first user's step at that office: the
// account follows the company's OAuth2 default and the user signs in.
func assistantUserSignIn(w *MainWindow) error {
	if err := assistantSignIn(w); err != nil {
		return err
	}
	a := w.assistant
	a.coAuth, a.coOAuth = a.oauth.read()
	a.userEmail.SetText("tineke@devriesbouw.nl")
	a.userLogin.SetText("tineke@devriesbouw.nl")
	a.userName.SetText(demoUser)
	a.show(3)
	a.userOAuth.showStatus(demoStatus("tineke@devriesbouw.nl"))
	a.userResult.show(true, imapResult(imapsync.CheckResult{Encrypted: true, Mechanism: "XOAUTH2",
		Folders: []imapsync.Folder{{Name: "INBOX"}, {Name: "Sent Items"}, {Name: "Postbridge/In"}, {Name: "Postbridge/Out"}}}, nil), "", "")
	setEnabled(true, a.userSaveBtn)
	return nil
}
