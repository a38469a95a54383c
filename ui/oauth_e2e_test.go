package ui

import (
	"net"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// The window against the real thing: Hydra signs in, Dovecot takes the
// token. The account card is set to OAuth2 through its fields, a sync
// before the sign-in offers Sign in again, the browser (played by
// mailtest's Approve through the app's OpenURL) signs in, the card says
// who, and the next sync imports the mail.
func TestWindowSignsInAtHydraAndSyncs(t *testing.T) {
	s := mailtest.Servers(t)
	idp := mailtest.OAuth(t)
	client := idp.NewClient(t, mailtest.ClientOptions{})
	u := s.NewUser(t)
	s.CreateMailbox(t, u, "Postbridge/Out")
	s.FillMaildir(t, u, "Postbridge/In", 3, mailtest.MixedMail)

	b := emptyBackend(t)
	keys := &tokenKeyring{m: map[string]string{}}
	b.Actions.Secrets, b.Secrets, b.Actions.Roots = keys, keys, s.CA
	host, port, _ := net.SplitHostPort(s.IMAPS)
	p, _ := strconv.Atoi(port)
	err := b.Actions.Store.ImportSettings(&storage.SettingsFile{
		Company: &storage.CompanyJSON{Name: "Cloud BV", IMAP: &storage.ServerJSON{Host: host, Port: p, Security: "tls"}},
		Users: []storage.UserJSON{{Name: "Alice", Email: u.Address(), IMAP: []storage.ImapJSON{{Username: u.Address(),
			Mode: "transfer", Inbox: "Postbridge/In", Outbox: "Postbridge/Out", Sent: "Sent"}}}}})
	if err != nil {
		t.Fatal(err)
	}
	w := newBrowserWindow(t, b, func(authURL *url.URL) error {
		go idp.Approve(t, authURL.String(), u.Address())
		return nil
	})

	c := openAccount(t, w)
	f := c.oauth
	f.method.SetSelected("OAuth2")
	f.provider.SetSelected("Other")
	typeInto(f.clientID, client.ID)
	typeInto(f.authURL, idp.AuthURL)
	typeInto(f.tokenURL, idp.TokenURL)
	typeInto(f.revokeURL, idp.RevokeURL)
	typeInto(f.scopes, strings.Join(mailtest.DefaultScopes, " "))
	if err := c.store(); err != nil {
		t.Fatal(err)
	}

	test.Tap(w.toolbar.syncBtn)
	w.toolbar.wait()
	if got := overlayText(w.Window()); !strings.Contains(got, "sign") {
		t.Fatalf("a sync before the sign-in says %q", got)
	}
	before := f.shown.Load()
	tapButton(t, w.Window(), "Sign in again")
	waitFor(t, func() bool { return f.shown.Load() > before })
	if got := f.status.Text; !strings.HasPrefix(got, "Signed in as "+u.Address()+" — access valid until ") {
		t.Fatalf("after signing in at Hydra the card says %q", got)
	}

	test.Tap(w.toolbar.syncBtn)
	w.toolbar.wait()
	if n, _ := b.Actions.Store.MessageCount(1); n != 3 {
		t.Errorf("%d messages imported after the sign-in, want 3 (%s)", n, w.toolbar.status.Text)
	}
}
