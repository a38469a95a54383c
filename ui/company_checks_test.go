package ui

import (
	"net"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// The Company screen's tests against servers: Check and Send test e-mail
// on the real Postfix, Check IMAP on the real Dovecot, and Cancel.

// waitShown waits for a test running on its own goroutine to show its result.
func waitShown(t *testing.T, r *resultView) {
	t.Helper()
	select {
	case <-r.shown:
	case <-time.After(30 * time.Second):
		t.Fatal("no result shown")
	}
}

// mailOffice is a backend whose one user, Alice, has a mailbox on the real
// Dovecot; the company's servers are left for the screen to fill in.
func mailOffice(t *testing.T) (Backend, memSecrets, *mailtest.Stack, mailtest.User) {
	t.Helper()
	s := mailtest.Servers(t)
	u := s.NewUser(t)
	b := emptyBackend(t)
	secrets := memSecrets{}
	b.Secrets, b.Actions.Secrets, b.Actions.Roots = secrets, secrets, s.CA
	key := storage.SecretUserIMAP("Alice", 0)
	secrets[key] = u.Password
	err := b.Actions.Store.ImportSettings(&storage.SettingsFile{Users: []storage.UserJSON{{Name: "Alice", Email: u.Address(),
		IMAP: []storage.ImapJSON{{Username: u.Name, Secret: key, Mode: "transfer", Inbox: "Postbridge/In"}}}}})
	if err != nil {
		t.Fatal(err)
	}
	return b, secrets, s, u
}

func TestCompanySMTPCheckAndTestEmailOnPostfix(t *testing.T) {
	b, _, stack, alice := mailOffice(t)
	rcpt := stack.NewUser(t)
	w, s := openCompany(t, b)
	host, port, _ := net.SplitHostPort(stack.Submission)
	typeInto(s.general.email, rcpt.Address()) // where the test e-mail goes (manual 002)
	typeInto(s.smtp.host, host)
	typeInto(s.smtp.port, port)
	test.Tap(s.smtp.ssl) // STARTTLS on the submission port, as manual 000's 587
	test.Tap(s.smtp.auth)
	typeInto(s.smtp.username, alice.Name)
	typeInto(s.smtp.password, alice.Password)

	// Check with unsaved changes offers to save first.
	test.Tap(s.smtp.checkBtn)
	tapButton(t, w.Window(), "Yes")
	waitShown(t, s.smtp.result)
	if !shownOK(s.smtp.result) {
		t.Fatalf("Check with the right password: %s", s.smtp.result.outcome.Text)
	}
	if got := s.smtp.result.reason.Text; !strings.Contains(got, "company SMTP server "+host) {
		t.Errorf("route reason %q", got)
	}
	if !s.smtp.result.detail.Visible() || s.smtp.result.transcript.Visible() {
		t.Error("Detail button missing, or the conversation shown before it is asked for")
	}
	test.Tap(s.smtp.result.detail)
	if !s.smtp.result.transcript.Visible() || !strings.Contains(s.smtp.result.transcript.Text, "EHLO") {
		t.Errorf("Detail shows %q", s.smtp.result.transcript.Text)
	}

	// The test e-mail arrives in the company's mailbox.
	test.Tap(s.smtp.sendBtn)
	waitShown(t, s.smtp.result)
	if !shownOK(s.smtp.result) || !strings.Contains(s.smtp.result.outcome.Text, rcpt.Address()) {
		t.Fatalf("Send test e-mail: %s", s.smtp.result.outcome.Text)
	}
	waitMessages(t, stack, rcpt, "INBOX", 1)
	if hdr := stack.Doveadm(t, nil, "fetch", "-u", rcpt.Name, "hdr.subject", "mailbox", "INBOX"); !strings.Contains(hdr, "Postbridge test e-mail") {
		t.Errorf("arrived: %s", hdr)
	}

	// A wrong password is explained in words; the password shows nowhere.
	typeInto(s.smtp.password, "wrong-"+alice.Password)
	test.Tap(s.saveBtn)
	test.Tap(s.smtp.checkBtn)
	waitShown(t, s.smtp.result)
	if shownOK(s.smtp.result) || !strings.Contains(s.smtp.result.outcome.Text, "the server refused the user name or password") {
		t.Errorf("wrong password: %q", s.smtp.result.outcome.Text)
	}
	for _, text := range []string{s.smtp.result.outcome.Text, s.smtp.result.transcript.Text} {
		if strings.Contains(text, alice.Password) {
			t.Error("a password is shown")
		}
	}
}

func TestCompanyIMAPCheckWithAUsersAccount(t *testing.T) {
	b, secrets, stack, _ := mailOffice(t)
	_, s := openCompany(t, b)
	host, port, _ := net.SplitHostPort(stack.IMAP)
	typeInto(s.imap.host, host)
	typeInto(s.imap.port, port)
	s.imap.security.SetSelected(securityLabel(storage.SecuritySTARTTLS))
	test.Tap(s.saveBtn)
	if s.imap.user.Selected != "Alice" {
		t.Fatalf("check user %q, want the current user", s.imap.user.Selected)
	}
	test.Tap(s.imap.checkBtn)
	waitShown(t, s.imap.result)
	if !shownOK(s.imap.result) || !strings.Contains(s.imap.result.outcome.Text, "INBOX") ||
		!strings.Contains(s.imap.result.outcome.Text, "is encrypted") {
		t.Errorf("IMAP check: %q", s.imap.result.outcome.Text)
	}
	secrets[storage.SecretUserIMAP("Alice", 0)] = "wrong"
	test.Tap(s.imap.checkBtn)
	waitShown(t, s.imap.result)
	if shownOK(s.imap.result) || !strings.Contains(s.imap.result.outcome.Text, "the server refused the user name or password") {
		t.Errorf("IMAP check with a wrong password: %q", s.imap.result.outcome.Text)
	}
}

// waitMessages waits for delivery through Postfix and LMTP into Dovecot.
func waitMessages(t *testing.T, s *mailtest.Stack, u mailtest.User, mailbox string, want int) {
	t.Helper()
	for end := time.Now().Add(20 * time.Second); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		if s.Count(t, u, mailbox) >= want {
			return
		}
	}
	t.Fatalf("%s of %s has %d messages, want %d", mailbox, u.Name, s.Count(t, u, mailbox), want)
}

