package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/domain"
	"postbridge/mail/imapsync"
	"postbridge/mail/oauth"
	"postbridge/mail/route"
	"postbridge/problem"
	"postbridge/storage"
)

// shots is every picture, in the order and with the names that
// docs/manual-parity.md refers to.
func shots() []shot {
	return append([]shot{
		{"01-company-general", companyTab(0)},
		{"02-company-smtp", companyTab(1)},
		{"03-company-imap", companyTab(2)},
		{"04-company-ownserver", companyTab(3)},
		{"05-company-domains", companyTab(4)},
		{"06-mailservers", tableRow(navMailServers)},
		{"07-mailserver-card", listButton(navMailServers, 1)},
		{"08-mailserver-delete", listButton(navMailServers, 2)},
		{"09-users", tableRow(navUsers)},
		{"10-user-general", userTab(0)},
		{"11-user-email", userTab(1)},
		{"12-account-general", accountTab(0)},
		{"13-account-servers", accountTab(1)},
		{"14-account-folders", accountTab(2)},
		{"15-account-advanced", accountTab(3)},
		{"16-magnifier-create", magnifierCreate},
		{"17-roles", tableRow(navRoles)},
		{"18-relations", tableRow(navRelations)},
		{"19-projects", tableRow(navProjects)},
		{"20-messages", messagesWithDetail},
		{"21-synchronize", synchronizing},
		{"22-testmail-result", testMailResult},
		{"23-domain-validation", domainValidationDialog},
		{"24-unsaved-question", unsavedQuestion},
		{"25-validation-error", validationError},
		{"26-synclog", syncLog},
		{"27-account-servers-oauth", accountServersOAuth},
		{"36-health", screenOnly(navHealth)},
		{"37-tray", trayMenu},
		{"38-role-card", listButton(navRoles, 1)},
		{"39-relation-card", listButton(navRelations, 1)},
		{"40-project-card", projectCardWithMail},
		{"41-user-accounts", userTab(3)},
		{"42-mailserver-duplicate", mailServerDuplicate},
		{"43-ownserver-password", ownServerPasswordRequired},
		{"44-account-folder-tree", accountFolderTree},
		{"45-domain-code", domainCode},
		{"46-account-smtp", accountOwnSMTP},
		{"47-account-testmail", accountTestMailResult},
		{"48-user-delegates", userDelegates},
		{"49-folder-pick", folderPick},
		{"50-folder-created", folderCreated},
		{"51-mailserver-new", mailServerNew},
		{"52-mailserver-test-failed", mailServerTestFailed},
		{"53-mailserver-test-sent", mailServerTestSent},
		{"54-ownserver-ip", ownServerIPWhitelist},
		{"55-role-new", roleNew},
		{"56-account-mirror", accountMirror},
		{"57-archive-refused", archiveRefused},
		{"58-delete-after-limit-refused", deleteAfterLimitRefused},
		{"59-domain-delivery", domainDelivery},
		{"60-ownserver-sendas", ownServerSendAs},
		{"61-messages-deleted-at-provider", messagesDeletedAtProvider},
		{"62-ownserver-readonly", ownServerReadOnly},
		{"63-ownserver-configured", ownServerConfigured},
		{"64-validation-mail", validationMail},
		{"65-integrations", integrations},
		{"66-token-created", tokenCreated},
		{"67-token-revoke", tokenRevoke},
		{"68-company-smtp-check", companySMTPCheck},
		{"69-company-imap-check", companyIMAPCheck},
		{"70-user-smtp-check", userCheckShot},
		{"71-magnifier-create-outbox", magnifierCreateOutbox},
		{"72-account-new", accountNew},
	}, assistantShots()...)
}

// demoUser is the current user of the pictures (package demo's first).
const demoUser = "Tineke de Vries"

func screenOnly(i int) func(w *MainWindow) error {
	return func(w *MainWindow) error {
		w.toolbar.user.SetSelected(demoUser)
		w.display(i)
		return nil
	}
}

// tableRow shows a list screen with its first row chosen and its
// detail pane open.
func tableRow(i int) func(w *MainWindow) error {
	return func(w *MainWindow) error {
		screenOnly(i)(w)
		return w.chooseFirstTableRow()
	}
}

func listButton(screen, button int) func(w *MainWindow) error {
	return func(w *MainWindow) error {
		screenOnly(screen)(w)
		return w.chooseFirstAndTap(button)
	}
}

func companyTab(i int) func(w *MainWindow) error {
	return func(w *MainWindow) error {
		screenOnly(navCompany)(w)
		return w.selectTab(i)
	}
}

// shotUserCard opens the demo user's card (Change on the Users list).
func shotUserCard(w *MainWindow) error {
	screenOnly(navUsers)(w)
	if w.users == nil {
		return errNotThere
	}
	for i, u := range w.users.rows {
		if u.Name == demoUser {
			w.users.list.Select(i)
			w.users.changeSelected()
		}
	}
	if w.users.card == nil {
		return errNotThere
	}
	return nil
}

