package mailtest

import (
	"net/smtp"
	"testing"
	"time"
)

// SendRaw hands raw to Postfix on the plain SMTP port for to, as another
// mail server would: Postfix adds its Received line and delivers it into
// to's INBOX through Dovecot's LMTP, which adds Return-Path and
// Delivered-To. from is the envelope sender; outside acme.test and
// klant.test, whose senders must log in. Delivery is asynchronous:
// WaitCount waits for it.
func (s *Stack) SendRaw(t testing.TB, from string, to User, raw []byte) {
	t.Helper()
	if err := smtp.SendMail(s.SMTPPlain, nil, from, []string{to.Address()}, raw); err != nil {
		t.Fatalf("send through Postfix %s: %v", s.SMTPPlain, err)
	}
}

// WaitCount waits until mailbox holds n messages, for at most 20 s.
func (s *Stack) WaitCount(t testing.TB, user User, mailbox string, n int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for s.Count(t, user, mailbox) < n {
		if time.Now().After(deadline) {
			t.Fatalf("%s of %s: %d messages after 20 s, want %d", mailbox, user.Name, s.Count(t, user, mailbox), n)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
