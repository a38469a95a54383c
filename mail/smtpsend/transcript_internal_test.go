package smtpsend

import (
	"slices"
	"testing"
)

// The EHLO keywords come from the EHLO replies only, as go-mail logs them.
func TestEHLOKeywords(t *testing.T) {
	tr := &transcript{lines: []string{
		"S: 220 mail.acme.test ESMTP",
		"C: EHLO vm",
		"S: 250 mail.acme.test",
		"S: PIPELINING",
		"S: STARTTLS",
		"C: STARTTLS",
		"S: 220 2.0.0 Ready to start TLS",
		"C: EHLO vm",
		"S: 250 mail.acme.test",
		"S: AUTH PLAIN LOGIN XOAUTH2",
		"C: MAIL FROM:<a@acme.test>",
		"S: 250 2.1.0 Ok",
	}}
	if !tr.offers("STARTTLS") || !tr.offers("PIPELINING") || tr.offers("2.1.0") || tr.offers("MAIL.ACME.TEST") {
		t.Errorf("keywords %v", tr.ehloKeywords())
	}
	if got := tr.authMechanisms(); !slices.Equal(got, []string{"PLAIN", "LOGIN", "XOAUTH2"}) {
		t.Errorf("mechanisms %v", got)
	}
	if (&transcript{}).authMechanisms() != nil {
		t.Error("no EHLO: mechanisms not nil")
	}
}
