package mailtest

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-sasl"
	gomail "github.com/wneessen/go-mail"
	"github.com/wneessen/go-mail/smtp"
	"golang.org/x/oauth2"
)

// xoauth2 is the XOAUTH2 SASL client (Google's, also Microsoft's):
// go-sasl has OAUTHBEARER but not this one.
type xoauth2 struct{ user, token string }

func (a *xoauth2) Start() (string, []byte, error) {
	return "XOAUTH2", []byte("user=" + a.user + "\x01auth=Bearer " + a.token + "\x01\x01"), nil
}

// Next answers the server's JSON error challenge. An empty answer would
// go out as "=", which Dovecot calls invalid base64; a lone ^A makes it
// finish with NO.
func (a *xoauth2) Next([]byte) ([]byte, error) { return []byte{1}, nil }

// imapLogin logs in over STARTTLS (or implicit TLS) with a SASL client
// and selects INBOX; it returns the number of messages there.
func imapLogin(t *testing.T, s *Stack, implicitTLS bool, c sasl.Client) (uint32, error) {
	t.Helper()
	opts := &imapclient.Options{TLSConfig: &tls.Config{RootCAs: s.CA, ServerName: "127.0.0.1"}}
	var ic *imapclient.Client
	var err error
	if implicitTLS {
		ic, err = imapclient.DialTLS(s.IMAPS, opts)
	} else {
		ic, err = imapclient.DialStartTLS(s.IMAP, opts)
	}
	if err != nil {
		t.Fatalf("imap dial: %v", err)
	}
	defer ic.Close()
	if err := ic.Authenticate(c); err != nil {
		return 0, err
	}
	sel, err := ic.Select("INBOX", nil).Wait()
	if err != nil {
		t.Fatalf("select INBOX: %v", err)
	}
	return sel.NumMessages, nil
}

func bearer(user, token string) sasl.Client {
	return sasl.NewOAuthBearerClient(&sasl.OAuthBearerOptions{Username: user, Token: token})
}

// loopback is a client's redirect listener (RFC 8252): it hands the
// query of the first /callback request to the test.
func loopback(t *testing.T) (redirectURL string, got <-chan url.Values) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ch := make(chan url.Values, 1)
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/callback" {
			http.NotFound(w, r)
			return
		}
		select {
		case ch <- r.URL.Query():
		default:
		}
		fmt.Fprintln(w, "You may close this window.")
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String() + "/callback", ch
}

func wait(t *testing.T, ch <-chan url.Values) url.Values {
	t.Helper()
	select {
	case q := <-ch:
		return q
	case <-time.After(30 * time.Second):
		t.Fatal("the loopback listener got no callback")
		return nil
	}
}

// signIn is what the app will do: PKCE S256, state, a loopback listener,
// the browser (Approve, in its own goroutine as a real browser would be),
// then the code exchange.
func signIn(t *testing.T, o *OAuthServer, c *OAuthClient, subject string) (*oauth2.Config, *oauth2.Token) {
	t.Helper()
	redirect, got := loopback(t)
	conf := c.Config(redirect)
	verifier := oauth2.GenerateVerifier()
	state := randomState()
	authURL := conf.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier))
	go o.Approve(t, authURL, subject)
	q := wait(t, got)
	if q.Get("state") != state {
		t.Fatal("callback state differs from the one sent")
	}
	if q.Get("code") == "" {
		t.Fatalf("callback without code: error=%q %q", q.Get("error"), q.Get("error_description"))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	tok, err := conf.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatalf("exchange: %v", err)
	}
	if tok.AccessToken == "" || tok.RefreshToken == "" {
		t.Fatal("exchange gave no access or no refresh token")
	}
	return conf, tok
}

