package ui

import (
	"net"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// Manual 002, "Instellingen testen": on a new card, 'Test e-mail
// versturen' asks to save first, then sends to the company's general
// address through exactly this server (real Postfix, implicit TLS,
// central login); 'Detail' shows the conversation, never the password.
func TestMailServerCardSendsTestEmail(t *testing.T) {
	s := mailtest.Servers(t)
	mailtest.Keyring(t)
	sender, office := s.NewUser(t), s.NewUser(t)
	b := emptyBackend(t)
	b.Actions.Roots = s.CA
	b.Secrets = storage.Keyring{}
	err := b.Actions.Store.ImportSettings(&storage.SettingsFile{
		Company: &storage.CompanyJSON{Name: "Acme", Email: office.Address()},
		Users:   []storage.UserJSON{{Name: "Alice", Email: sender.Address()}},
	})
	if err != nil {
		t.Fatal(err)
	}
	name := "Proef-" + sender.Name
	t.Cleanup(func() { storage.Keyring{}.Delete(storage.SecretMailServer(name)) })
	w := NewMainWindow(test.NewTempApp(t), b)
	defer w.Window().Close()
	w.show(1) // Mail servers
	ms := w.mailServers

	ms.edit(storage.MailServer{Endpoint: storage.Endpoint{Port: 25}, Auth: storage.MailAuthNone})
	c := ms.card
	host, port, _ := net.SplitHostPort(s.SMTPS)
	test.Type(c.ident, name)
	test.Type(c.host, host)
	test.Tap(c.ssl)
	c.port.SetText(port)
	c.auth.SetSelected(authLabel(storage.MailAuthCentral))
	test.Type(c.user, sender.Name)
	test.Type(c.password, sender.Password)

	test.Tap(c.testBtn)
	tapButton(t, w.Window(), "Yes") // save first
	select {
	case <-c.result.shown:
	case <-time.After(30 * time.Second):
		t.Fatal("no test result shown")
	}
	if got, want := c.result.outcome.Text, "The test e-mail was sent to "+office.Address()+"."; got != want {
		t.Fatalf("outcome %q, want %q\n%s", got, want, c.result.transcript.Text)
	}
	if !strings.Contains(c.result.reason.Text, name) {
		t.Errorf("result %q does not name the server", c.result.reason.Text)
	}
	if list, _ := b.Actions.Store.MailServers(); len(list) != 1 || list[0].Identification != name {
		t.Errorf("saved %+v, want the card saved before the test", list)
	}
	if c.result.transcript.Visible() || !c.result.detail.Visible() {
		t.Error("want a Detail button, and the conversation hidden until it is tapped")
	}
	test.Tap(c.result.detail)
	if tr := c.result.transcript.Text; !c.result.transcript.Visible() || !strings.Contains(tr, "235") ||
		strings.Contains(tr, sender.Password) {
		t.Errorf("Detail shows (visible %v):\n%s", c.result.transcript.Visible(), tr)
	}
	waitFor(t, func() bool { return s.Count(t, office, "INBOX") == 1 })
}
