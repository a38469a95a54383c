package ui

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/domain"
	"postbridge/mail/oauth"
	"postbridge/storage"
)

// oauthOffice is an office whose user Alice has one saved IMAP account;
// the actions keep sign-ins in keys.
func oauthOffice(t *testing.T) (Backend, *tokenKeyring) {
	t.Helper()
	b := emptyBackend(t)
	keys := &tokenKeyring{m: map[string]string{}}
	b.Actions.Secrets, b.Secrets = keys, keys
	err := b.Actions.Store.ImportSettings(&storage.SettingsFile{Users: []storage.UserJSON{{Name: "Alice", Email: "alice@acme.test",
		IMAP: []storage.ImapJSON{{Username: "alice@acme.test", Mode: "transfer", Inbox: "Postbridge/In", Host: "imap.acme.test", Port: 993, Security: "tls"}}}}})
	if err != nil {
		t.Fatal(err)
	}
	return b, keys
}

// openAccount opens Alice's first IMAP account on its Servers tab.
func openAccount(t *testing.T, w *MainWindow) *accountCard {
	t.Helper()
	w.show(navUsers)
	s := w.users
	rowOf(t, s, "Alice")
	test.Tap(findButton(t, s.body, "Change"))
	s.card.accounts.edit(s.card.accounts.rows[0])
	if s.account == nil {
		t.Fatal("no account card opened")
	}
	s.account.tabs.SelectIndex(1)
	return s.account
}

func aliceAccount(t *testing.T, b Backend) storage.ImapAccount {
	t.Helper()
	u, err := b.Actions.Store.UserByName("Alice")
	if err != nil || len(u.ImapAccounts) != 1 {
		t.Fatalf("Alice: %v %+v", err, u.ImapAccounts)
	}
	return u.ImapAccounts[0]
}

func TestChoosingOAuth2ShowsTheProviderFieldsAndSaveStoresThem(t *testing.T) {
	b, _ := oauthOffice(t)
	w := newBrowserWindow(t, b, browser)
	c := openAccount(t, w)
	f := c.oauth
	if f.oauthBox.Visible() || c.password.Disabled() {
		t.Fatal("a password account shows the OAuth2 fields, or its password is disabled")
	}
	f.method.SetSelected("OAuth2")
	if !f.oauthBox.Visible() || !f.provider.Visible() || !c.password.Disabled() {
		t.Fatal("OAuth2 chosen: the provider fields are hidden, or the password stays enabled")
	}
	if f.provider.Selected != "Microsoft 365" || !f.tenant.Visible() || f.authURL.Visible() || !f.signInCode.Visible() {
		t.Errorf("Microsoft 365 first: tenant shown %v, URLs shown %v, code sign-in %v", f.tenant.Visible(), f.authURL.Visible(), f.signInCode.Visible())
	}
	f.provider.SetSelected("Google")
	if f.tenant.Visible() || f.authURL.Visible() || f.signInCode.Visible() {
		t.Error("Google shows the tenant, the URLs or a code sign-in it does not offer")
	}
	f.provider.SetSelected("Other")
	if !f.authURL.Visible() || f.tenant.Visible() {
		t.Error("Other does not show its URLs and scopes")
	}
	f.provider.SetSelected("Microsoft 365")
	typeInto(f.tenant, "acme.onmicrosoft.com")
	typeInto(f.clientID, "0b5e-client")
	test.Tap(c.saveButton)
	got := aliceAccount(t, b)
	want := domain.OAuth{Provider: domain.ProviderMicrosoft, ClientID: "0b5e-client", Tenant: "acme.onmicrosoft.com"}
	if got.AuthMethod != domain.AuthOAuth2 || got.OAuth != want {
		t.Errorf("stored %q %+v, want oauth2 %+v", got.AuthMethod, got.OAuth, want)
	}
}