// TestOAuthSignInThenIMAP: a token from the real flow opens the mailbox of
// its subject over XOAUTH2 (STARTTLS) and OAUTHBEARER (implicit TLS), with
// the address or the bare name as user; it opens no other mailbox, and
// neither a password over XOAUTH2 nor a token over PLAIN gets in.
func TestOAuthSignInThenIMAP(t *testing.T) {
	t.Parallel() // own users and clients
	s := Servers(t)
	o := OAuth(t)
	u := s.NewUser(t)
	s.Deliver(t, u, "INBOX", []byte("Subject: for the token\r\n\r\nbody\r\n"))
	_, tok := signIn(t, o, o.NewClient(t, ClientOptions{}), u.Address())

	in := o.Introspect(t, tok.AccessToken)
	if !in.Active || in.Subject != u.Address() || in.TokenUse != "access_token" {
		t.Fatalf("introspection: active=%v sub=%q use=%q", in.Active, in.Subject, in.TokenUse)
	}
	if !strings.HasPrefix(tok.AccessToken, "ory_at_") || !strings.HasPrefix(tok.RefreshToken, "ory_rt_") {
		t.Error("Hydra's tokens lost the ory_at_/ory_rt_ prefixes scripts/run-tests.sh scans for")
	}

	ok := []struct {
		name     string
		implicit bool
		c        sasl.Client
	}{
		{"XOAUTH2 STARTTLS address", false, &xoauth2{u.Address(), tok.AccessToken}},
		{"XOAUTH2 implicit TLS name", true, &xoauth2{u.Name, tok.AccessToken}},
		{"OAUTHBEARER implicit TLS address", true, bearer(u.Address(), tok.AccessToken)},
		{"OAUTHBEARER STARTTLS name", false, bearer(u.Name, tok.AccessToken)},
	}
	for _, tt := range ok {
		n, err := imapLogin(t, s, tt.implicit, tt.c)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
		} else if n != 1 {
			t.Errorf("%s: INBOX has %d messages, want the 1 delivered to %s", tt.name, n, u.Name)
		}
	}

	other := s.NewUser(t)
	refused := []struct {
		name string
		c    sasl.Client
	}{
		{"XOAUTH2 token for another mailbox", &xoauth2{other.Address(), tok.AccessToken}},
		{"OAUTHBEARER token for another mailbox", bearer(other.Name, tok.AccessToken)},
		{"XOAUTH2 garbage token", &xoauth2{u.Address(), "not-a-token-" + randomState()}},
		{"XOAUTH2 with the password", &xoauth2{u.Address(), u.Password}},
		{"PLAIN with the token", sasl.NewPlainClient("", u.Address(), tok.AccessToken)},
	}
	for _, tt := range refused {
		if _, err := imapLogin(t, s, false, tt.c); err == nil {
			t.Errorf("%s: logged in", tt.name)
		}
	}
	// Passwords still work as before.
	if _, err := imapLogin(t, s, false, sasl.NewPlainClient("", u.Address(), u.Password)); err != nil {
		t.Errorf("PLAIN with the password: %v", err)
	}
}

// TestOAuthTokenHelper: the one-line Token helper (no listener) gives a
// working token for a fixed user too.
func TestOAuthTokenHelper(t *testing.T) {
	t.Parallel() // own users and clients
	s := Servers(t)
	o := OAuth(t)
	alice := s.Users["alice"]
	tok := o.NewClient(t, ClientOptions{}).Token(t, alice.Address())
	if _, err := imapLogin(t, s, false, &xoauth2{alice.Address(), tok.AccessToken}); err != nil {
		t.Fatalf("alice with her token: %v", err)
	}
}

// TestOAuthOnlyMailbox: a NewOAuthUser mailbox opens with a token and
// with no password (not even the shared test password).
func TestOAuthOnlyMailbox(t *testing.T) {
	t.Parallel() // own users and clients
	s := Servers(t)
	o := OAuth(t)
	u := s.NewOAuthUser(t)
	s.Deliver(t, u, "INBOX", []byte("Subject: oauth only\r\n\r\nbody\r\n"))
	tok := o.NewClient(t, ClientOptions{}).Token(t, u.Address())
	if n, err := imapLogin(t, s, false, &xoauth2{u.Address(), tok.AccessToken}); err != nil || n != 1 {
		t.Fatalf("token login: %d messages, %v; want 1, nil", n, err)
	}
	for _, pw := range []string{s.sharedPassword, "", tok.AccessToken} {
		if _, err := imapLogin(t, s, false, sasl.NewPlainClient("", u.Name, pw)); err == nil {
			t.Error("an OAuth2-only mailbox took a password")
		}
	}
}

