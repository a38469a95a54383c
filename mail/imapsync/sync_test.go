package imapsync

import (
	"postbridge/problem"

	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"postbridge/mail/mailtest"
	"postbridge/mail/message"
	"postbridge/storage"
)

// headerConverter is the engine's contract at its simplest: it reads the
// headers a test needs. MIME parsing is mail/message's job and is tested there.
func headerConverter(f Fetched) (storage.NewMessage, []problem.P, error) {
	sum := sha256.Sum256(f.Raw)
	nm := storage.NewMessage{Message: storage.Message{
		Folder: f.Folder, UIDValidity: f.UIDValidity, UID: f.UID, Direction: f.Direction,
		SHA256: hex.EncodeToString(sum[:]), ContentHash: message.ContentHash(f.Raw), Raw: f.Raw, RawSize: int64(len(f.Raw)),
		Flags: strings.Join(f.Flags, " "),
	}, ProjectNumber: f.Project}
	m, err := mail.ReadMessage(strings.NewReader(string(f.Raw)))
	if err != nil {
		return nm, []problem.P{problem.New(message.WarnHeader, "Detail", err.Error())}, nil
	}
	nm.MessageID = strings.Trim(m.Header.Get("Message-Id"), "<>")
	nm.Subject = m.Header.Get("Subject")
	nm.From = m.Header.Get("From")
	nm.Date, _ = m.Header.Date()
	if a, err := mail.ParseAddress(nm.From); err == nil {
		nm.LinkAddresses = []string{a.Address}
	}
	return nm, nil, nil
}

type fixture struct {
	s     *mailtest.Stack
	user  mailtest.User
	store *storage.Store
	job   Job
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	return newFixtureOn(t, filepath.Join(t.TempDir(), "p.db"))
}

// newFixtureOn is newFixture with the database dsn.
func newFixtureOn(t *testing.T, dsn string) *fixture {
	t.Helper()
	s := mailtest.Servers(t)
	u := s.NewUser(t)
	store, err := storage.Open(dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	// The magnifier has made the folders, as an admin would before a first sync.
	s.CreateMailbox(t, u, "Postbridge/In")
	s.CreateMailbox(t, u, "Postbridge/Out")
	host, portStr, _ := net.SplitHostPort(s.IMAP)
	port, _ := strconv.Atoi(portStr)
	return &fixture{s: s, user: u, store: store, job: Job{
		AccountID: 1, AccountName: u.Name, Mode: storage.ModeTransfer,
		Server: Server{Host: host, Port: port, Security: storage.SecuritySTARTTLS, Roots: s.CA,
			Username: u.Name, Password: u.Password},
		Inbox: "Postbridge/In", Outbox: "Postbridge/Out", Store: store, Convert: headerConverter, BatchSize: 3,
	}}
}

func rawMail(i int, from string) []byte {
	return []byte(fmt.Sprintf("From: %s\r\nTo: alice@acme.test\r\nSubject: Bericht %d\r\n"+
		"Date: Tue, 24 Nov 2026 10:%02d:00 +0100\r\nMessage-ID: <m%d.%d@test>\r\n\r\nTekst %d\r\n",
		from, i, i%60, i, time.Now().UnixNano(), i))
}

func (f *fixture) deliver(t *testing.T, mailbox string, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		f.s.Deliver(t, f.user, mailbox, rawMail(i, "jan@klant.test"))
	}
}

func (f *fixture) messageCount(t *testing.T) int64 {
	t.Helper()
	n, err := f.store.MessageCount(f.job.AccountID)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// checkFiledOnce asserts the end state every sync must reach: each
// message once in the database, once in Completed, none left behind.
func (f *fixture) checkFiledOnce(t *testing.T, in, out int) {
	t.Helper()
	got := map[string]int{
		"db":                       int(f.messageCount(t)),
		"Postbridge/In":            f.s.Count(t, f.user, "Postbridge/In"),
		"Postbridge/In/Completed":  f.s.Count(t, f.user, "Postbridge/In/Completed"),
		"Postbridge/Out":           f.s.Count(t, f.user, "Postbridge/Out"),
		"Postbridge/Out/Completed": f.s.Count(t, f.user, "Postbridge/Out/Completed"),
	}
	want := map[string]int{"db": in + out, "Postbridge/In": 0, "Postbridge/In/Completed": in,
		"Postbridge/Out": 0, "Postbridge/Out/Completed": out}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %d messages, want %d", k, got[k], w)
		}
	}
}

