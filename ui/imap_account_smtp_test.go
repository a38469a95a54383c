package ui

import (
	"net"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"postbridge/domain"
	"postbridge/storage"
)

// overlayTranscript is the monospace label of the top dialog (the
// test's conversation), or nil.
func overlayTranscript(w fyne.Window) *widget.Label {
	var found *widget.Label
	if top := w.Canvas().Overlays().Top(); top != nil {
		walk(top, func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok && l.TextStyle.Monospace && found == nil {
				found = l
			}
		})
	}
	return found
}

// Manuals 001 and 004 on the IMAP account card, against the real
// Postfix: the own SMTP server chosen and filled in, "Test E-Mail
// senden" saves the card first (after asking), sends through that
// server as the IMAP login, and shows the result in a dialog whose
// Detail opens the conversation without the password; the mail arrives.
func TestAccountCardSendsTestEmailThroughItsOwnSMTP(t *testing.T) {
	b, _, stack, alice := mailOffice(t)
	rcpt := stack.NewUser(t)
	w := NewMainWindow(test.NewTempApp(t), b)
	t.Cleanup(func() { w.Window().Close() })
	c := openAccount(t, w)
	s := c.smtp
	if s.ownRows[0].Visible() || !s.note.Visible() {
		t.Fatal("a new account's own server is shown, or 'use standard' is not explained")
	}
	s.choice.SetSelected(s.ownLabel)
	if !s.ownRows[0].Visible() || s.userRow.Visible() || !s.auth.Checked || s.port.Text != "587" {
		t.Fatalf("own server chosen: fields shown %v, own login shown %v, authorize %v, port %q",
			s.ownRows[0].Visible(), s.userRow.Visible(), s.auth.Checked, s.port.Text)
	}
	host, port, _ := net.SplitHostPort(stack.SMTPS)
	typeInto(s.host, host)
	test.Tap(s.ssl)
	if s.port.Text != "465" {
		t.Errorf("SSL ticked: port %q, want 465 (nothing typed yet)", s.port.Text)
	}
	typeInto(s.port, port)
	typeInto(s.testTo, rcpt.Address())

	test.Tap(s.testBtn)
	tapButton(t, w.Window(), "Yes") // save first
	want := "The test e-mail was sent to " + rcpt.Address() + "."
	select { // the result dialog opens inside fyne.Do, on another goroutine
	case <-s.result.shown:
	case <-time.After(30 * time.Second):
		t.Fatal("no test result shown")
	}
	if got := overlayText(w.Window()); !strings.Contains(got, want) {
		t.Fatalf("the result dialog says:\n%s\nwant %q", got, want)
	}
	if got := overlayText(w.Window()); !strings.Contains(got, "the own SMTP server of the IMAP account") {
		t.Errorf("the result does not say which server and why:\n%s", got)
	}
	tr := overlayTranscript(w.Window())
	if tr == nil || tr.Visible() {
		t.Fatal("want the conversation hidden until Detail is tapped")
	}
	tapButton(t, w.Window(), "Detail")
	if !tr.Visible() || !strings.Contains(tr.Text, "235") || strings.Contains(tr.Text, alice.Password) {
		t.Errorf("Detail shows (visible %v):\n%s", tr.Visible(), tr.Text)
	}
	tapButton(t, w.Window(), "Close")
	if w.Window().Canvas().Overlays().Top() != nil {
		t.Error("Close left the result open")
	}
	waitMessages(t, stack, rcpt, "INBOX", 1)

	smtp := aliceAccount(t, b).SMTP
	if smtp.Host != host || smtp.Security != storage.SecurityTLS || !smtp.Auth || smtp.OwnLogin || smtp.Username != "" {
		t.Errorf("stored %+v", smtp)
	}
}

// openAlicesSavedAccount stores Alice with one account (login "alice")
// and opens its card on the Servers tab.
func openAlicesSavedAccount(t *testing.T, b Backend) (*MainWindow, *accountCard) {
	t.Helper()
	alice := storage.User{Name: "Alice"}
	if err := b.Actions.Store.SaveUser(&alice); err != nil {
		t.Fatal(err)
	}
	acc := newAccount(alice.ID)
	acc.Username = "alice"
	if err := b.Actions.Store.SaveImapAccount(&acc); err != nil {
		t.Fatal(err)
	}
	w := NewMainWindow(test.NewTempApp(t), b)
	t.Cleanup(func() { w.Window().Close() })
	return w, openAccount(t, w)
}

// An own login shows its user name, password and authentication; its
// password goes to the keyring under the key beside the IMAP key, never
// into the database; "use standard" stores no own server.
func TestAccountCardOwnSMTPLogin(t *testing.T) {
	b, secrets, dbPath := officeBackend(t)
	w, c := openAlicesSavedAccount(t, b)
	s := c.smtp
	s.choice.SetSelected(s.ownLabel)
	typeInto(s.host, "smtp.provider.test")
	s.login.SetSelected(s.ownLoginLabel)
	if !s.userRow.Visible() || !s.password.Visible() || !s.oauth.box.Visible() {
		t.Fatal("own login chosen: its fields are hidden")
	}
	typeInto(s.username, "relay@provider.test")
	typeInto(s.password, "smtp-pw-41")
	test.Tap(c.saveButton)
	a := aliceAccount(t, b)
	if !a.SMTP.OwnLogin || a.SMTP.Username != "relay@provider.test" || a.SMTP.SecretKey != domain.SecretAccountSMTP(a.SecretKey) {
		t.Fatalf("stored %+v", a.SMTP)
	}
	if secrets[a.SMTP.SecretKey] != "smtp-pw-41" {
		t.Errorf("keyring under %q: %q", a.SMTP.SecretKey, secrets[a.SMTP.SecretKey])
	}
	if databaseHolds(t, dbPath, "smtp-pw-41") {
		t.Error("the password is in the database file")
	}

	accounts := w.users.card.accounts // Save went back to the user card
	accounts.edit(accounts.rows[0])
	c = w.users.account
	s = c.smtp
	if s.choice.Selected != s.ownLabel || s.login.Selected != s.ownLoginLabel || s.password.Text != "" {
		t.Errorf("reopened: %q, %q, password %q", s.choice.Selected, s.login.Selected, s.password.Text)
	}
	s.oauth.method.SetSelected("OAuth2")
	if !s.password.Disabled() {
		t.Error("OAuth2 chosen for the own login: its password stays enabled")
	}
	s.choice.SetSelected(s.standardLabel)
	test.Tap(c.saveButton)
	if smtp := aliceAccount(t, b).SMTP; smtp != (storage.AccountSMTP{}) {
		t.Errorf("use standard stored %+v", smtp)
	}
}

// A port that is not a port is refused on its field, on the Servers tab.
func TestAccountCardRefusesOwnSMTPPort(t *testing.T) {
	b, _, _ := officeBackend(t)
	_, c := openAlicesSavedAccount(t, b)
	c.tabs.SelectIndex(0)
	c.smtp.choice.SetSelected(c.smtp.ownLabel)
	typeInto(c.smtp.host, "smtp.provider.test")
	typeInto(c.smtp.port, "70000")
	test.Tap(c.saveButton)
	if got := c.marks.problem("smtp.port"); got != "70000 is not a port (1-65535)" {
		t.Errorf("at the SMTP port: %q", got)
	}
	if c.tabs.SelectedIndex() != 1 {
		t.Errorf("tab %d shown, want Servers (1)", c.tabs.SelectedIndex())
	}
}
