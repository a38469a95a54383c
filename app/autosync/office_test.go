package autosync

import (
	"context"
	"fmt"
	"net"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"postbridge/app"
	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// mapSecrets is the keyring for these tests; the keyring itself is
// tested in storage and cli.
type mapSecrets map[string]string

func (m mapSecrets) Get(key string) (string, error) {
	if v, ok := m[key]; ok {
		return v, nil
	}
	return "", &storage.MissingSecretError{Key: key}
}

// office is a company whose users each have one transfer-mode account
// on the test Dovecot with automatic send/receive on.
type office struct {
	s     *mailtest.Stack
	store *storage.Store
	act   *app.Actions
	users []mailtest.User
	accs  []app.AutoAccount
}

// newOffice makes n users; imapAddr is where the accounts connect (the
// test Dovecot, or a proxy in front of it).
func newOffice(t testing.TB, n int, dsn, imapAddr string) *office {
	t.Helper()
	s := mailtest.Servers(t)
	if dsn == "" {
		dsn = filepath.Join(t.TempDir(), "p.db")
	}
	if imapAddr == "" {
		imapAddr = s.IMAP
	}
	store, err := storage.Open(dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	host, portStr, _ := net.SplitHostPort(imapAddr)
	port, _ := strconv.Atoi(portStr)
	doc := &storage.SettingsFile{Company: &storage.CompanyJSON{Name: "Acme",
		IMAP: &storage.ServerJSON{Host: host, Port: port, Security: "starttls"}}}
	secrets := mapSecrets{}
	o := &office{s: s, store: store}
	for i := 0; i < n; i++ {
		u := s.NewUser(t)
		key := "user/" + u.Name + "/imap"
		secrets[key] = u.Password
		o.users = append(o.users, u)
		doc.Users = append(doc.Users, storage.UserJSON{Name: u.Name, Email: u.Address(),
			IMAP: []storage.ImapJSON{{Description: u.Name, Username: u.Name, Secret: key, Mode: "transfer",
				Inbox: "INBOX", AutoSendReceive: true}}})
	}
	if err := store.ImportSettings(doc); err != nil {
		t.Fatal(err)
	}
	o.act = &app.Actions{Store: store, Secrets: secrets, Roots: s.CA}
	accs, err := o.act.AutoAccounts("")
	if err != nil || len(accs) != n {
		t.Fatalf("AutoAccounts: %v, %v", accs, err)
	}
	// o.accs[i] is o.users[i]'s account (each is described by its user's name).
	for _, u := range o.users {
		for _, a := range accs {
			if a.Name == u.Name {
				o.accs = append(o.accs, a)
			}
		}
	}
	return o
}

// notices collects the loops' notices, so a test can wait for a step.
type notices struct {
	mu    sync.Mutex
	lines []string
	added chan struct{}
}

func newNotices() *notices { return &notices{added: make(chan struct{}, 1000)} }

func (n *notices) add(account, text string) {
	n.mu.Lock()
	n.lines = append(n.lines, account+": "+text)
	n.mu.Unlock()
	n.added <- struct{}{}
}

// waitFor waits until count lines contain part.
func (n *notices) waitFor(t testing.TB, part string, count int) {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		n.mu.Lock()
		got := 0
		for _, l := range n.lines {
			if strings.Contains(l, part) {
				got++
			}
		}
		all := strings.Join(n.lines, "\n")
		n.mu.Unlock()
		if got >= count {
			return
		}
		select {
		case <-n.added:
		case <-deadline:
			t.Fatalf("no %d× %q after 30 s; notices:\n%s", count, part, all)
		}
	}
}

// start runs r for the office's accounts until the test ends.
func (o *office) start(t testing.TB, r *Runner) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { r.Run(ctx, o.accs); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
}

// waitMessages waits until account i has n messages and returns how long that took.
func (o *office) waitMessages(t testing.TB, i int, n int64) time.Duration {
	t.Helper()
	start := time.Now()
	for {
		got, err := o.store.MessageCount(o.accs[i].ID)
		if err != nil {
			t.Fatal(err)
		}
		if got >= n {
			return time.Since(start)
		}
		if time.Since(start) > 30*time.Second {
			t.Fatalf("account %d: %d messages after 30 s, want %d", i, got, n)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func mailTo(u mailtest.User, subject string) []byte {
	return []byte(fmt.Sprintf("From: jan@elders.example\r\nTo: %s\r\nSubject: %s\r\n"+
		"Message-ID: <%s.%d@elders.example>\r\nDate: Tue, 24 Nov 2026 10:00:00 +0100\r\n\r\nTekst\r\n",
		u.Address(), subject, strings.ReplaceAll(subject, " ", "."), time.Now().UnixNano()))
}
