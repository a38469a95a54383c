package app

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"postbridge/domain"
	"postbridge/mail/bearer"
	"postbridge/mail/imapsync"
	"postbridge/mail/mailtest"
	"postbridge/mail/oauth"
	"postbridge/storage"
)

// oauthOffice is a company whose user's mailbox opens only with an OAuth2
// token from the test's Hydra: IMAP (company IMAP default) and SMTP both
// sign in with the same app registration.
type oauthOffice struct {
	s      *mailtest.Stack
	idp    *mailtest.OAuthServer
	client *mailtest.OAuthClient
	act    *Actions
	user   mailtest.User
	dbPath string
	imap   OAuthLogin
	smtp   OAuthLogin
}

func newOAuthOffice(t *testing.T, opts mailtest.ClientOptions, imapAddr string) *oauthOffice {
	t.Helper()
	s := mailtest.Servers(t)
	mailtest.Keyring(t)
	idp := mailtest.OAuth(t)
	client := idp.NewClient(t, opts)
	o := &oauthOffice{s: s, idp: idp, client: client, user: s.NewOAuthUser(t)}
	s.CreateMailbox(t, o.user, "Postbridge/Out")
	o.dbPath = filepath.Join(t.TempDir(), "p.db")
	store, err := storage.Open(o.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	o.act = &Actions{Store: store, Secrets: storage.Keyring{}, Roots: s.CA}
	reg := &storage.OAuthJSON{Provider: "custom", ClientID: client.ID, AuthURL: idp.AuthURL,
		TokenURL: idp.TokenURL, RevokeURL: idp.RevokeURL, Scopes: client.Scopes}
	auth := storage.AuthJSON{AuthMethod: "oauth2", OAuth: reg}
	smtpHost, smtpPort := hostPort(t, s.Submission)
	imapHost, imapPort := hostPort(t, imapAddr)
	keys := "user/" + o.user.Name
	doc := &storage.SettingsFile{
		Company: &storage.CompanyJSON{Name: "Cloud BV", Email: s.Users["carol"].Address(),
			SMTP: &storage.SMTPJSON{Host: smtpHost, Port: smtpPort, Security: "starttls", Auth: true,
				Username: o.user.Address(), Secret: keys + "/smtp", AuthJSON: auth},
			IMAP: &storage.ServerJSON{Host: imapHost, Port: imapPort, Security: "starttls", AuthJSON: auth}},
		Users: []storage.UserJSON{{Name: "Olga", Email: o.user.Address(),
			IMAP: []storage.ImapJSON{{Username: o.user.Address(), Secret: keys + "/imap", Mode: "transfer",
				Inbox: "Postbridge/In", Outbox: "Postbridge/Out", Sent: "Sent"}}}},
	}
	if err := store.ImportSettings(doc); err != nil {
		t.Fatal(err)
	}
	if o.imap, err = o.act.OAuthLoginOf(LoginRef{User: "Olga"}); err != nil {
		t.Fatal(err)
	}
	if o.smtp, err = o.act.OAuthLoginOf(LoginRef{Company: CompanySMTP}); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{o.imap.Key, o.smtp.Key} {
		t.Cleanup(func() { storage.Keyring{}.Delete(k) })
	}
	return o
}

// signIn runs the browser sign-in, the test playing the browser.
func (o *oauthOffice) signIn(t *testing.T, l OAuthLogin) oauth.Status {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	st, err := o.act.SignIn(ctx, l, func(u string) error {
		go o.idp.Approve(t, u, o.user.Address())
		return nil
	})
	if err != nil {
		t.Fatalf("sign in: %v", err)
	}
	return st
}

// The whole flow against Hydra and Dovecot: sign in, sync an OAuth2-only
// mailbox, send through Postfix with the token, no token in the database
// or the settings, revoke at the server and be told to sign in again.
func TestOAuthSignInSyncSendRevoke(t *testing.T) {
	o := newOAuthOffice(t, mailtest.ClientOptions{}, mailtest.Servers(t).IMAP)
	if _, err := o.act.Sync(context.Background(), SyncFilter{User: "Olga"}, nil); !errors.Is(err, oauth.ErrNotSignedIn) {
		t.Fatalf("sync before any sign-in: %v, want ErrNotSignedIn", err)
	}
	st := o.signIn(t, o.imap)
	if !st.SignedIn || st.Account != o.user.Address() || st.AccessUntil.Before(time.Now()) {
		t.Fatalf("status after sign-in %+v", st)
	}
	o.signIn(t, o.smtp)

	o.s.FillMaildir(t, o.user, "Postbridge/In", 12, mailtest.MixedMail)
	results, err := o.act.Sync(context.Background(), SyncFilter{User: "Olga"}, nil)
	if err != nil {
		t.Fatalf("sync: %v", err)
	}
	if got := results[0].Counts.Imported; got != 12 {
		t.Errorf("imported %d, want 12", got)
	}
	res, err := o.act.CheckIMAP(context.Background(), "Olga")
	if err != nil || res.Mechanism != bearer.OAUTHBEARER {
		t.Errorf("check imap: %v, mechanism %q, want OAUTHBEARER", err, res.Mechanism)
	}
	sent, err := o.act.SendTest(context.Background(), "Olga", o.user.Address())
	if err != nil {
		t.Fatalf("send test through Postfix with a token: %v\n%s", err, sent.Transcript)
	}
	if !strings.Contains(sent.Transcript, "AUTH OAUTHBEARER ****") {
		t.Errorf("transcript does not show the masked AUTH line:\n%s", sent.Transcript)
	}
	waitCount(t, o.s, o.user, "INBOX", 1)

	o.noTokenOutsideKeyring(t)

	o.idp.RevokeSubject(t, o.user.Address())
	_, err = o.act.Sync(context.Background(), SyncFilter{User: "Olga"}, nil)
	var again *SignInNeededError
	if !errors.As(err, &again) || !errors.Is(err, oauth.ErrSignInAgain) {
		t.Fatalf("sync after the provider revoked access: %v, want SignInNeededError(ErrSignInAgain)", err)
	}
	if !strings.Contains(again.Command(), "postbridge signin --user \"Olga\"") {
		t.Errorf("sign-in command %q", again.Command())
	}

	o.signIn(t, o.imap)
	revoked, err := o.act.SignOut(context.Background(), o.imap)
	if err != nil || !revoked {
		t.Fatalf("sign out: revoked %v, %v", revoked, err)
	}
	if st, _ := o.act.SignInStatus(o.imap); st.SignedIn {
		t.Errorf("still signed in after sign-out")
	}
}

// noTokenOutsideKeyring reads the tokens from the keyring and looks for
// them in the database file and the settings export.
func (o *oauthOffice) noTokenOutsideKeyring(t *testing.T) {
	t.Helper()
	stored, err := storage.Keyring{}.Get(o.imap.Key)
	if err != nil {
		t.Fatal(err)
	}
	refresh := between(stored, `"refresh_token":"`, `"`)
	if refresh == "" {
		t.Fatalf("no refresh token in the keyring entry")
	}
	access, err := o.act.tokens().Source(o.imap.Key, o.imap.OAuth).AccessToken(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	db, err := os.ReadFile(o.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	export, err := o.act.Store.ExportSettings()
	if err != nil {
		t.Fatal(err)
	}
	for name, tok := range map[string]string{"refresh": refresh, "access": access} {
		if bytes.Contains(db, []byte(tok)) {
			t.Errorf("the %s token is in the database file", name)
		}
		if strings.Contains(fmtJSON(export), tok) {
			t.Errorf("the %s token is in the settings export", name)
		}
	}
}

func between(s, from, to string) string {
	_, rest, ok := strings.Cut(s, from)
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(rest, to)
	return v
}

// Both SASL mechanisms log in to IMAP with the same token source.
func TestOAuthBothMechanisms(t *testing.T) {
	o := newOAuthOffice(t, mailtest.ClientOptions{}, mailtest.Servers(t).IMAP)
	o.signIn(t, o.imap)
	c, err := o.act.Store.Company()
	if err != nil {
		t.Fatal(err)
	}
	u, err := o.act.Store.UserByName("Olga")
	if err != nil {
		t.Fatal(err)
	}
	srv, err := o.act.imapServer(c, &u.ImapAccounts[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, mech := range []string{bearer.XOAUTH2, bearer.OAUTHBEARER} {
		srv.Mechanism = mech
		res, err := imapsync.Check(context.Background(), srv)
		if err != nil || res.Mechanism != mech {
			t.Errorf("%s: %v (logged in with %q)", mech, err, res.Mechanism)
		}
	}
	// A token the server does not know is refused, renewed once, and the
	// renewed one works: the source recovers by itself.
	o.idp.RevokeAccessTokens(t, o.client.ID)
	if _, err := imapsync.Check(context.Background(), srv); err != nil {
		t.Errorf("check after the access token was revoked at the server: %v", err)
	}
}

// A consent the user declines is explained as such.
func TestOAuthConsentDenied(t *testing.T) {
	o := newOAuthOffice(t, mailtest.ClientOptions{}, mailtest.Servers(t).IMAP)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := o.act.SignIn(ctx, o.imap, func(u string) error {
		go o.idp.Deny(t, u)
		return nil
	})
	if !errors.Is(err, oauth.ErrConsentDenied) {
		t.Fatalf("declined consent: %v, want ErrConsentDenied", err)
	}
}

// A 6 KB secret (a long Microsoft refresh token) through the real keyring
// and the sign-in's own entry: split into parts and joined again.
func TestOAuthLongTokenInKeyring(t *testing.T) {
	mailtest.Keyring(t)
	key := "user/test-" + t.Name() + "/imap"
	t.Cleanup(func() { storage.Keyring{}.Delete(key) })
	m := oauth.NewManager(storage.Keyring{})
	long := `{"v":1,"refresh_token":"` + strings.Repeat("M.C5_BAY.0.U.-Cq", 400) + `","client_id":"c"}`
	if err := (storage.Keyring{}).Set(key, long); err != nil {
		t.Fatal(err)
	}
	st, err := m.Status(key)
	if err != nil || !st.SignedIn {
		t.Fatalf("status of a 6 KB sign-in: %+v, %v", st, err)
	}
	if _, err := m.SignOut(context.Background(), key, domain.OAuth{}); err != nil {
		t.Fatal(err)
	}
	if _, err := (storage.Keyring{}).Get(key); !errors.Is(err, domain.ErrNoSecret) {
		t.Errorf("after sign-out: %v, want nothing left", err)
	}
}

// expiryProxy stands between Postbridge and Dovecot and plays Exchange
// Online ending a session whose access token expired: on the first
// connection, when the client asks to file the imported mail (UID MOVE or
// UID COPY), it holds the command until the token's expiry, then answers
// "BYE ... AccessTokenExpired" and hangs up. The batch is committed in the
// database by then but not yet filed on the server: the reconnection must
// file it without importing it again. Later connections pass untouched.
// Plain IMAP, so the proxy can read the commands.
type expiryProxy struct {
	addr     string
	upstream string
	// Set by the test while the accept loop runs: an atomic, since a TCP
	// connection is no happens-before edge for the race detector.
	cutAt atomic.Int64 // Unix nanoseconds
	conns atomic.Int32
	cuts  atomic.Int32
}

func newExpiryProxy(t *testing.T, upstream string) *expiryProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	p := &expiryProxy{addr: ln.Addr().String(), upstream: upstream}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go p.serve(c, p.conns.Add(1) == 1)
		}
	}()
	return p
}

func (p *expiryProxy) serve(client net.Conn, cut bool) {
	defer client.Close()
	server, err := net.Dial("tcp", p.upstream)
	if err != nil {
		return
	}
	defer server.Close()
	if !cut {
		go io.Copy(server, client)
		io.Copy(client, server)
		return
	}
	var toClient sync.Mutex // the server's data and the BYE share the client's side
	go func() {
		buf := make([]byte, 32<<10)
		for {
			n, err := server.Read(buf)
			toClient.Lock()
			client.Write(buf[:n])
			toClient.Unlock()
			if err != nil {
				return
			}
		}
	}()
	commands := bufio.NewReader(client)
	for {
		line, err := commands.ReadString('\n')
		if err != nil {
			return
		}
		if cmd := strings.ToUpper(line); strings.Contains(cmd, " UID MOVE ") || strings.Contains(cmd, " UID COPY ") {
			time.Sleep(time.Until(time.Unix(0, p.cutAt.Load())) + time.Second)
			toClient.Lock()
			client.Write([]byte("* BYE Session invalidated - AccessTokenExpired\r\n"))
			toClient.Unlock()
			p.cuts.Add(1)
			return
		}
		server.Write([]byte(line))
	}
}

// A sync that outlives its access token is cut by the server, reconnects
// once with a renewed token (a real refresh at Hydra, whose rotation makes
// the old token useless) and goes on: every message imported and filed
// exactly once.
func TestOAuthSyncGoesOnAcrossTokenExpiry(t *testing.T) {
	s := mailtest.Servers(t)
	proxy := newExpiryProxy(t, s.IMAP)
	o := newOAuthOffice(t, mailtest.ClientOptions{AccessTokenLifespan: 30 * time.Second}, proxy.addr)
	o.plainIMAP(t)
	o.s.FillMaildir(t, o.user, "Postbridge/In", 40, mailtest.MixedMail)
	st := o.signIn(t, o.imap)
	proxy.cutAt.Store(st.AccessUntil.UnixNano())

	results, err := o.act.Sync(context.Background(), SyncFilter{User: "Olga"}, nil)
	if err != nil {
		t.Fatalf("sync across the token's expiry: %v", err)
	}
	if proxy.cuts.Load() != 1 || proxy.conns.Load() != 2 {
		t.Errorf("%d cuts, %d connections; want the session cut once and one reconnection", proxy.cuts.Load(), proxy.conns.Load())
	}
	if got := results[0].Counts.Imported; got != 40 {
		t.Errorf("imported %d in all, want 40", got)
	}
	if n := o.s.Count(t, o.user, "Postbridge/In"); n != 0 {
		t.Errorf("%d messages left in the inbox", n)
	}
	if n := o.s.Count(t, o.user, "Postbridge/In/Completed"); n != 40 {
		t.Errorf("%d messages filed in Completed, want 40", n)
	}
	u, _ := o.act.Store.UserByName("Olga")
	if n, _ := o.act.Store.MessageCount(u.ImapAccounts[0].ID); n != 40 {
		t.Errorf("%d messages in the database, want 40", n)
	}
}

// plainIMAP makes the accounts talk plain IMAP (the proxy must see the
// protocol) with a generous timeout (the proxy holds data until expiry).
func (o *oauthOffice) plainIMAP(t *testing.T) {
	t.Helper()
	c, err := o.act.Store.Company()
	if err != nil {
		t.Fatal(err)
	}
	c.IMAP.Security = domain.SecurityNone
	if err := o.act.Store.SaveCompany(&c); err != nil {
		t.Fatal(err)
	}
	u, err := o.act.Store.UserByName("Olga")
	if err != nil {
		t.Fatal(err)
	}
	acc := u.ImapAccounts[0]
	acc.TimeoutSec = 120
	if err := o.act.Store.SaveImapAccount(&acc); err != nil {
		t.Fatal(err)
	}
}

func fmtJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
