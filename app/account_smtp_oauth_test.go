package app

import (
	"context"
	"errors"
	"strings"
	"testing"

	"postbridge/domain"
	"postbridge/mail/mailtest"
	"postbridge/mail/oauth"
	"postbridge/mail/route"
	"postbridge/storage"
)

// Both ways an account's own SMTP server signs in with OAuth2, against
// Hydra and Postfix: as the IMAP login (its sign-in serves both, as one
// Microsoft 365 mailbox does), and with a login of its own, signed in
// under the key beside the IMAP key. The company SMTP is never signed in.
func TestAccountSMTPWithOAuth2(t *testing.T) {
	o := newOAuthOffice(t, mailtest.ClientOptions{}, mailtest.Servers(t).IMAP)
	o.signIn(t, o.imap)
	u, err := o.act.Store.UserByName("Olga")
	if err != nil {
		t.Fatal(err)
	}
	a := u.ImapAccounts[0]
	host, port := hostPort(t, o.s.SMTPS)
	a.SMTP = storage.AccountSMTP{Endpoint: storage.Endpoint{Host: host, Port: port, Security: storage.SecurityTLS}, Auth: true}
	if err := o.act.Store.SaveImapAccount(&a); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	from := Sender{User: "Olga", AccountID: a.ID}
	res, err := o.act.SendTestFrom(ctx, from, o.user.Address())
	if err != nil {
		t.Fatalf("send as the IMAP login: %v\n%s", err, res.Transcript)
	}
	if res.Route.Via != route.ViaAccountSMTP || !strings.Contains(res.Transcript, "AUTH OAUTHBEARER ****") {
		t.Errorf("went %v; transcript:\n%s", res.Route.Via, res.Transcript)
	}
	waitCount(t, o.s, o.user, "INBOX", 1)

	c, err := o.act.Store.Company()
	if err != nil {
		t.Fatal(err)
	}
	a.SMTP.OwnLogin = true
	a.SMTP.Login = domain.Login{Username: o.user.Address(), AuthMethod: domain.AuthOAuth2, OAuth: c.IMAPOAuth}
	if err := o.act.Store.SaveImapAccount(&a); err != nil {
		t.Fatal(err)
	}
	own, err := o.act.OAuthLoginOf(LoginRef{User: "Olga", AccountID: a.ID, SMTP: true})
	if err != nil || own.Key != domain.SecretAccountSMTP(a.SecretKey) {
		t.Fatalf("own login: %+v, %v", own, err)
	}
	t.Cleanup(func() { storage.Keyring{}.Delete(own.Key) })
	if _, err := o.act.CheckSMTPFrom(ctx, from); !errors.Is(err, oauth.ErrNotSignedIn) {
		t.Fatalf("own login before its sign-in: %v, want ErrNotSignedIn", err)
	}
	o.signIn(t, own)
	checked, err := o.act.CheckSMTPFrom(ctx, from)
	if err != nil || checked.Mechanism == "" || checked.Route.SecretKey != own.Key {
		t.Errorf("own login after its sign-in: %v, mechanism %q, key %q", err, checked.Mechanism, checked.Route.SecretKey)
	}
	o.noTokenOutsideKeyring(t)
}