func TestCompanyTabsStoreTheirAuthentication(t *testing.T) {
	b, _ := oauthOffice(t)
	w, s := openCompany(t, b)
	_ = w
	typeInto(s.smtp.host, "smtp.office365.com")
	typeInto(s.smtp.port, "587")
	typeInto(s.smtp.username, "info@acme.test")
	s.smtp.oauth.method.SetSelected("OAuth2")
	if !s.smtp.auth.Checked {
		t.Error("choosing OAuth2 does not tick Authorize")
	}
	s.smtp.oauth.provider.SetSelected("Google")
	typeInto(s.smtp.oauth.clientID, "g-client")
	s.imap.oauth.method.SetSelected("OAuth2")
	typeInto(s.imap.oauth.clientID, "ms-client")
	if s.imap.oauth.buttons.Visible() {
		t.Error("the accounts' default offers a sign-in of its own")
	}
	if err := s.save(); err != nil {
		t.Fatal(err)
	}
	c, _ := b.Actions.Store.Company()
	if c.SMTPLogin.AuthMethod != domain.AuthOAuth2 || c.SMTPLogin.OAuth != (domain.OAuth{Provider: domain.ProviderGoogle, ClientID: "g-client"}) {
		t.Errorf("company SMTP stored %q %+v", c.SMTPLogin.AuthMethod, c.SMTPLogin.OAuth)
	}
	if c.IMAPAuth != domain.AuthOAuth2 || c.IMAPOAuth != (domain.OAuth{Provider: domain.ProviderMicrosoft, ClientID: "ms-client"}) {
		t.Errorf("company IMAP stored %q %+v", c.IMAPAuth, c.IMAPOAuth)
	}
	s = reopen(t, w)
	if !s.smtp.oauth.oauthBox.Visible() || s.smtp.oauth.clientID.Text != "g-client" || !s.smtp.password.Disabled() {
		t.Error("the SMTP tab does not show the stored OAuth2 login again")
	}

	// An account without a method of its own shows the company's, and
	// keeps following it when saved unchanged.
	acc := openAccount(t, w)
	if acc.oauth.method.Selected != "OAuth2" || acc.oauth.clientID.Text != "ms-client" {
		t.Errorf("the account shows %q %q, want the company's OAuth2 default", acc.oauth.method.Selected, acc.oauth.clientID.Text)
	}
}

// signInAccount saves Alice's account on the fake provider and returns
// the card and its keyring key.
func signInAccount(t *testing.T, b Backend, p *fakeProvider, open func(*url.URL) error) (*MainWindow, *accountCard, string) {
	t.Helper()
	a := aliceAccount(t, b)
	a.AuthMethod, a.OAuth = domain.AuthOAuth2, p.oauth()
	if err := b.Actions.Store.SaveImapAccount(&a); err != nil {
		t.Fatal(err)
	}
	w := newBrowserWindow(t, b, open)
	c := openAccount(t, w)
	waitFor(t, func() bool { return c.oauth.shown.Load() > 0 })
	if got := c.oauth.status.Text; got != "Not signed in" {
		t.Errorf("before signing in the status says %q", got)
	}
	return w, c, a.SecretKey
}

func TestSignInThroughTheBrowserShowsWhoAndUntilWhen(t *testing.T) {
	b, keys := oauthOffice(t)
	p := newFakeProvider(t, "alice@acme.test")
	w, c, key := signInAccount(t, b, p, browser)
	before := c.oauth.shown.Load()
	test.Tap(c.oauth.signIn)
	waitFor(t, func() bool { return c.oauth.shown.Load() > before })
	if got := c.oauth.status.Text; !strings.HasPrefix(got, "Signed in as alice@acme.test — access valid until ") {
		t.Errorf("after signing in the status says %q", got)
	}
	if !keys.has(key) || c.oauth.signOut.Disabled() {
		t.Errorf("no sign-in under %s, or Sign out disabled", key)
	}

	// A card opened later reads the stored sign-in.
	c.back()
	card := w.users.card
	card.accounts.edit(card.accounts.rows[0])
	c = w.users.account
	waitFor(t, func() bool { return c.oauth.shown.Load() > 0 })
	if got := c.oauth.status.Text; !strings.HasPrefix(got, "Signed in as alice@acme.test") {
		t.Errorf("a reopened card says %q", got)
	}

	// Sign out revokes at the provider and says so.
	before = c.oauth.shown.Load()
	test.Tap(c.oauth.signOut)
	waitFor(t, func() bool { return c.oauth.shown.Load() > before })
	if got := overlayText(w.Window()); !strings.Contains(got, "Other has revoked the sign-in") {
		t.Errorf("sign-out says %q", got)
	}
	if c.oauth.status.Text != "Not signed in" || keys.has(key) {
		t.Errorf("after signing out: %q, token kept %v", c.oauth.status.Text, keys.has(key))
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.revoked) != 1 || p.revoked[0] != "refresh-1" {
		t.Errorf("revoked %v", p.revoked)
	}
}