func userTab(i int) func(w *MainWindow) error {
	return func(w *MainWindow) error {
		if err := shotUserCard(w); err != nil {
			return err
		}
		w.users.card.tabs.SelectIndex(i)
		return nil
	}
}

// shotAccountCard opens the first user's first IMAP account.
func shotAccountCard(w *MainWindow) error {
	if err := shotUserCard(w); err != nil {
		return err
	}
	acc := w.users.card.accounts
	if len(acc.rows) == 0 {
		return errNotThere
	}
	acc.edit(acc.rows[0])
	if w.users.account == nil {
		return errNotThere
	}
	return nil
}

func accountTab(i int) func(w *MainWindow) error {
	return func(w *MainWindow) error {
		if err := shotAccountCard(w); err != nil {
			return err
		}
		w.users.account.tabs.SelectIndex(i)
		return nil
	}
}

// magnifierCreate is manual 000's question before the magnifier creates
// a folder that the server does not have.
func magnifierCreate(w *MainWindow) error {
	return askToCreate(w, func(c *accountCard) *widget.Entry { return c.folders.inbox }, "Postbridge/Inkomend")
}

// askToCreate types name, which the server does not have, into the
// account's folder field and presses its magnifier.
func askToCreate(w *MainWindow, field func(*accountCard) *widget.Entry, name string) error {
	if err := accountTab(2)(w); err != nil {
		return err
	}
	c := w.users.account
	f := field(c)
	f.SetText(name)
	c.folders.confirmCreate(f, name, c.read(), "")
	return nil
}

// messagesWithDetail shows the Messages screen with a message that
// needs attention chosen, so its link choice shows.
func messagesWithDetail(w *MainWindow) error {
	screenOnly(navMessages)(w)
	checks := findAll[*widget.Check](w.screenContent())
	if len(checks) > 0 {
		checks[0].SetChecked(true) // needs attention only
	}
	return w.chooseFirstRow()
}

// synchronizing is the toolbar in the middle of a Synchronize.
func synchronizing(w *MainWindow) error {
	screenOnly(navMessages)(w)
	b := w.toolbar
	b.syncBtn.Disable()
	b.cancelBt.Enable()
	b.progress.Show()
	b.show(imapsync.Progress{Source: kantoor, Folder: "Postbridge/In", Done: 40, Total: 120})
	return nil
}

// testMailResult is the SMTP tab after Send test e-mail, Detail open.
// The test goes out as the toolbar's user, and the demo's Tineke works
// at Werkplaats Houten, so the route is her work location's mail server
// (manual 002), as route.Choose picks it for her.
func testMailResult(w *MainWindow) error {
	if err := companyTab(1)(w); err != nil {
		return err
	}
	res := app.SendResult{To: "info@devriesbouw.nl", Transcript: workLocationTranscript}
	res.Route.Reason = route.Reason{Key: "route.work_location", Args: []string{"Werkplaats Houten", demoUser}}
	w.company.smtp.showOutcome(res, nil)
	test.Tap(w.company.smtp.result.detail)
	return nil
}

// demoTranscript is what a test e-mail's Detail shows, password redacted
// as smtpsend does.
const demoTranscript = `S: 220 smtp.devriesbouw.nl ESMTP Postfix
C: EHLO werkplek-07
S: 250-smtp.devriesbouw.nl
S: 250-STARTTLS
S: 250 AUTH PLAIN LOGIN
C: STARTTLS
S: 220 2.0.0 Ready to start TLS
C: AUTH PLAIN [redacted]
S: 235 2.7.0 Authentication successful
C: MAIL FROM:<info@devriesbouw.nl>
S: 250 2.1.0 Ok
C: RCPT TO:<info@devriesbouw.nl>
S: 250 2.1.5 Ok
C: DATA
S: 354 End data with <CR><LF>.<CR><LF>
S: 250 2.0.0 Ok: queued as 4TQ2Jk1xYz
C: QUIT
S: 221 2.0.0 Bye`

// workLocationTranscript is demoTranscript through the work location's
// server, from the user's own address.
var workLocationTranscript = strings.NewReplacer("smtp.devriesbouw.nl", "mail.werkplaats.devriesbouw.nl",
	"MAIL FROM:<info@", "MAIL FROM:<tineke@").Replace(demoTranscript)

// domainValidationDialog is manual 003's validation of a sending domain.
func domainValidationDialog(w *MainWindow) error {
	if err := companyTab(3)(w); err != nil {
		return err
	}
	w.company.own.validation.open()
	return nil
}

// unsavedQuestion: a changed company name, then another screen chosen.
func unsavedQuestion(w *MainWindow) error {
	if err := companyTab(0)(w); err != nil {
		return err
	}
	w.company.d.mark()
	w.show(navMailServers)
	return nil
}

// validationError: a port that is not a port, refused at the field.
func validationError(w *MainWindow) error {
	if err := companyTab(1)(w); err != nil {
		return err
	}
	w.company.smtp.port.SetText("70000")
	w.company.save()
	return nil
}

