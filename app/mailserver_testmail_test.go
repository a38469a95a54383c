package app

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"postbridge/mail/route"
	"postbridge/storage"
)

// saveMailServer stores a mail server on the test stack's implicit-TLS
// port, with alice's login as its central account when central is set.
func (o *office) saveMailServer(t *testing.T, name string, auth storage.MailAuth) storage.MailServer {
	t.Helper()
	host, port := hostPort(t, o.s.SMTPS)
	m := storage.MailServer{Identification: name, Auth: auth,
		Endpoint: storage.Endpoint{Host: host, Port: port, Security: storage.SecurityTLS}}
	if auth == storage.MailAuthCentral {
		m.Username = o.alice.Name
	}
	if err := o.act.Store.SaveMailServer(&m); err != nil {
		t.Fatal(err)
	}
	if m.SecretKey != "" {
		if err := (storage.Keyring{}).Set(m.SecretKey, o.alice.Password); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { storage.Keyring{}.Delete(m.SecretKey) })
	}
	return m
}

// Manual 002: the card's test e-mail goes to the company's general
// address through exactly that server, with its central login, even
// though Alice's own mail would go through the company SMTP.
func TestSendTestThroughOneMailServer(t *testing.T) {
	o := newOffice(t, "")
	m := o.saveMailServer(t, "Hoofdkantoor-"+o.alice.Name, storage.MailAuthCentral)
	res, err := o.act.SendTestThrough(context.Background(), m.ID, "Alice")
	if err != nil {
		t.Fatalf("send: %v\n%s", err, res.Transcript)
	}
	if res.Route.Via != route.ViaWorkLocation || res.Route.Name != m.Identification {
		t.Errorf("went %v through %q, want the mail server %q", res.Route.Via, res.Route.Name, m.Identification)
	}
	if res.Route.Reason.Key != "" {
		t.Errorf("reason %q: Alice does not work there, the admin chose the server", res.Route.Reason.English())
	}
	if !strings.Contains(res.Transcript, "235") || strings.Contains(res.Transcript, o.alice.Password) {
		t.Errorf("transcript should show the login, not the password:\n%s", res.Transcript)
	}
	if res.To != o.s.Users["carol"].Address() {
		t.Errorf("sent to %q, want the company's general address", res.To)
	}
	for end := time.Now().Add(15 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		found := o.s.Doveadm(t, nil, "search", "-u", "carol", "mailbox", "INBOX", "from", o.alice.Address())
		if strings.TrimSpace(found) != "" {
			break
		}
		if time.Now().After(end) {
			t.Fatal("the test e-mail did not arrive at the company's address")
		}
	}
}

// A 'Per medewerker' server needs the employee's own login; Alice has
// none for a server she does not work at, and the central one must not
// stand in.
func TestSendTestThroughPerEmployeeNeedsOwnLogin(t *testing.T) {
	o := newOffice(t, "")
	m := o.saveMailServer(t, "Filiaal-"+o.alice.Name, storage.MailAuthPerEmployee)
	res, err := o.act.SendTestThrough(context.Background(), m.ID, "Alice")
	if !errors.Is(err, route.ErrMissingEmployeeCredentials) {
		t.Fatalf("got %v, want %v", err, route.ErrMissingEmployeeCredentials)
	}
	if res.Transcript != "" {
		t.Errorf("connected although the login was missing:\n%s", res.Transcript)
	}
}