// TestOAuthCutMidSession: Dovecot checks a token at login only; revoking
// the access tokens and kicking the user ends the session (as a
// provider's "AccessTokenExpired" does), and a refreshed token reconnects.
func TestOAuthCutMidSession(t *testing.T) {
	t.Parallel() // own users and clients
	s := Servers(t)
	o := OAuth(t)
	u := s.NewUser(t)
	c := o.NewClient(t, ClientOptions{})
	tok := c.Token(t, u.Address())
	ic, err := imapclient.DialStartTLS(s.IMAP, &imapclient.Options{TLSConfig: &tls.Config{RootCAs: s.CA, ServerName: "127.0.0.1"}})
	if err != nil {
		t.Fatal(err)
	}
	defer ic.Close()
	if err := ic.Authenticate(&xoauth2{u.Address(), tok.AccessToken}); err != nil {
		t.Fatal(err)
	}
	o.RevokeAccessTokens(t, c.ID)
	if err := ic.Noop().Wait(); err != nil {
		t.Fatalf("session ended by revocation alone (Dovecot should check at login only): %v", err)
	}
	s.Doveadm(t, nil, "kick", u.Name)
	deadline := time.Now().Add(10 * time.Second)
	for ic.Noop().Wait() == nil {
		if time.Now().After(deadline) {
			t.Fatal("the session survived doveadm kick")
		}
		time.Sleep(100 * time.Millisecond)
	}
	if _, err := imapLogin(t, s, false, &xoauth2{u.Address(), tok.AccessToken}); err == nil {
		t.Error("revoked access token logged in again")
	}
	tok.Expiry = time.Now().Add(-time.Minute)
	fresh, err := c.Config("http://127.0.0.1/callback").TokenSource(context.Background(), tok).Token()
	if err != nil {
		t.Fatalf("refresh: %v", err)
	}
	if _, err := imapLogin(t, s, false, &xoauth2{u.Address(), fresh.AccessToken}); err != nil {
		t.Errorf("reconnect with the refreshed token: %v", err)
	}
}

