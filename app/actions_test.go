package app

import (
	"context"
	"errors"
	"net"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"postbridge/mail/imapsync"
	"postbridge/mail/mailtest"
	"postbridge/mail/route"
	"postbridge/storage"
)

// office is a company whose users live on the test stack.
type office struct {
	s      *mailtest.Stack
	act    *Actions
	alice  mailtest.User // a fresh mailbox, named "Alice" in Postbridge
	keys   string        // prefix that keeps this test's keyring entries apart
	dbPath string
}

func hostPort(t testing.TB, addr string) (string, int) {
	t.Helper()
	h, p, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := strconv.Atoi(p)
	return h, n
}

// newOffice imports settings for one user on the test stack and stores
// the passwords in the real keyring under keys unique to this test.
func newOffice(t testing.TB, sent string) *office {
	t.Helper()
	return newOfficeOn(t, sent, filepath.Join(t.TempDir(), "p.db"))
}

// newOfficeOn is newOffice with its database at dbPath (an SQLite file
// or a postgres:// URL).
func newOfficeOn(t testing.TB, sent, dbPath string) *office {
	t.Helper()
	s := mailtest.Servers(t)
	mailtest.Keyring(t)
	store, err := storage.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	o := &office{s: s, alice: s.NewUser(t), dbPath: dbPath, act: &Actions{Store: store, Secrets: storage.Keyring{}, Roots: s.CA}}
	o.keys = "user/" + o.alice.Name
	smtpHost, smtpPort := hostPort(t, s.Submission)
	imapHost, imapPort := hostPort(t, s.IMAP)
	doc := &storage.SettingsFile{
		Company: &storage.CompanyJSON{Name: "Acme BV", Email: s.Users["carol"].Address(),
			SMTP: &storage.SMTPJSON{Host: smtpHost, Port: smtpPort, Security: "starttls", Auth: true,
				Username: o.alice.Name, Secret: o.keys + "/smtp"},
			IMAP: &storage.ServerJSON{Host: imapHost, Port: imapPort, Security: "starttls"}},
		Users: []storage.UserJSON{{Name: "Alice", Email: o.alice.Address(),
			IMAP: []storage.ImapJSON{{Username: o.alice.Name, Secret: o.keys + "/imap", Mode: "transfer",
				Inbox: "Postbridge/In", Outbox: "Postbridge/Out", Sent: sent}}}},
	}
	if err := store.ImportSettings(doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{o.keys + "/smtp", o.keys + "/imap"} {
		if err := (storage.Keyring{}).Set(k, o.alice.Password); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { storage.Keyring{}.Delete(k) })
	}
	return o
}

func TestEnsureFoldersCreatesFourThenNothing(t *testing.T) {
	o := newOffice(t, "Sent")
	ctx := context.Background()
	res, err := o.act.EnsureFolders(ctx, "Alice")
	if err != nil {
		t.Fatal(err)
	}
	want := "Postbridge/In Postbridge/In/Completed Postbridge/Out Postbridge/Out/Completed"
	if got := strings.Join(res.Created, " "); got != want {
		t.Errorf("first run created %q, want %q", got, want)
	}
	res, err = o.act.EnsureFolders(ctx, "Alice")
	if err != nil || len(res.Created) != 0 || len(res.Existing) != 4 {
		t.Errorf("second run: created %v, existing %v, err %v; want nothing created", res.Created, res.Existing, err)
	}
	folders, err := o.act.Folders(ctx, "Alice")
	if err != nil {
		t.Fatal(err)
	}
	roles := map[string]string{}
	for _, f := range folders {
		roles[f.Name] = f.Role
		if f.Delimiter != "/" {
			t.Errorf("folder %s has delimiter %q, want /", f.Name, f.Delimiter)
		}
	}
	if roles["Sent"] != "Sent" || roles["Drafts"] != "Drafts" {
		t.Errorf("special-use roles (RFC 6154) = %v", roles)
	}
}

func TestEnsureFoldersRefusesMissingSentFolder(t *testing.T) {
	o := newOffice(t, "sent") // Dovecot has "Sent": names are case-sensitive
	res, err := o.act.EnsureFolders(context.Background(), "Alice")
	if !errors.Is(err, imapsync.ErrFolderMissing) {
		t.Fatalf("error %v, want ErrFolderMissing", err)
	}
	if len(res.Created) != 0 {
		t.Errorf("created %v before refusing", res.Created)
	}
	for _, m := range o.s.Mailboxes(t, o.alice) {
		if m == "sent" || strings.HasPrefix(m, "Postbridge") {
			t.Errorf("folder %s was created", m)
		}
	}
}