func TestTransferImportsAndFilesOnce(t *testing.T) {
	f := newFixture(t)
	f.deliver(t, "Postbridge/In", 7)
	f.deliver(t, "Postbridge/Out", 2)
	// Two of the incoming messages were read by someone, the rest not.
	f.s.Doveadm(t, nil, "flags", "add", "-u", f.user.Name, `\Seen`, "mailbox", "Postbridge/In", "1:2")
	events := make(chan Event, 1000)
	counts, err := Run(context.Background(), f.job, events)
	if err != nil {
		t.Fatal(err)
	}
	if counts.Imported != 9 || counts.Moved != 9 {
		t.Errorf("counts %+v, want 9 imported and moved", counts)
	}
	f.checkFiledOnce(t, 7, 2)
	seen := f.s.Doveadm(t, nil, "search", "-u", f.user.Name, "mailbox", "Postbridge/In/Completed", "SEEN")
	unseen := f.s.Doveadm(t, nil, "search", "-u", f.user.Name, "mailbox", "Postbridge/In/Completed", "UNSEEN")
	if n, m := len(strings.Split(strings.TrimSpace(seen), "\n")), len(strings.Split(strings.TrimSpace(unseen), "\n")); n != 2 || m != 5 {
		t.Errorf("after import %d seen and %d unseen, want 2 and 5: importing must not mark mail read", n, m)
	}
	close(events)
	var progress, done int
	for e := range events {
		switch e.(type) {
		case Progress:
			progress++
		case AccountDone:
			done++
		}
	}
	if progress < 3 || done != 1 {
		t.Errorf("%d progress and %d done events", progress, done)
	}
	// A second run finds nothing to do.
	counts, err = Run(context.Background(), f.job, nil)
	if err != nil || counts != (Counts{}) {
		t.Errorf("second run: %+v, %v", counts, err)
	}
}

// crashAfterCommit commits a batch and then fails, as if the process died
// between the database commit and the move on the server.
type crashAfterCommit struct {
	Importer
	after int // batches to let through before the crash
}

var errCrash = errors.New("simulated crash")

func (c *crashAfterCommit) ImportFollowing(account uint, b []storage.NewMessage, now time.Time, prev *storage.Preceding) (storage.ImportResult, error) {
	res, err := c.Importer.ImportFollowing(account, b, now, prev)
	if err != nil {
		return res, err
	}
	if c.after == 0 {
		return res, errCrash
	}
	c.after--
	return res, nil
}

func TestCrashBetweenCommitAndMoveIsRepaired(t *testing.T) {
	f := newFixture(t)
	f.deliver(t, "Postbridge/In", 8)
	crashing := f.job
	crashing.Store = &crashAfterCommit{Importer: f.store, after: 1}
	if _, err := Run(context.Background(), crashing, nil); !errors.Is(err, errCrash) {
		t.Fatalf("crashing run: %v", err)
	}
	if n := f.s.Count(t, f.user, "Postbridge/In"); n != 5 {
		t.Fatalf("after the crash %d messages in In, want 5 (one batch of 3 moved, one committed but not moved)", n)
	}
	counts, err := Run(context.Background(), f.job, nil)
	if err != nil {
		t.Fatal(err)
	}
	if counts.Imported != 2 || counts.Moved != 5 {
		t.Errorf("repair run counts %+v, want 2 imported (the uncommitted batch rest) and 5 moved", counts)
	}
	f.checkFiledOnce(t, 8, 0)
}

func TestSameMailDeliveredTwiceIsOneMessage(t *testing.T) {
	f := newFixture(t)
	raw := rawMail(1, "jan@klant.test")
	f.s.Deliver(t, f.user, "Postbridge/In", raw)
	f.s.Deliver(t, f.user, "Postbridge/In", raw)
	counts, err := Run(context.Background(), f.job, nil)
	if err != nil {
		t.Fatal(err)
	}
	if counts.Imported != 1 || counts.Duplicates != 1 || counts.Moved != 2 {
		t.Errorf("counts %+v, want 1 imported, 1 duplicate, 2 moved", counts)
	}
	if n := f.messageCount(t); n != 1 {
		t.Errorf("%d rows, want 1", n)
	}
}

func TestCancelLeavesAResumableState(t *testing.T) {
	f := newFixture(t)
	f.deliver(t, "Postbridge/In", 9)
	ctx, cancel := context.WithCancel(context.Background())
	events := make(chan Event)
	go func() {
		for e := range events {
			if _, ok := e.(Progress); ok {
				cancel()
			}
		}
	}()
	_, err := Run(ctx, f.job, events)
	close(events)
	if err == nil {
		t.Fatal("a cancelled run reported success")
	}
	if n := f.s.Count(t, f.user, "Postbridge/In"); n == 0 || n == 9 {
		t.Logf("cancel landed after %d of 9 messages", 9-n)
	}
	if _, err := Run(context.Background(), f.job, nil); err != nil {
		t.Fatal(err)
	}
	f.checkFiledOnce(t, 9, 0)
}

func TestMissingFolderIsReportedAndTheOtherStillSynced(t *testing.T) {
	f := newFixture(t)
	f.deliver(t, "Postbridge/In", 2)
	f.job.Outbox = "Postbridge/Gone"
	counts, err := Run(context.Background(), f.job, nil)
	if !errors.Is(err, ErrFolderMissing) || !strings.Contains(err.Error(), "Postbridge/Gone") {
		t.Errorf("error %v, want ErrFolderMissing naming the folder", err)
	}
	if counts.Imported != 2 {
		t.Errorf("inbox not synced: %+v", counts)
	}
	for _, m := range f.s.Mailboxes(t, f.user) {
		if strings.HasPrefix(m, "Postbridge/Gone") {
			t.Errorf("sync created %s", m)
		}
	}
}
