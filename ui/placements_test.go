package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"postbridge/app"
	"postbridge/storage"
)

// TestDetailScrolledIntoView: opening a test e-mail's Detail scrolls the
// tab so the transcript is not hidden behind Save and Cancel.
func TestDetailScrolledIntoView(t *testing.T) {
	b := demoScreens(t)
	w := NewMainWindow(test.NewTempApp(t), b)
	t.Cleanup(func() { w.Window().Close() })
	w.win.Resize(ScreenshotSize)
	if err := companyTab(tabSMTP)(w); err != nil {
		t.Fatal(err)
	}
	w.company.smtp.showOutcome(app.SendResult{To: "info@devriesbouw.nl", Transcript: demoTranscript}, nil)
	sc := w.company.scrolls[tabSMTP]
	if sc.Offset.Y != 0 {
		t.Fatalf("scrolled to %v before Detail", sc.Offset)
	}
	test.Tap(w.company.smtp.result.detail)
	// The transcript ends the tab: the tab must show its end.
	end := sc.Content.Size().Height - sc.Size().Height
	if end <= 0 || sc.Offset.Y < end-1 {
		t.Errorf("the tab shows from %v, its end needs %v", sc.Offset.Y, end)
	}
}

// TestImapUseSSLFollowsEncryption: manual 000's "gebruik ssl" check box
// on Company → IMAP and the finer encryption choice follow each other.
func TestImapUseSSLFollowsEncryption(t *testing.T) {
	b := demoScreens(t)
	w := NewMainWindow(test.NewTempApp(t), b)
	t.Cleanup(func() { w.Window().Close() })
	if err := companyTab(tabIMAP)(w); err != nil {
		t.Fatal(err)
	}
	c := w.company.imap
	if !c.ssl.Checked || securityOf(c.security.Selected) != storage.SecurityTLS {
		t.Fatalf("demo IMAP on 993 with SSL: check %v, choice %q", c.ssl.Checked, c.security.Selected)
	}
	test.Tap(c.ssl)
	if got := securityOf(c.security.Selected); got != storage.SecuritySTARTTLSOptional {
		t.Errorf("SSL untick: choice %q", c.security.Selected)
	}
	c.security.SetSelected(securityLabel(storage.SecurityTLS))
	if !c.ssl.Checked {
		t.Error("choosing SSL left the check box empty")
	}
}

// TestUserSMTPUseSSLFollowsEncryption: the same check box on the user's
// E-mail tab (manual 000 §2.2.1).
func TestUserSMTPUseSSLFollowsEncryption(t *testing.T) {
	b := demoScreens(t)
	w := NewMainWindow(test.NewTempApp(t), b)
	t.Cleanup(func() { w.Window().Close() })
	if err := userTab(1)(w); err != nil {
		t.Fatal(err)
	}
	c := w.users.card
	tls := choiceLabel(encryptionOptions(false), string(storage.SecurityTLS))
	test.Tap(c.smtpSSL)
	if c.smtpSecurity.Selected != tls {
		t.Errorf("SSL ticked: choice %q, want %q", c.smtpSecurity.Selected, tls)
	}
	c.smtpSecurity.SetSelected(choiceLabel(encryptionOptions(false), string(storage.SecurityNone)))
	if c.smtpSSL.Checked {
		t.Error("choosing no encryption left SSL ticked")
	}
}

func TestValidationAddressesInTheDomain(t *testing.T) {
	for _, tt := range []struct{ local, domain, want string }{
		{"info", "devriesbouw.nl", "info@devriesbouw.nl"},
		{" postmaster ", " acme.test ", "postmaster@acme.test"},
		{"alice@other.test", "acme.test", "alice@other.test"},
		{"", "acme.test", ""},
	} {
		if got := inDomain(tt.local, tt.domain); got != tt.want {
			t.Errorf("inDomain(%q, %q) = %q, want %q", tt.local, tt.domain, got, tt.want)
		}
	}
}
