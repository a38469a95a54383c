package ui

import (
	"fmt"
	"net"
	"slices"
	"strconv"
	"testing"

	"fyne.io/fyne/v2/test"

	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// The folder menu on a saved mirror account against the real Dovecot:
// Download once imports a folder that is not marked for sync, Purge
// deleted expunges what is flagged \Deleted, ReIndex asks first.
func TestFolderMenuOnDovecot(t *testing.T) {
	stack := mailtest.Servers(t)
	mailtest.Keyring(t)
	mbox := stack.NewUser(t)
	for i := range 2 {
		stack.Deliver(t, mbox, "Klanten", []byte(fmt.Sprintf(
			"From: jan@klant.test\r\nSubject: Offerte %d\r\nMessage-ID: <menu%d@test>\r\n\r\nTekst\r\n", i, i)))
	}
	b, _, _ := officeBackend(t)
	b.Secrets = storage.Keyring{} // the menu's engine reads the password from the real keyring
	b.Actions.Roots = stack.CA
	key := storage.SecretUserIMAP(mbox.Name, 0)
	t.Cleanup(func() { storage.Keyring{}.Delete(key) })
	host, portText, _ := net.SplitHostPort(stack.IMAPS)
	port, _ := strconv.Atoi(portText)
	if err := b.Actions.Store.ImportSettings(&storage.SettingsFile{Company: &storage.CompanyJSON{Name: "Acme BV",
		IMAP: &storage.ServerJSON{Host: host, Port: port, Security: "tls"}}}); err != nil {
		t.Fatal(err)
	}
	if err := b.Actions.Store.SaveUser(&storage.User{Name: mbox.Name}); err != nil {
		t.Fatal(err)
	}
	w, s := openUsers(t, b)
	rowOf(t, s, mbox.Name)
	s.changeSelected()
	s.card.tabs.SelectIndex(3) // IMAP accounts
	test.Tap(findButton(t, s.body, "New"))
	c := s.account
	test.Type(c.username, mbox.Name)
	test.Type(c.password, mbox.Password)
	c.mode.SetSelected("Mirror")
	c.folders.inbox.SetText("")
	c.folders.outbox.SetText("")
	test.Tap(c.reloadButton)
	waitIdle(t, c)
	test.Tap(c.saveButton)
	if s.account != nil {
		t.Fatalf("not saved: %s", c.top.Text)
	}

	s.card.accounts.list.Select(0)
	test.Tap(findButton(t, s.body, "Change"))
	c = s.account
	c.tabs.SelectIndex(2)
	selectFolder := func(name string) {
		t.Helper()
		for _, f := range c.tree.rows {
			if f.Name == name {
				c.tree.view.Select(name)
				return
			}
		}
		t.Fatalf("%s not in the tree", name)
	}
	selectFolder("Klanten")
	test.Tap(findButton(t, s.body, "Download once"))
	waitIdle(t, c)
	if n, _ := b.Actions.Store.MessageCount(c.a.ID); n != 2 {
		t.Errorf("%d messages after Download once, want 2", n)
	}

	stack.Doveadm(t, nil, "flags", "add", "-u", mbox.Name, `\Deleted`, "mailbox", "Klanten", "uid", "1")
	test.Tap(findButton(t, s.body, "Purge deleted"))
	waitIdle(t, c)
	if n := stack.Count(t, mbox, "Klanten"); n != 1 {
		t.Errorf("%d messages on the server after Purge deleted, want 1", n)
	}

	test.Tap(findButton(t, s.body, "ReIndex"))
	if c.pending.Load() != 0 {
		t.Fatal("ReIndex started before the answer")
	}
	tapButton(t, w.Window(), "No")
	if !slices.Contains(stack.Mailboxes(t, mbox), "Klanten") {
		t.Error("the folder is gone")
	}
}
