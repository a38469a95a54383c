package mailtest

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// NewUser returns a user with an empty mailbox of its own, so that tests
// running in parallel never see each other's mail. Dovecot lets any new
// name log in with the shared test password, and Postfix accepts every
// address of acme.test.
func (s *Stack) NewUser(t testing.TB) User {
	t.Helper()
	b := make([]byte, 6)
	rand.Read(b)
	return s.opened(t, User{Name: "t" + hex.EncodeToString(b), Domain: "acme.test", Password: s.sharedPassword})
}

// opened makes the user's mailbox exist before the test uses it: Dovecot
// 2.3 can wait 60 s and fail when Postfix's first delivery (LMTP) and an
// IMAP login create the same new mailbox at the same moment. Sent too: a
// save into INBOX racing the autocreation of Sent (an APPEND after a send)
// deadlocked once in 100 trials with only INBOX opened, never with both.
func (s *Stack) opened(t testing.TB, u User) User {
	t.Helper()
	s.Count(t, u, "INBOX")
	s.Count(t, u, "Sent")
	return u
}

// Doveadm runs doveadm against the test Dovecot and returns its output.
func (s *Stack) Doveadm(t testing.TB, stdin []byte, args ...string) string {
	t.Helper()
	cmd := exec.Command("doveadm", append([]string{"-c", s.DovecotConf}, args...)...)
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("doveadm %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// Deliver stores raw in user's mailbox, creating the mailbox if needed.
func (s *Stack) Deliver(t testing.TB, user User, mailbox string, raw []byte) {
	t.Helper()
	if !strings.EqualFold(mailbox, "INBOX") && !slices.Contains(s.Mailboxes(t, user), mailbox) {
		s.CreateMailbox(t, user, mailbox)
	}
	s.Doveadm(t, raw, "save", "-u", user.Name, "-m", mailbox)
}

// CreateMailbox creates a mailbox (and its parents).
func (s *Stack) CreateMailbox(t testing.TB, user User, mailbox string) {
	t.Helper()
	s.Doveadm(t, nil, "mailbox", "create", "-u", user.Name, mailbox)
}

// Mailboxes lists user's mailboxes.
func (s *Stack) Mailboxes(t testing.TB, user User) []string {
	t.Helper()
	// One name per line: names may hold spaces ("ProjektPro/210-01 Musterprojekt").
	return strings.FieldsFunc(s.Doveadm(t, nil, "mailbox", "list", "-u", user.Name),
		func(r rune) bool { return r == '\n' || r == '\r' })
}

// Count is the number of messages in a mailbox.
func (s *Stack) Count(t testing.TB, user User, mailbox string) int {
	t.Helper()
	out := s.Doveadm(t, nil, "-f", "flow", "mailbox", "status", "-u", user.Name, "messages", mailbox)
	_, count, _ := strings.Cut(strings.TrimSpace(out), "messages=")
	n, err := strconv.Atoi(count)
	if err != nil {
		t.Fatalf("mailbox status %s: %q", mailbox, out)
	}
	return n
}
