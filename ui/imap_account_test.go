package ui

import (
	"maps"
	"net"
	"slices"
	"strconv"
	"testing"

	"fyne.io/fyne/v2/test"

	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// openAccountCard opens a new IMAP account card on the saved user Alice.
func openAccountCard(t *testing.T, b Backend) (*MainWindow, *users, *accountCard) {
	t.Helper()
	if err := b.Actions.Store.SaveUser(&storage.User{Name: "Alice"}); err != nil {
		t.Fatal(err)
	}
	w, s := openUsers(t, b)
	rowOf(t, s, "Alice")
	test.Tap(findButton(t, s.body, "Change"))
	s.card.tabs.SelectIndex(3) // IMAP accounts
	test.Tap(findButton(t, s.body, "New"))
	if s.account == nil {
		t.Fatal("no account card opened")
	}
	return w, s, s.account
}

func waitIdle(t *testing.T, c *accountCard) {
	t.Helper()
	waitFor(t, func() bool { return c.pending.Load() == 0 })
}

func TestAccountCardRefusesArchivAndArchiveWithDelete(t *testing.T) {
	b, secrets, dbPath := officeBackend(t)
	_, _, c := openAccountCard(t, b)
	test.Type(c.username, "alice")
	test.Type(c.password, "imap-pw-17")
	test.Type(c.folders.archive, "Archiv")
	test.Tap(c.saveButton)
	if got := c.marks.problem("archive"); got != `the archive folder may not be named "Archiv"` {
		t.Errorf("at the archive folder: %q", got)
	}
	if c.tabs.SelectedIndex() != 2 {
		t.Errorf("tab %d shown, want Folders (2) where the archive field is", c.tabs.SelectedIndex())
	}
	c.folders.archive.SetText("Oud")
	test.Tap(c.deleteAfterLimit)
	test.Tap(c.saveButton)
	if got := c.marks.problem("delete_after_limit"); got != "cannot be set together with an archive folder" {
		t.Errorf("at delete after limit: %q", got)
	}
	if c.marks.problem("archive") != "" {
		t.Error("the old sentence stayed at the archive folder")
	}
	if c.tabs.SelectedIndex() != 3 {
		t.Errorf("tab %d shown, want Advanced (3)", c.tabs.SelectedIndex())
	}
	if u, _ := b.Actions.Store.UserByName("Alice"); len(u.ImapAccounts) != 0 {
		t.Errorf("a refused account was stored: %+v", u.ImapAccounts)
	}
	if len(secrets) != 0 {
		t.Errorf("a refused card wrote the keyring under %v", slices.Collect(maps.Keys(secrets)))
	}
	if databaseHolds(t, dbPath, "imap-pw-17") {
		t.Error("the password is in the database file")
	}
}

func TestLeavingTheAccountCardAsks(t *testing.T) {
	b, _, _ := officeBackend(t)
	w, s, c := openAccountCard(t, b)
	test.Type(c.description, "Kantoor")
	w.show(1)
	if w.current != 2 || s.account != c {
		t.Fatal("left a changed account card without asking")
	}
	test.Tap(unsavedButton(w, "stay"))
	test.Tap(c.cancelButton)
	if s.account != c {
		t.Fatal("Cancel with changes closed the card without asking")
	}
	test.Tap(unsavedButton(w, "discard"))
	if s.account != nil || s.card == nil {
		t.Fatal("Discard did not go back to the user card")
	}
	if u, _ := b.Actions.Store.UserByName("Alice"); len(u.ImapAccounts) != 0 {
		t.Error("a discarded account was stored")
	}
}

// The magnifier against the real Dovecot: the typed inbox does not exist,
// the card asks, and Create makes it and its Completed subfolder. The
// sent folder is only picked: a missing one is refused, not created.
func TestMagnifierCreatesFoldersOnDovecot(t *testing.T) {
	stack := mailtest.Servers(t)
	mbox := stack.NewUser(t)
	b, secrets, dbPath := officeBackend(t)
	b.Actions.Roots = stack.CA
	host, portText, _ := net.SplitHostPort(stack.IMAPS)
	port, _ := strconv.Atoi(portText)
	if err := b.Actions.Store.ImportSettings(&storage.SettingsFile{Company: &storage.CompanyJSON{Name: "Acme BV",
		IMAP: &storage.ServerJSON{Host: host, Port: port, Security: "tls"}}}); err != nil {
		t.Fatal(err)
	}
	w, s, c := openAccountCard(t, b)
	test.Type(c.description, "Kantoor")
	test.Type(c.username, mbox.Name)
	test.Type(c.password, mbox.Password)
	c.folders.inbox.SetText("Newbase In")

	test.Tap(c.folders.magnifiers[c.folders.inbox])
	waitIdle(t, c)
	if slices.Contains(stack.Mailboxes(t, mbox), "Newbase In") {
		t.Fatal("created before the confirmation")
	}
	tapButton(t, w.Window(), "Create")
	waitIdle(t, c)
	boxes := stack.Mailboxes(t, mbox)
	for _, want := range []string{"Newbase In", "Newbase In/Completed"} {
		if !slices.Contains(boxes, want) {
			t.Errorf("%q not on the server after Create: %v", want, boxes)
		}
	}

	// An existing folder is picked from the list.
	c.folders.inbox.SetText("")
	test.Tap(c.folders.magnifiers[c.folders.inbox])
	waitIdle(t, c)
	if c.folders.picker == nil {
		t.Fatal("no pick list")
	}
	c.folders.picker.Select(slices.Index(c.folders.pickNames, "Newbase In"))
	if c.folders.inbox.Text != "Newbase In" {
		t.Errorf("picked inbox %q", c.folders.inbox.Text)
	}

	c.folders.sent.SetText("Verzonden")
	test.Tap(c.folders.magnifiers[c.folders.sent])
	waitIdle(t, c)
	if slices.Contains(stack.Mailboxes(t, mbox), "Verzonden") {
		t.Error("the magnifier created the sent folder, which must already exist")
	}
	c.folders.sent.SetText("")

	// Reload IMAP folders fills the tree; a tick on one is stored on Save.
	test.Tap(c.reloadButton)
	waitIdle(t, c)
	var names []string
	for _, f := range c.tree.rows {
		names = append(names, f.Name)
	}
	if !slices.Contains(names, "Newbase In/Completed") || !slices.Contains(names, "INBOX") {
		t.Fatalf("tree after Reload: %v", names)
	}
	c.tabs.SelectIndex(2) // Folders
	c.tree.view.Select("INBOX")
	test.Tap(findButton(t, s.body, "Subscribe"))

	test.Tap(c.saveButton)
	if s.account != nil {
		t.Fatalf("the account card stayed open: %s", c.top.Text)
	}
	u, _ := b.Actions.Store.UserByName("Alice")
	if len(u.ImapAccounts) != 1 {
		t.Fatalf("%d accounts stored", len(u.ImapAccounts))
	}
	a := u.ImapAccounts[0]
	if a.Description != "Kantoor" || a.Username != mbox.Name || a.Inbox != "Newbase In" || a.Mode != storage.ModeTransfer {
		t.Errorf("stored %+v", a)
	}
	if secrets[a.SecretKey] != mbox.Password || a.SecretKey != "user/Alice/imap" {
		t.Errorf("keyring: key %q holds the password: %v", a.SecretKey, secrets[a.SecretKey] == mbox.Password)
	}
	if databaseHolds(t, dbPath, mbox.Password) {
		t.Error("the password is in the database file")
	}
	synced := map[string]bool{}
	for _, f := range a.Folders {
		synced[f.Name] = f.Sync
	}
	if !synced["INBOX"] || synced["Newbase In"] || len(a.Folders) != len(names) {
		t.Errorf("stored folders %+v", a.Folders)
	}

	// Reopen: the values are there, the password is not.
	s.card.accounts.list.Select(0)
	test.Tap(findButton(t, s.body, "Change"))
	c = s.account
	if c.description.Text != "Kantoor" || c.folders.inbox.Text != "Newbase In" || c.password.Text != "" || len(c.tree.rows) != len(names) {
		t.Errorf("reopened: description %q inbox %q password %q folders %d", c.description.Text, c.folders.inbox.Text,
			c.password.Text, len(c.tree.rows))
	}
}