func TestSignInWaitsForTheBrowserAndCancels(t *testing.T) {
	b, keys := oauthOffice(t)
	p := newFakeProvider(t, "alice@acme.test")
	opened := make(chan *url.URL, 1)
	w, c, key := signInAccount(t, b, p, func(u *url.URL) error { opened <- u; return nil })
	test.Tap(c.oauth.signIn)
	u := <-opened
	if u.Query().Get("login_hint") != "alice@acme.test" || !strings.HasPrefix(u.String(), p.URL+"/authorize") {
		t.Errorf("the browser was sent to %s", u)
	}
	if got := overlayText(w.Window()); !strings.Contains(got, "Sign in in the browser window that opened") {
		t.Errorf("while waiting the dialog says %q", got)
	}
	tapButton(t, w.Window(), "Cancel")
	if w.Window().Canvas().Overlays().Top() != nil {
		t.Error("Cancel left the dialog open")
	}
	if keys.has(key) || c.oauth.status.Text != "Not signed in" {
		t.Error("a canceled sign-in signed in")
	}
}

func TestSignInWithCodeShowsTheCodeAndTheAddress(t *testing.T) {
	b, _ := oauthOffice(t)
	p := newFakeProvider(t, "alice@acme.test")
	w, c, _ := signInAccount(t, b, p, browser)
	if !c.oauth.signInCode.Visible() {
		t.Fatal("no Sign in with code for a provider with a device endpoint")
	}
	before := c.oauth.shown.Load()
	test.Tap(c.oauth.signInCode)
	waitFor(t, p.polled.Load) // the code is on screen; the provider waits for the person
	got := overlayText(w.Window())
	if !strings.Contains(got, "WXYZ-1234") || !strings.Contains(got, "open this address and type the code") {
		t.Errorf("the code dialog says %q", got)
	}
	var link string
	walk(w.Window().Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if h, ok := o.(*widget.Hyperlink); ok && h.URL != nil {
			link = h.URL.String()
		}
	})
	if link != p.URL+"/verify" {
		t.Errorf("the dialog links to %q", link)
	}
	close(p.approve)
	waitFor(t, func() bool { return c.oauth.shown.Load() > before })
	if got := c.oauth.status.Text; !strings.HasPrefix(got, "Signed in as alice@acme.test") {
		t.Errorf("after the code sign-in the status says %q", got)
	}
}

func TestASyncThatNeedsASignInOffersSignInAgain(t *testing.T) {
	b, keys := oauthOffice(t)
	p := newFakeProvider(t, "alice@acme.test")
	a := aliceAccount(t, b)
	a.AuthMethod, a.OAuth = domain.AuthOAuth2, p.oauth()
	if err := b.Actions.Store.SaveImapAccount(&a); err != nil {
		t.Fatal(err)
	}
	w := newBrowserWindow(t, b, browser)
	c := openAccount(t, w)
	before := c.oauth.shown.Load()
	w.showError(&app.SignInNeededError{User: "Alice", AccountID: a.ID, Err: oauth.ErrSignInAgain})
	if got := overlayText(w.Window()); !strings.Contains(got, "sign") {
		t.Errorf("the dialog says %q", got)
	}
	tapButton(t, w.Window(), "Sign in again")
	waitFor(t, func() bool { return c.oauth.shown.Load() > before })
	if !keys.has(a.SecretKey) || !strings.HasPrefix(c.oauth.status.Text, "Signed in as alice@acme.test") {
		t.Errorf("after Sign in again: token stored %v, the open card says %q", keys.has(a.SecretKey), c.oauth.status.Text)
	}

	// A folder action of the open card that finds the sign-in revoked
	// offers it too.
	closeDialogs(w.Window())
	w.showError(fmt.Errorf("list folders: %w", oauth.ErrSignInAgain))
	tapButton(t, w.Window(), "Sign in again")
	waitFor(t, func() bool { return c.oauth.shown.Load() > before+1 })
}

