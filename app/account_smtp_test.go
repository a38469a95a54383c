package app

import (
	"context"
	"errors"
	"strings"
	"testing"

	"postbridge/domain"
	"postbridge/mail/mailerr"
	"postbridge/mail/route"
	"postbridge/storage"
)

// withAccountSMTP gives Alice's account an own SMTP server: the test
// Postfix on its implicit-TLS port, logging in as the IMAP login.
func (o *office) withAccountSMTP(t *testing.T) storage.ImapAccount {
	t.Helper()
	u, err := o.act.Store.UserByName("Alice")
	if err != nil {
		t.Fatal(err)
	}
	a := u.ImapAccounts[0]
	host, port := hostPort(t, o.s.SMTPS)
	a.Description, a.Address, a.DisplayName = "Kantoor", o.alice.Address(), "Alice Kantoor"
	a.SMTP = storage.AccountSMTP{Endpoint: storage.Endpoint{Host: host, Port: port, Security: storage.SecurityTLS}, Auth: true}
	if err := o.act.Store.SaveImapAccount(&a); err != nil {
		t.Fatal(err)
	}
	return a
}

// Manual 004's "Test E-Mail senden" on the account: through the account's
// own server (not the company's submission port), with the IMAP login's
// password, from the account's address; the copy lands in its Sent.
func TestSendTestThroughTheAccountsOwnSMTP(t *testing.T) {
	o := newOffice(t, "Sent")
	a := o.withAccountSMTP(t)
	rcpt := o.s.NewUser(t)
	_, smtpsPort := hostPort(t, o.s.SMTPS)
	res, err := o.act.SendTestFrom(context.Background(), Sender{User: "Alice", AccountID: a.ID}, rcpt.Address())
	if err != nil {
		t.Fatalf("send: %v\n%s", err, res.Transcript)
	}
	if res.Route.Via != route.ViaAccountSMTP || res.Route.Endpoint.Port != smtpsPort || res.Route.Name != "Kantoor" {
		t.Errorf("went %v through %+v, want the account's own server", res.Route.Via, res.Route.Endpoint)
	}
	if got := res.Route.Reason.English(); !strings.Contains(got, "own SMTP server of the IMAP account Kantoor") {
		t.Errorf("reason %q", got)
	}
	if res.From != o.alice.Address() || !strings.Contains(res.Transcript, "235") || strings.Contains(res.Transcript, o.alice.Password) {
		t.Errorf("from %q; the transcript should show the login, not the password:\n%s", res.From, res.Transcript)
	}
	if res.SentCopyError != nil {
		t.Errorf("sent copy: %v", res.SentCopyError)
	}
	waitCount(t, o.s, rcpt, "INBOX", 1)
	waitCount(t, o.s, o.alice, "Sent", 1)
	if hdr := o.s.Doveadm(t, nil, "fetch", "-u", rcpt.Name, "hdr.from", "mailbox", "INBOX"); !strings.Contains(hdr, "Alice Kantoor") {
		t.Errorf("the mail does not carry the account's display name: %s", hdr)
	}
}

// The account is the user's default, so the user's own mail (the
// company SMTP tab's buttons, send-test --user) goes through it too;
// the mail server card's test still goes through the server it names.
func TestDefaultAccountsOwnSMTPSendsTheUsersMail(t *testing.T) {
	o := newOffice(t, "")
	o.withAccountSMTP(t)
	ctx := context.Background()
	checked, err := o.act.CheckSMTP(ctx, "Alice")
	if err != nil || checked.Route.Via != route.ViaAccountSMTP {
		t.Fatalf("check: %v via %v\n%s", err, checked.Route.Via, checked.Transcript)
	}
	sent, err := o.act.SendTest(ctx, "Alice", "")
	if err != nil || sent.Route.Via != route.ViaAccountSMTP {
		t.Fatalf("send-test: %v via %v\n%s", err, sent.Route.Via, sent.Transcript)
	}
	m := o.saveMailServer(t, "Hoofdkantoor-"+o.alice.Name, storage.MailAuthCentral)
	through, err := o.act.SendTestThrough(ctx, m.ID, "Alice")
	if err != nil || through.Route.Via != route.ViaWorkLocation {
		t.Errorf("the mail server's test went %v: %v", through.Route.Via, err)
	}
}

// An own login is read from its own key, beside the IMAP key: a wrong
// password there is refused although the IMAP password is right.
func TestAccountSMTPOwnLoginHasItsOwnSecret(t *testing.T) {
	o := newOffice(t, "")
	a := o.withAccountSMTP(t)
	a.SMTP.OwnLogin, a.SMTP.Username = true, o.alice.Name
	if err := o.act.Store.SaveImapAccount(&a); err != nil {
		t.Fatal(err)
	}
	key := a.SMTP.SecretKey
	if key != domain.SecretAccountSMTP(a.SecretKey) {
		t.Fatalf("own login's key %q", key)
	}
	t.Cleanup(func() { storage.Keyring{}.Delete(key) })
	from := Sender{User: "Alice", AccountID: a.ID}
	if _, err := o.act.CheckSMTPFrom(context.Background(), from); !errors.As(err, new(*storage.MissingSecretError)) {
		t.Fatalf("without its secret: %v, want a missing secret", err)
	}
	if err := (storage.Keyring{}).Set(key, "wrong-"+o.alice.Password); err != nil {
		t.Fatal(err)
	}
	if _, err := o.act.CheckSMTPFrom(context.Background(), from); !errors.Is(err, mailerr.ErrAuthFailed) {
		t.Fatalf("with a wrong own password: %v, want ErrAuthFailed", err)
	}
	if err := (storage.Keyring{}).Set(key, o.alice.Password); err != nil {
		t.Fatal(err)
	}
	res, err := o.act.CheckSMTPFrom(context.Background(), from)
	if err != nil || res.Route.SecretKey != key {
		t.Errorf("with its own password: %v, key %q", err, res.Route.SecretKey)
	}
}

// An account number that is not the user's is an error, not another
// account's server.
func TestSendTestFromUnknownAccount(t *testing.T) {
	o := newOffice(t, "")
	_, err := o.act.SendTestFrom(context.Background(), Sender{User: "Alice", AccountID: 9999}, "x@acme.test")
	if !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("got %v, want ErrNotFound", err)
	}
}