// TestOAuthExpiryAndRefresh: with a 3 s access token lifespan Dovecot
// refuses the token once it has expired; the refreshed one gets in.
func TestOAuthExpiryAndRefresh(t *testing.T) {
	t.Parallel() // own users and clients
	s := Servers(t)
	o := OAuth(t)
	u := s.NewUser(t)
	conf, tok := signIn(t, o, o.NewClient(t, ClientOptions{AccessTokenLifespan: 3 * time.Second}), u.Address())
	if left := time.Until(tok.Expiry); left > 4*time.Second || left < 0 {
		t.Fatalf("token expires in %v, want about 3 s", left)
	}
	if _, err := imapLogin(t, s, false, &xoauth2{u.Address(), tok.AccessToken}); err != nil {
		t.Fatalf("fresh token: %v", err)
	}
	time.Sleep(time.Until(tok.Expiry) + time.Second)
	if _, err := imapLogin(t, s, false, &xoauth2{u.Address(), tok.AccessToken}); err == nil {
		t.Fatal("expired token logged in")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	fresh, err := conf.TokenSource(ctx, tok).Token()
	if err != nil {
		t.Fatalf("refresh: %v", err)
	}
	if fresh.AccessToken == tok.AccessToken || fresh.RefreshToken == tok.RefreshToken {
		t.Error("refresh did not give a new access token and a new (rotated) refresh token")
	}
	if _, err := imapLogin(t, s, true, bearer(u.Address(), fresh.AccessToken)); err != nil {
		t.Fatalf("refreshed token: %v", err)
	}
}

// TestOAuthRevoked: an admin revoking the subject at the server, and the
// app revoking its refresh token (RFC 7009, Sign out), both end access.
func TestOAuthRevoked(t *testing.T) {
	t.Parallel() // own users and clients
	s := Servers(t)
	o := OAuth(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	t.Run("by the admin", func(t *testing.T) {
		u := s.NewUser(t)
		conf, tok := signIn(t, o, o.NewClient(t, ClientOptions{}), u.Address())
		o.RevokeSubject(t, u.Address())
		if _, err := imapLogin(t, s, false, &xoauth2{u.Address(), tok.AccessToken}); err == nil {
			t.Error("revoked access token logged in")
		}
		tok.Expiry = time.Now().Add(-time.Minute) // force the refresh
		_, err := conf.TokenSource(ctx, tok).Token()
		var re *oauth2.RetrieveError
		if !errors.As(err, &re) || re.ErrorCode != "invalid_grant" {
			t.Errorf("refresh after revocation: %v, want invalid_grant", err)
		}
	})
	t.Run("by the app", func(t *testing.T) {
		u := s.NewUser(t)
		c := o.NewClient(t, ClientOptions{})
		conf, tok := signIn(t, o, c, u.Address())
		resp, err := http.PostForm(o.RevokeURL, url.Values{"token": {tok.RefreshToken}, "client_id": {c.ID}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("revoke: %s", resp.Status)
		}
		if o.Introspect(t, tok.RefreshToken).Active {
			t.Error("revoked refresh token still active")
		}
		tok.Expiry = time.Now().Add(-time.Minute)
		if _, err := conf.TokenSource(ctx, tok).Token(); err == nil {
			t.Error("revoked refresh token still refreshes")
		}
	})
	t.Run("access tokens only", func(t *testing.T) {
		u := s.NewUser(t)
		c := o.NewClient(t, ClientOptions{})
		conf := c.Config("http://127.0.0.1/callback")
		tok := c.Token(t, u.Address())
		o.RevokeAccessTokens(t, c.ID)
		if _, err := imapLogin(t, s, false, &xoauth2{u.Address(), tok.AccessToken}); err == nil {
			t.Error("access token logged in after RevokeAccessTokens")
		}
		if !o.Introspect(t, tok.RefreshToken).Active {
			t.Fatal("RevokeAccessTokens ended the refresh token too")
		}
		tok.Expiry = time.Now().Add(-time.Minute)
		fresh, err := conf.TokenSource(ctx, tok).Token()
		if err != nil {
			t.Fatalf("refresh: %v", err)
		}
		if _, err := imapLogin(t, s, false, &xoauth2{u.Address(), fresh.AccessToken}); err != nil {
			t.Errorf("refreshed token: %v", err)
		}
	})
}

// TestOAuthDenied: a user who refuses consent sends the client
// error=access_denied with its state, and no code.
func TestOAuthDenied(t *testing.T) {
	t.Parallel() // own users and clients
	o := OAuth(t)
	redirect, got := loopback(t)
	conf := o.NewClient(t, ClientOptions{}).Config(redirect)
	state := randomState()
	go o.Deny(t, conf.AuthCodeURL(state, oauth2.S256ChallengeOption(oauth2.GenerateVerifier())))
	q := wait(t, got)
	if q.Get("error") != "access_denied" || q.Get("state") != state || q.Has("code") {
		t.Fatalf("callback: error=%q state ok=%v code=%v", q.Get("error"), q.Get("state") == state, q.Has("code"))
	}
}

// TestOAuthPKCEEnforced: a public client without PKCE gets no code.
func TestOAuthPKCEEnforced(t *testing.T) {
	t.Parallel() // own users and clients
	o := OAuth(t)
	conf := o.NewClient(t, ClientOptions{}).Config("http://127.0.0.1/callback")
	to := o.Authorize(t, conf.AuthCodeURL(randomState()), "alice@acme.test")
	if to == nil {
		t.FailNow()
	}
	if q := to.Query(); q.Get("error") != "invalid_request" || q.Has("code") {
		t.Fatalf("without PKCE: error=%q code=%v, want invalid_request", q.Get("error"), q.Has("code"))
	}
}

// saslAuth lets go-mail use a go-sasl client (here OAUTHBEARER).
type saslAuth struct{ c sasl.Client }

func (a saslAuth) Start(*smtp.ServerInfo) (string, []byte, error) { return a.c.Start() }
func (a saslAuth) Next(from []byte, more bool) ([]byte, error) {
	if !more {
		return nil, nil
	}
	return a.c.Next(from)
}

// TestOAuthSubmission: Postfix offers XOAUTH2 and OAUTHBEARER after
// STARTTLS (Dovecot SASL) and takes mail from a token's owner with each;
// the mail arrives. A token does not let its owner send as someone else.
func TestOAuthSubmission(t *testing.T) {
	t.Parallel() // own users and clients
	s := Servers(t)
	o := OAuth(t)
	u := s.NewUser(t)
	tok := o.NewClient(t, ClientOptions{}).Token(t, u.Address())

	mechs := submissionAUTH(t, s)
	for _, m := range []string{"XOAUTH2", "OAUTHBEARER", "PLAIN"} {
		if !strings.Contains(" "+mechs+" ", " "+m+" ") {
			t.Errorf("submission offers AUTH %s after STARTTLS; want %s among them", mechs, m)
		}
	}

	for _, tt := range []struct {
		name string
		auth gomail.Option
	}{
		{"XOAUTH2", gomail.WithSMTPAuth(gomail.SMTPAuthXOAUTH2)},
		{"OAUTHBEARER", gomail.WithSMTPAuthCustom(saslAuth{bearer(u.Address(), tok.AccessToken)})},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rcpt := s.NewUser(t)
			// Create the new mailbox before mail arrives: Dovecot 2.3 can
			// deadlock for 60 s when LMTP's first delivery and an IMAP
			// login both create a new user's folders at the same moment.
			s.Count(t, rcpt, "INBOX")
			subject := fmt.Sprintf("OAuth2 %s %d", tt.name, time.Now().UnixNano())
			if err := sendAs(s, u.Address(), u.Address(), tok.AccessToken, rcpt.Address(), subject, tt.auth); err != nil {
				t.Fatalf("send: %v", err)
			}
			waitForSubject(t, s, rcpt, false, subject)
		})
	}
	t.Run("as someone else", func(t *testing.T) {
		err := sendAs(s, u.Address(), s.Users["bob"].Address(), tok.AccessToken, s.NewUser(t).Address(), "spoof",
			gomail.WithSMTPAuth(gomail.SMTPAuthXOAUTH2))
		if err == nil {
			t.Fatal("sent as bob with a token of another user")
		}
	})
	t.Run("revoked", func(t *testing.T) {
		o.RevokeSubject(t, u.Address())
		err := sendAs(s, u.Address(), u.Address(), tok.AccessToken, s.NewUser(t).Address(), "revoked",
			gomail.WithSMTPAuth(gomail.SMTPAuthXOAUTH2))
		if err == nil {
			t.Fatal("sent with a revoked token")
		}
	})
}

// submissionAUTH returns the AUTH mechanisms submission offers after STARTTLS.
func submissionAUTH(t *testing.T, s *Stack) string {
	t.Helper()
	c, err := smtp.Dial(s.Submission)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Hello("localhost"); err != nil {
		t.Fatal(err)
	}
	if err := c.StartTLS(&tls.Config{RootCAs: s.CA, ServerName: "127.0.0.1"}); err != nil {
		t.Fatal(err)
	}
	_, mechs := c.Extension("AUTH")
	return mechs
}

// sendAs sends one message through submission with STARTTLS, logging in
// as user with the token (for XOAUTH2 go-mail takes it as the password).
func sendAs(s *Stack, user, from, token, to, subject string, auth gomail.Option) error {
	msg := gomail.NewMsg()
	if err := msg.From(from); err != nil {
		return err
	}
	if err := msg.To(to); err != nil {
		return err
	}
	msg.Subject(subject)
	msg.SetBodyString(gomail.TypeTextPlain, "Hallo vanuit de test.")
	host, portStr, _ := net.SplitHostPort(s.Submission)
	var port int
	fmt.Sscan(portStr, &port)
	c, err := gomail.NewClient(host, gomail.WithPort(port), gomail.WithTimeout(20*time.Second),
		gomail.WithTLSPolicy(gomail.TLSMandatory),
		gomail.WithTLSConfig(&tls.Config{RootCAs: s.CA, ServerName: host}),
		auth, gomail.WithUsername(user), gomail.WithPassword(token))
	if err != nil {
		return err
	}
	return c.DialAndSend(msg)
}