// A server that accepts the connection and then says nothing: Cancel in
// the progress dialog must end the Check rather than leave it hanging.
func TestCompanyCheckCanBeCanceled(t *testing.T) {
	silent, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	go func() {
		for {
			c, err := silent.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	b := emptyBackend(t)
	b.Secrets = memSecrets{}
	if err := b.Actions.Store.ImportSettings(&storage.SettingsFile{Users: []storage.UserJSON{{Name: "Alice", Email: "alice@acme.test"}}}); err != nil {
		t.Fatal(err)
	}
	w, s := openCompany(t, b)
	host, port, _ := net.SplitHostPort(silent.Addr().String())
	typeInto(s.smtp.host, host)
	typeInto(s.smtp.port, port)
	test.Tap(s.saveBtn)
	start := time.Now()
	test.Tap(s.smtp.checkBtn)
	time.Sleep(200 * time.Millisecond) // connected, waiting for the greeting
	tapButton(t, w.Window(), "Cancel")
	waitShown(t, s.smtp.result)
	if shownOK(s.smtp.result) || time.Since(start) > 10*time.Second {
		t.Fatalf("after Cancel: ok %v after %v: %s", shownOK(s.smtp.result), time.Since(start), s.smtp.result.outcome.Text)
	}
	if !strings.Contains(s.smtp.result.outcome.Text, "Canceled") || w.Window().Canvas().Overlays().Top() != nil {
		t.Errorf("outcome %q, want it to say canceled, with the progress dialog gone", s.smtp.result.outcome.Text)
	}
}
