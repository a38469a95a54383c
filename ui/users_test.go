package ui

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/storage"
)

// officeBackend is a backend on a database file the test can read back,
// with a mail server HQ, a role Admin and a user Bob of Acme BV.
func officeBackend(t *testing.T) (Backend, memSecrets, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "p.db")
	store, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	err = store.ImportSettings(&storage.SettingsFile{
		Company: &storage.CompanyJSON{Name: "Acme BV"},
		Roles:   []storage.RoleJSON{{Name: "Admin"}},
		MailServers: []storage.MailServerJSON{{ID: "HQ", Host: "smtp.hq.test", Port: 25, Security: "none",
			Auth: "per_employee"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := store.SaveUser(&storage.User{Name: "Bob", Department: "OFF"}); err != nil {
		t.Fatal(err)
	}
	secrets := memSecrets{}
	return Backend{Actions: &app.Actions{Store: store, Secrets: storage.Keyring{}}, Secrets: secrets}, secrets, path
}

// databaseHolds reports whether text occurs anywhere in the database files.
func databaseHolds(t *testing.T, path, text string) bool {
	t.Helper()
	for _, p := range []string{path, path + "-wal"} {
		data, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		if bytes.Contains(data, []byte(text)) {
			return true
		}
	}
	return false
}

func openUsers(t *testing.T, b Backend) (*MainWindow, *users) {
	t.Helper()
	w := NewMainWindow(test.NewTempApp(t), b)
	t.Cleanup(func() { w.Window().Close() })
	w.show(2) // Users
	if w.users == nil {
		t.Fatal("the Users screen did not open")
	}
	return w, w.users
}

// rowOf selects the user called name in the list.
func rowOf(t *testing.T, s *users, name string) {
	t.Helper()
	for i, u := range s.rows {
		if u.Name == name {
			s.list.Select(i)
			return
		}
	}
	t.Fatalf("%s is not in the list", name)
}

func TestUserCardFillSaveReopen(t *testing.T) {
	b, secrets, dbPath := officeBackend(t)
	w, s := openUsers(t, b)

	test.Tap(findButton(t, s.body, "New"))
	c := s.card
	for _, b := range c.accounts.buttons {
		if !b.Disabled() {
			t.Errorf("IMAP account button %q is usable before the user is saved", b.Text)
		}
	}
	test.Type(c.name, "Alice")
	test.Type(c.email, "alice@acme.test")
	test.Type(c.department, "MAN")
	c.role.SetSelected("Admin")
	if !c.workUser.Disabled() {
		t.Error("the work location login is offered without a per-employee work location")
	}
	c.work.SetSelected("HQ")
	if c.workUser.Disabled() {
		t.Error("HQ authenticates per employee, yet its login cannot be typed")
	}
	test.Type(c.workUser, "alice-hq")
	test.Type(c.workPassword, "work-pw-81")
	test.Tap(c.alwaysOwn)
	test.Type(c.smtpHost, "smtp.alice.test")
	test.Type(c.smtpPort, "587")
	c.smtpSecurity.SetSelected("STARTTLS")
	test.Tap(c.smtpAuth)
	test.Type(c.smtpUser, "alice")
	test.Type(c.smtpPassword, "smtp-pw-42")
	c.delegates.pick.SetSelected("Bob")
	test.Tap(c.delegates.add)
	if list, _ := b.Actions.Store.Users(); len(list) != 1 {
		t.Fatalf("%d users before Save, want only Bob", len(list))
	}

	test.Tap(c.saveButton)
	if s.card != nil {
		t.Fatalf("the card stayed open: %s", c.top.Text)
	}
	u, err := b.Actions.Store.UserByName("Alice")
	if err != nil {
		t.Fatal(err)
	}
	if u.Email != "alice@acme.test" || u.Department != "MAN" || u.Role == nil || u.Role.Name != "Admin" ||
		u.WorkLocation == nil || u.WorkLocation.Identification != "HQ" || u.WorkLocationLogin.Username != "alice-hq" ||
		!u.AlwaysOwnSMTP || u.OwnSMTP != (storage.Endpoint{Host: "smtp.alice.test", Port: 587, Security: storage.SecuritySTARTTLS}) ||
		!u.OwnSMTPAuth || u.OwnSMTPLogin.Username != "alice" || len(u.Delegates) != 1 || u.Delegates[0].Name != "Bob" {
		t.Errorf("stored %+v", u)
	}
	if !slices.Contains(w.toolbar.user.Options, "Alice") {
		t.Errorf("the toolbar offers %v, without the new user", w.toolbar.user.Options)
	}
	if secrets["user/Alice/smtp"] != "smtp-pw-42" || secrets["user/Alice/work"] != "work-pw-81" {
		t.Errorf("keyring holds the keys %v, not both passwords under user/Alice/smtp and user/Alice/work", slices.Collect(maps.Keys(secrets)))
	}
	for _, pw := range []string{"smtp-pw-42", "work-pw-81"} {
		if databaseHolds(t, dbPath, pw) {
			t.Errorf("a password is in the database file")
		}
	}

	// Reopen: the values are there, the passwords are not shown.
	rowOf(t, s, "Alice")
	test.Tap(findButton(t, s.body, "Change"))
	c = s.card
	if c.name.Text != "Alice" || c.smtpPort.Text != "587" || c.smtpSecurity.Selected != "STARTTLS" || !c.alwaysOwn.Checked ||
		c.role.Selected != "Admin" || c.work.Selected != "HQ" || c.smtpPassword.Text != "" || c.workPassword.Text != "" {
		t.Errorf("reopened: name %q port %q security %q always %v role %q work %q passwords %q %q", c.name.Text,
			c.smtpPort.Text, c.smtpSecurity.Selected, c.alwaysOwn.Checked, c.role.Selected, c.work.Selected,
			c.smtpPassword.Text, c.workPassword.Text)
	}
	if c.smtpPassword.PlaceHolder != "(unchanged)" {
		t.Errorf("password placeholder %q", c.smtpPassword.PlaceHolder)
	}
	if got := c.delegates.rows; len(got) != 1 || got[0].Name != "Bob" || got[0].Department != "OFF" || c.delegates.company != "Acme BV" {
		t.Errorf("delegates table %+v, company %q", got, c.delegates.company)
	}
	for _, b := range c.accounts.buttons {
		if b.Disabled() {
			t.Errorf("IMAP account button %q disabled on a saved user", b.Text)
		}
	}
	// Removing the delegate is stored on Save.
	c.delegates.list.Select(0)
	test.Tap(c.delegates.remove)
	test.Tap(c.saveButton)
	if u, _ := b.Actions.Store.UserByName("Alice"); len(u.Delegates) != 0 {
		t.Errorf("delegates after Remove and Save: %v", u.Delegates)
	}
}

func TestUserCardRefusesOnTheField(t *testing.T) {
	b, _, _ := officeBackend(t)
	_, s := openUsers(t, b)
	s.edit(storage.User{})
	c := s.card
	test.Type(c.name, "Bob")
	test.Type(c.smtpHost, "smtp.x.test")
	test.Type(c.smtpPort, "70000")
	test.Tap(c.saveButton)
	if got := c.marks.problem("name"); got != `duplicate user "Bob"` {
		t.Errorf("at name: %q", got)
	}
	if got := c.marks.problem("smtp.port"); got != "70000 is not a port (1-65535)" {
		t.Errorf("at port: %q", got)
	}
	if s.card != c || c.smtpHost.Text != "smtp.x.test" {
		t.Error("the refused card closed or lost what was typed")
	}
	if list, _ := b.Actions.Store.Users(); len(list) != 1 {
		t.Errorf("%d users after a refused Save", len(list))
	}
}

func TestLeavingTheUserCardAsks(t *testing.T) {
	b, _, _ := officeBackend(t)
	w, s := openUsers(t, b)
	rowOf(t, s, "Bob")
	s.changeSelected()
	w.show(1) // no change yet: leaves without asking
	if w.current != 1 {
		t.Fatalf("an unchanged card kept the window at %d", w.current)
	}
	w.show(2)
	rowOf(t, s, "Bob")
	s.changeSelected()
	test.Type(s.card.email, "bob@acme.test")
	w.show(1)
	if w.current != 2 {
		t.Fatal("left a changed card without asking")
	}
	test.Tap(unsavedButton(w, "stay"))
	if w.current != 2 || s.card == nil {
		t.Fatal("Cancel did not stay on the card")
	}
	test.Tap(s.card.cancelButton) // the card's own Cancel asks too
	test.Tap(unsavedButton(w, "discard"))
	if s.card != nil {
		t.Fatal("Discard did not close the card")
	}
	if u, _ := b.Actions.Store.UserByName("Bob"); u.Email != "" {
		t.Errorf("discarded change stored: %q", u.Email)
	}
}

func TestDeleteUserAsks(t *testing.T) {
	b, _, _ := officeBackend(t)
	w, s := openUsers(t, b)
	rowOf(t, s, "Bob")
	test.Tap(findButton(t, s.body, "Delete"))
	if list, _ := b.Actions.Store.Users(); len(list) != 1 {
		t.Fatal("deleted before the answer")
	}
	tapButton(t, w.Window(), "No")
	if list, _ := b.Actions.Store.Users(); len(list) != 1 {
		t.Fatal("deleted after No")
	}
	rowOf(t, s, "Bob")
	s.confirmDelete()
	tapButton(t, w.Window(), "Yes")
	if list, _ := b.Actions.Store.Users(); len(list) != 0 {
		t.Errorf("%d users after Yes", len(list))
	}
	if len(s.rows) != 0 {
		t.Errorf("the list still shows %d users", len(s.rows))
	}
}

// findButton is the button with text inside o.
func findButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}
