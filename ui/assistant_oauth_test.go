package ui

import (
	"context"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"postbridge/domain"
	"postbridge/mail/autoconfig"
	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// signedIn waits (a sign-in at Hydra takes a few seconds) until f shows
// a new status, and returns it.
func signedIn(t *testing.T, f *oauthFields, before int64) string {
	t.Helper()
	for end := time.Now().Add(60 * time.Second); f.shown.Load() <= before; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatal("no sign-in status within a minute")
		}
	}
	return f.status.Text
}

// asHydra is the found result as an OAuth2 provider would answer: the
// servers the address's SRV records named (the real Dovecot and Postfix),
// taking OAuth2 only, at an OAuth2 provider of type Other — the test's
// Hydra, standing in for Microsoft's, whose servers a test cannot reach.
func asHydra(res autoconfig.Result) autoconfig.Result {
	c := *res.Chosen
	imap, smtp := *c.IMAP, *c.SMTP
	imap.Auth, smtp.Auth = autoconfig.AuthOAuth2, autoconfig.AuthOAuth2
	c.IMAP, c.SMTP, c.OAuthProvider = &imap, &smtp, domain.ProviderCustom
	res.Chosen = &c
	return res
}

// TestAssistantSignsInAtHydra walks the assistant for an OAuth2 office
// against the real stack: mailboxes that only a Hydra token opens. The
// password step is a sign-in step; Sign in runs the browser flow (the
// app's OpenURL hands it to Hydra's approval), Check logs in to Dovecot
// and Postfix with the token, Save stores the company SMTP login and IMAP
// default as OAuth2 with no password; the first user signs in to their
// own mailbox and their saved account, following the company default,
// passes the Check IMAP button's own check.
func TestAssistantSignsInAtHydra(t *testing.T) {
	b, st := assistantBackend(t)
	idp := mailtest.OAuth(t)
	client := idp.NewClient(t, mailtest.ClientOptions{})
	office, user := st.NewOAuthUser(t), st.NewOAuthUser(t)
	keys := &tokenKeyring{m: map[string]string{}}
	b.Actions.Secrets, b.Secrets = keys, keys
	var subject atomic.Value // who signs in at Hydra's login page
	w := newBrowserWindow(t, b, func(u *url.URL) error {
		go idp.Approve(t, u.String(), subject.Load().(string))
		return nil
	})
	a := w.assistant
	signInCompany(t, a, idp, client, office, &subject)
	co, err := b.Actions.Store.Company()
	reg := domain.OAuth{Provider: domain.ProviderCustom, ClientID: client.ID, AuthURL: idp.AuthURL, TokenURL: idp.TokenURL,
		RevokeURL: idp.RevokeURL, Scopes: strings.Join(client.Scopes, " ")}
	if err != nil || !co.SMTPLogin.OAuth2() || co.SMTPLogin.OAuth != reg || co.IMAPAuth != domain.AuthOAuth2 || co.IMAPOAuth != reg {
		t.Fatalf("company saved as SMTP %+v, IMAP default %q %+v (%v)", co.SMTPLogin, co.IMAPAuth, co.IMAPOAuth, err)
	}
	if _, err := keys.Get(storage.SecretCompanySMTP); err != nil {
		t.Fatalf("no sign-in under %s: %v", storage.SecretCompanySMTP, err)
	}
	signInUser(t, a, user, &subject)
	u, err := b.Actions.Store.UserByName("Olga")
	if err != nil || len(u.ImapAccounts) != 1 || u.ImapAccounts[0].AuthMethod != "" ||
		u.ImapAccounts[0].SecretKey != storage.SecretUserIMAP("Olga", 0) {
		t.Fatalf("user saved as %+v (%v)", u.ImapAccounts, err)
	}
	res, err := b.Actions.CheckIMAP(context.Background(), "Olga")
	if err != nil || (res.Mechanism != "XOAUTH2" && res.Mechanism != "OAUTHBEARER") {
		t.Errorf("Check IMAP with the saved user: %q %v", res.Mechanism, err)
	}
	if _, err := b.Actions.CheckSMTP(context.Background(), "Olga"); err != nil {
		t.Errorf("Check SMTP with the saved company: %v", err)
	}
}

// signInCompany walks the company steps: found by SRV, made an OAuth2
// answer, the app registration typed, Sign in, Check, Save.
func signInCompany(t *testing.T, a *assistant, idp *mailtest.OAuthServer, client *mailtest.OAuthClient, office mailtest.User, subject *atomic.Value) {
	t.Helper()
	test.Type(a.name, "Cloud BV")
	test.Type(a.email, office.Address())
	tapText(t, a.view, "Find settings")
	waitTold(t, a, "page 1")
	if a.res.FoundBy != autoconfig.SourceSRV || a.res.Chosen.SMTP == nil || a.res.Chosen.IMAP == nil {
		t.Fatalf("found by %q: %+v", a.res.FoundBy, a.res.Chosen)
	}
	a.found(asHydra(a.res), nil)
	tapText(t, a.view, "Next")
	f := a.oauth
	if a.step != 2 || f.method.Selected != "OAuth2" || f.provider.Selected != "Other" || !a.password.Disabled() {
		t.Fatalf("page %d: method %q, provider %q, password disabled %v", a.step, f.method.Selected, f.provider.Selected, a.password.Disabled())
	}
	typeInto(f.clientID, client.ID)
	typeInto(f.authURL, idp.AuthURL)
	typeInto(f.tokenURL, idp.TokenURL)
	typeInto(f.revokeURL, idp.RevokeURL)
	typeInto(f.scopes, strings.Join(client.Scopes, " "))
	subject.Store(office.Address())
	before := f.shown.Load()
	tapText(t, a.view, "Sign in")
	if got := signedIn(t, f, before); !strings.HasPrefix(got, "Signed in as "+office.Address()) {
		t.Fatalf("after Sign in the step says %q", got)
	}
	tapText(t, a.view, "Check")
	waitTold(t, a, "checked")
	if a.saveBtn.Disabled() {
		t.Fatalf("Check with the sign-in failed: %s", a.result.outcome.Text)
	}
	tapText(t, a.view, "Save the company settings")
	if a.step != 3 {
		t.Fatalf("after Save the assistant is on page %d: %s", a.step, a.result.outcome.Text)
	}
}

// signInUser walks the first user's step: Sign in to their own mailbox,
// Check, Save.
func signInUser(t *testing.T, a *assistant, user mailtest.User, subject *atomic.Value) {
	t.Helper()
	test.Type(a.userName, "Olga")
	typeInto(a.userEmail, user.Address())
	typeInto(a.userLogin, user.Address())
	uf := a.userOAuth
	if !uf.oauthBox.Visible() || uf.provider.Visible() || !uf.method.Disabled() || buttonIn(a.view, "Sign in") == nil {
		t.Fatal("the user step does not offer the sign-in of the company's OAuth2 default")
	}
	subject.Store(user.Address())
	before := uf.shown.Load()
	tapText(t, a.view, "Sign in")
	if got := signedIn(t, uf, before); !strings.HasPrefix(got, "Signed in as "+user.Address()) {
		t.Fatalf("the user's sign-in says %q", got)
	}
	tapText(t, a.view, "Check")
	waitTold(t, a, "user checked")
	tapText(t, a.view, "Save the user")
	if a.step != 4 {
		t.Fatalf("user not saved: %s", a.userResult.outcome.Text)
	}
}