func TestCheckIMAPAndSMTP(t *testing.T) {
	o := newOffice(t, "Sent")
	ctx := context.Background()
	res, err := o.act.CheckIMAP(ctx, "Alice")
	if err != nil || !res.Encrypted || len(res.Folders) == 0 {
		t.Fatalf("CheckIMAP = %+v, %v", res, err)
	}
	smtp, err := o.act.CheckSMTP(ctx, "Alice")
	if err != nil || smtp.Route.Via != route.ViaCompanySMTP {
		t.Fatalf("CheckSMTP = %+v, %v", smtp, err)
	}
	storage.Keyring{}.Set(o.keys+"/imap", "wrong")
	if _, err := o.act.CheckIMAP(ctx, "Alice"); err == nil || strings.Contains(err.Error(), o.alice.Password) {
		t.Errorf("CheckIMAP with a wrong password = %v", err)
	}
}

func TestSendTestFilesSeenCopyInSent(t *testing.T) {
	o := newOffice(t, "Sent")
	rcpt := o.s.NewUser(t)
	res, err := o.act.SendTest(context.Background(), "Alice", rcpt.Address())
	if err != nil {
		t.Fatalf("send test: %v\n%s", err, res.Transcript)
	}
	if res.SentCopyError != nil {
		t.Fatalf("sent copy: %v", res.SentCopyError)
	}
	if res.Route.Via != route.ViaCompanySMTP || !strings.Contains(res.Transcript, "235") {
		t.Errorf("route %v, transcript:\n%s", res.Route, res.Transcript)
	}
	if strings.Contains(res.Transcript, o.alice.Password) {
		t.Error("transcript shows the password")
	}
	waitCount(t, o.s, rcpt, "INBOX", 1)
	flags := o.s.Doveadm(t, nil, "fetch", "-u", o.alice.Name, "flags", "mailbox", "Sent")
	if !strings.Contains(flags, `\Seen`) {
		t.Errorf("copy in Sent has flags %q, want \\Seen", flags)
	}
}

func waitCount(t *testing.T, s *mailtest.Stack, u mailtest.User, mailbox string, want int) {
	t.Helper()
	for end := time.Now().Add(15 * time.Second); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		if s.Count(t, u, mailbox) == want {
			return
		}
	}
	t.Fatalf("%s has %d messages, want %d", mailbox, s.Count(t, u, mailbox), want)
}

var codeLine = regexp.MustCompile(`(?m)^ {4}([A-Z0-9]{8})\s*$`)

// The code travels through a real mailbox: sent through the own mail
// server, read back over Dovecot, confirmed; the route then prefers the
// own server for that domain.
func TestDomainValidationRoundTrip(t *testing.T) {
	o := newOffice(t, "Sent")
	host, port := hostPort(t, o.s.SMTPS)
	doc, _ := o.act.Store.ExportSettings()
	doc.Company.OwnServer = &storage.OwnServerJSON{Mode: "relay", Host: host, Port: port, Security: "tls",
		Auth: "password", Username: o.alice.Name, Secret: o.keys + "/smtp"}
	if err := o.act.Store.ImportSettings(doc); err != nil {
		t.Fatal(err)
	}
	admin := o.s.NewUser(t)
	ctx := context.Background()
	if _, err := o.act.ValidateDomain(ctx, "acme.test", "office@elsewhere.test", admin.Address()); !errors.Is(err, ErrFromNotInDomain) {
		t.Errorf("From outside the domain: %v", err)
	}
	if res, err := o.act.ValidateDomain(ctx, "acme.test", o.alice.Address(), admin.Address()); err != nil {
		t.Fatalf("validate: %v\n%s", err, res.Transcript)
	}
	waitCount(t, o.s, admin, "INBOX", 1)
	m := codeLine.FindStringSubmatch(o.s.Doveadm(t, nil, "fetch", "-u", admin.Name, "body", "mailbox", "INBOX"))
	if m == nil {
		t.Fatal("no code in the validation mail")
	}
	if err := o.act.ConfirmDomain("acme.test", "ABCDEFGH", "admin"); !errors.Is(err, storage.ErrWrongCode) {
		t.Errorf("wrong code: %v", err)
	}
	if err := o.act.ConfirmDomain("acme.test", m[1], "admin"); err != nil {
		t.Fatalf("confirm: %v", err)
	}
	res, err := o.act.SendTest(ctx, "Alice", admin.Address())
	if err != nil {
		t.Fatalf("send after validation: %v", err)
	}
	if res.Route.Via != route.ViaOwnServer {
		t.Errorf("after validation the route is %s (%s), want the own server", res.Route.Via, res.Route.Reason.English())
	}
}
