package ui

import (
	"net"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"postbridge/storage"
)

// TestUserSMTPCheckOnPostfix: manual 000's Check on the user's e-mail tab
// stores the card and logs in on the user's own SMTP server (Postfix).
func TestUserSMTPCheckOnPostfix(t *testing.T) {
	b, _, stack, alice := mailOffice(t)
	_, s := openUsers(t, b)
	rowOf(t, s, "Alice")
	s.changeSelected()
	c := s.card
	host, port, _ := net.SplitHostPort(stack.Submission)
	test.Tap(c.alwaysOwn)
	typeInto(c.smtpHost, host)
	typeInto(c.smtpPort, port)
	c.smtpSecurity.SetSelected(choiceLabel(encryptionOptions(false), string(storage.SecuritySTARTTLS)))
	test.Tap(c.smtpAuth)
	typeInto(c.smtpUser, alice.Name)
	typeInto(c.smtpPassword, alice.Password)
	test.Tap(c.smtpCheck.button)
	waitShown(t, c.smtpCheck.result)
	if !shownOK(c.smtpCheck.result) {
		t.Fatalf("check: %s", c.smtpCheck.result.outcome.Text)
	}
	if got := c.smtpCheck.result.reason.Text; !strings.Contains(got, host) {
		t.Errorf("reason %q does not name the user's server %s", got, host)
	}
	if u, _ := b.Actions.Store.UserByName("Alice"); u.OwnSMTP.Host != host || !u.AlwaysOwnSMTP {
		t.Errorf("Check did not store the card first: %+v", u.OwnSMTP)
	}
}