// accountServersOAuth is the account card's Servers tab signing in with
// OAuth2 at Microsoft 365, signed in.
func accountServersOAuth(w *MainWindow) error {
	if err := accountTab(1)(w); err != nil {
		return err
	}
	c := w.users.account
	f := c.oauth
	f.method.SetSelected(methodLabel(domain.AuthOAuth2))
	f.provider.SetSelected(providerLabel(domain.ProviderMicrosoft))
	f.tenant.SetText("devriesbouw.nl")
	f.clientID.SetText("3f1c9a52-7d2e-4b8a-9c61-0e5d4a7b2f90")
	f.showStatus(demoStatus(firstNonEmpty(c.address.Text, c.username.Text)))
	return nil
}

// kantoor is the account the sync screenshots show; without an ID, its
// log lines open no card.
var kantoor = imapsync.Source{Account: "Kantoor"}

// syncLog shows the log of a finished Synchronize.
func syncLog(w *MainWindow) error {
	for _, e := range []imapsync.Event{
		imapsync.AccountStarted{Source: kantoor},
		imapsync.FolderStarted{Source: kantoor, Folder: "Postbridge/In"},
		imapsync.Warning{Source: kantoor, Folder: "Postbridge/In", UID: 7, Problem: problem.New("message.unknown_charset", "A", "x-mac-dutch")},
		imapsync.FolderStarted{Source: kantoor, Folder: "Postbridge/Out"},
		imapsync.AccountDone{Source: kantoor, Counts: imapsync.Counts{Imported: 12, Moved: 12, Linked: 9, Unlinked: 2, NeedsAttention: 1, Warnings: 1}},
	} {
		w.log(e)
	}
	screenOnly(navSyncLog)(w)
	return nil
}

// demoStatus is a signed-in status for the screenshots.
func demoStatus(account string) oauth.Status {
	now := time.Date(2024, 5, 21, 9, 30, 0, 0, time.Local)
	return oauth.Status{SignedIn: true, Account: account, SignedInAt: now, AccessUntil: now.Add(time.Hour)}
}

// mailServerDuplicate: a new mail server named like one that exists,
// refused on the field (manual 002: "Iedere naam moet uniek zijn").
func mailServerDuplicate(w *MainWindow) error {
	if err := listButton(navMailServers, 0)(w); err != nil {
		return err
	}
	c := w.mailServers.card
	if c == nil || len(w.mailServers.rows) == 0 {
		return errNotThere
	}
	c.ident.SetText(w.mailServers.rows[0].Identification)
	c.host.SetText("smtp2.devriesbouw.nl")
	c.save()
	return nil
}

// ownServerRelaying opens the Own mail server tab with the demo office's
// relay filled in and auth chosen, for the pictures of its two logins.
func ownServerRelaying(w *MainWindow, auth storage.OwnServerAuth) (*companyOwnServer, error) {
	if err := companyTab(3)(w); err != nil {
		return nil, err
	}
	o := w.company.own
	o.mode.SetSelected(ownModeLabels()[storage.OwnServerRelay])
	o.host.SetText("mail.devriesbouw.nl")
	o.port.SetText("25")
	o.auth.SetSelected(ownAuthLabels()[auth])
	return o, nil
}

// ownServerPasswordRequired: the own mail server with user name and
// password but no password, refused on the field (manual 003 D).
func ownServerPasswordRequired(w *MainWindow) error {
	o, err := ownServerRelaying(w, storage.OwnAuthPassword)
	if err != nil {
		return err
	}
	o.username.SetText("postbridge@devriesbouw.nl")
	w.company.save()
	return nil
}

// accountFolderTree is the Folders tab with the server's folder tree
// given the whole tab, and the folder menu of a right click on a folder
// nested in the tree (Postbridge/In).
func accountFolderTree(w *MainWindow) error {
	if err := accountTab(2)(w); err != nil {
		return err
	}
	splits := findAll[*container.Split](w.screenContent())
	if len(splits) == 0 {
		return errNotThere
	}
	splits[len(splits)-1].SetOffset(0)
	// The end of the tree holds Sent and Trash with their roles, which
	// the parity rows cite; the menu covers the first rows anyway.
	for _, tree := range findAll[*widget.Tree](w.screenContent()) {
		tree.ScrollToBottom()
	}
	for _, r := range findAll[*folderRow](w.screenContent()) {
		if r.id == "Postbridge/In" {
			r.TappedSecondary(&fyne.PointEvent{AbsolutePosition: fyne.NewPos(330, 170)})
			return nil
		}
	}
	return errNotThere
}

// domainCode is manual 003's second step: the code from the validation
// e-mail, then Valideer.
func domainCode(w *MainWindow) error {
	if err := companyTab(3)(w); err != nil {
		return err
	}
	w.company.own.validation.askCode("devriesbouw.nl")
	return nil
}
