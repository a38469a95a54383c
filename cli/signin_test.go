package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strings"
	"testing"

	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// signinNoBrowser runs `postbridge signin --no-browser` as an admin on a
// server without a browser would: the printed address is opened
// elsewhere (the test plays that browser) while the command waits.
func signinNoBrowser(t *testing.T, idp *mailtest.OAuthServer, subject, db string, flags ...string) result {
	t.Helper()
	pr, pw := io.Pipe()
	var errb bytes.Buffer
	done := make(chan int)
	go func() {
		stdio := IO{Stdin: strings.NewReader(""), Stdout: pw, Stderr: &errb}
		code := Main(append([]string{"--db", db, "signin", "--no-browser"}, flags...), stdio, storage.Keyring{}, nil)
		pw.Close()
		done <- code
	}()
	var out strings.Builder
	sc := bufio.NewScanner(pr)
	for sc.Scan() {
		line := sc.Text()
		out.WriteString(line + "\n")
		if strings.HasPrefix(line, "http") {
			go idp.Approve(t, line, subject)
		}
	}
	return result{<-done, out.String(), errb.String()}
}

func TestSigninNoBrowserThenSyncAndCheck(t *testing.T) {
	s := mailtest.Servers(t)
	mailtest.Keyring(t)
	idp := mailtest.OAuth(t)
	client := idp.NewClient(t, mailtest.ClientOptions{})
	u := s.NewOAuthUser(t) // no password opens it: only a token
	s.CreateMailbox(t, u, "Postbridge/Out")
	s.FillMaildir(t, u, "Postbridge/In", 5, mailtest.MixedMail)

	host, port, _ := net.SplitHostPort(s.IMAPS)
	key := "user/" + u.Name + "/imap"
	t.Cleanup(func() { storage.Keyring{}.Delete(key) })
	t.Cleanup(func() { storage.Keyring{}.Delete(key + "/smtp") })
	smtpHost, smtpPort, _ := net.SplitHostPort(s.SMTPS)
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	oauthJSON := fmt.Sprintf(`{"provider": "custom", "client_id": %q, "auth_url": %q, "token_url": %q, "revoke_url": %q, "scopes": ["openid", "offline_access", "email"]}`,
		client.ID, idp.AuthURL, idp.TokenURL, idp.RevokeURL)
	settings := writeFile(t, dir, "s.json", fmt.Sprintf(`{
	  "company": {"name": "Cloud", "imap": {"host": %q, "port": %s, "security": "tls", "tls_fingerprint": %q,
	              "auth_method": "oauth2", "oauth": %s}},
	  "users": [{"name": "Olga", "email": %q, "imap": [{"username": %q, "secret": %q, "mode": "transfer",
	             "inbox": "Postbridge/In", "outbox": "Postbridge/Out", "sent": "Sent",
	             "smtp": {"host": %q, "port": %s, "security": "tls", "tls_fingerprint": %[3]q, "auth": true,
	                      "login": "own", "username": %[5]q, "auth_method": "oauth2", "oauth": %[4]s}}]}]}`,
		host, port, s.CertFingerprint, oauthJSON, u.Address(), u.Address(), key, smtpHost, smtpPort))
	if r := run(t, "", "--db", db, "settings", "import", settings); r.code != ExitOK {
		t.Fatalf("import: %+v", r)
	}

	r := run(t, "", "--db", db, "sync", "--user", "Olga")
	if r.code != ExitFailure || !strings.Contains(r.stderr, "sign in again with: postbridge signin --user \"Olga\" --account 1") {
		t.Fatalf("sync before the sign-in: %+v; want exit 1 naming the signin command", r)
	}
	r = signinNoBrowser(t, idp, u.Address(), db, "--user", "Olga")
	if r.code != ExitOK || !strings.Contains(r.stdout, "Signed in as "+u.Address()) {
		t.Fatalf("signin --no-browser: %+v", r)
	}
	r = run(t, "", "--db", db, "sync", "--user", "Olga", "--json")
	var rows []syncRow
	if r.code != ExitOK || json.Unmarshal([]byte(r.stdout), &rows) != nil || rows[0].SyncCounts.Imported != 5 {
		t.Fatalf("sync after the sign-in: %+v", r)
	}
	r = run(t, "", "--db", db, "check", "imap", "--user", "Olga")
	if r.code != ExitOK || !strings.Contains(r.stdout, "with OAuth2 (OAUTHBEARER)") {
		t.Errorf("check imap: %+v; want it to name OAuth2 (OAUTHBEARER)", r)
	}
	// The account's own SMTP server with a login of its own: signed in
	// on its own (--account ID --smtp), under the key beside the IMAP one.
	if r := run(t, "", "--db", db, "check", "smtp", "--user", "Olga"); r.code != ExitFailure ||
		!strings.Contains(r.stderr, "no one has signed in") {
		t.Errorf("check smtp before the SMTP login's sign-in: %+v", r)
	}
	r = signinNoBrowser(t, idp, u.Address(), db, "--user", "Olga", "--account", "1", "--smtp")
	if r.code != ExitOK || !strings.Contains(r.stdout, "("+key+"/smtp)") {
		t.Fatalf("signin --account 1 --smtp: %+v", r)
	}
	r = run(t, "", "--db", db, "check", "smtp", "--user", "Olga", "--account", "1")
	if r.code != ExitOK || !strings.Contains(r.stdout, "own SMTP server of the IMAP account") || !strings.Contains(r.stdout, "OAuth2") {
		t.Errorf("check smtp after the sign-in: %+v", r)
	}
	r = run(t, "", "--db", db, "signout", "--user", "Olga")
	if r.code != ExitOK || !strings.Contains(r.stdout, "the provider revoked the sign-in") {
		t.Errorf("signout: %+v", r)
	}
	if r := run(t, "", "--db", db, "signin", "--company", "smtp", "--user", "Olga"); r.code != ExitUsage {
		t.Errorf("signin naming two logins: %+v, want a usage error", r)
	}
}