func TestMailServerCardStoresItsAuthenticationAndEmployeesFollowIt(t *testing.T) {
	b, _ := oauthOffice(t)
	w := newBrowserWindow(t, b, browser)
	w.show(navMailServers)
	s := w.mailServers
	s.edit(storage.MailServer{Endpoint: storage.Endpoint{Port: 587}, Auth: storage.MailAuthNone})
	c := s.card
	test.Type(c.ident, "Kantoor 365")
	test.Type(c.host, "smtp.office365.com")
	c.auth.SetSelected("Per employee")
	c.oauth.method.SetSelected("OAuth2")
	typeInto(c.oauth.clientID, "ms-client")
	test.Tap(c.oauth.signIn) // an employee signs in on their own card
	if got := overlayText(w.Window()); !strings.Contains(got, "each employee signs in on their user card") {
		t.Errorf("Sign in on a per-employee server says %q", got)
	}
	w.Window().Canvas().Overlays().Remove(w.Window().Canvas().Overlays().Top())
	if !c.unsaved() {
		t.Error("a changed authentication is not an unsaved change")
	}
	tapButton(t, w.Window(), "Save")
	list, _ := b.Actions.Store.MailServers()
	if len(list) != 1 || !list[0].OAuth2() || list[0].OAuth != (domain.OAuth{Provider: domain.ProviderMicrosoft, ClientID: "ms-client"}) {
		t.Fatalf("stored %+v", list)
	}

	// Alice works there: her login at the work location signs in with
	// OAuth2 at the server's registration, and has no password.
	u, _ := b.Actions.Store.UserByName("Alice")
	u.WorkLocationID, u.WorkLocationLogin.Username = &list[0].ID, "alice@acme.test"
	u.ImapAccounts = nil
	if err := b.Actions.Store.SaveUser(&u); err != nil {
		t.Fatal(err)
	}
	w.show(navUsers)
	rowOf(t, w.users, "Alice")
	test.Tap(findButton(t, w.users.body, "Change"))
	card := w.users.card
	if !card.workOAuth.oauthBox.Visible() || card.workOAuth.provider.Visible() || !card.workPassword.Disabled() {
		t.Error("the work location login does not follow its server's OAuth2, or asks for a password")
	}
	l, err := card.workOAuth.current()
	if err != nil || l.Key != storage.SecretUserWork("Alice") || l.OAuth.ClientID != "ms-client" || l.Hint != "alice@acme.test" {
		t.Errorf("work login %+v %v", l, err)
	}

	// Her own SMTP server signs in with Google.
	card.tabs.SelectIndex(1)
	typeInto(card.smtpHost, "smtp.gmail.com")
	typeInto(card.smtpPort, "465")
	typeInto(card.smtpUser, "alice@acme.test")
	card.smtpOAuth.method.SetSelected("OAuth2")
	card.smtpOAuth.provider.SetSelected("Google")
	typeInto(card.smtpOAuth.clientID, "g-client")
	if err := card.store(); err != nil {
		t.Fatal(err)
	}
	u, _ = b.Actions.Store.UserByName("Alice")
	if !u.OwnSMTPLogin.OAuth2() || u.OwnSMTPLogin.OAuth != (domain.OAuth{Provider: domain.ProviderGoogle, ClientID: "g-client"}) {
		t.Errorf("own SMTP stored %+v", u.OwnSMTPLogin)
	}
}
