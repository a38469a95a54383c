package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"postbridge/domain"
	"postbridge/mail/autoconfig"
	"postbridge/mail/autoconfig/dnstest"
	"postbridge/storage"
)

// TestFindSettingsSelectsOAuth2ForMicrosoft365: an office domain whose MX
// is Microsoft 365's (the built-in provider table) fills the SMTP tab with
// Microsoft's server and sets its Authentication to OAuth2 at Microsoft
// 365, keeping the client ID already entered; no Check runs before the
// sign-in. The IMAP tab's default follows the same way; a server found
// with a password leaves the method as it is.
func TestFindSettingsSelectsOAuth2ForMicrosoft365(t *testing.T) {
	t.Setenv(autoconfig.EnvResolver, dnstest.Start(t, 0, "acme.test. 60 IN MX 10 acme-test.mail.protection.outlook.com."))
	b := emptyBackend(t)
	b.Actions.Finder = &autoconfig.Finder{HTTPSPort: closedTCP(t), HTTPPort: closedTCP(t), ProbeTimeout: time.Second}
	co := storage.Company{Name: "Acme BV", Email: "info@acme.test"}
	if err := b.Actions.Store.SaveCompany(&co); err != nil {
		t.Fatal(err)
	}
	_, s := openCompany(t, b)
	typeInto(s.smtp.oauth.clientID, "0b5e-client") // entered before Find settings
	res, err := b.Actions.FindSettings(context.Background(), co.Email)
	if err != nil || res.FoundBy != autoconfig.SourceMX || res.Chosen.OAuthProvider != domain.ProviderMicrosoft {
		t.Fatalf("found by %s, provider %+v: %v", res.FoundBy, res.Chosen, err)
	}
	f := found{foundServers: *res.Chosen, FoundBy: res.FoundBy}

	s.smtp.applyFound(f)
	o := s.smtp.oauth
	if s.smtp.host.Text != "smtp.office365.com" || s.smtp.port.Text != "587" || !s.smtp.auth.Checked {
		t.Errorf("SMTP filled %q %q, authorize %v", s.smtp.host.Text, s.smtp.port.Text, s.smtp.auth.Checked)
	}
	if o.method.Selected != "OAuth2" || o.provider.Selected != "Microsoft 365" || !o.oauthBox.Visible() || !o.tenant.Visible() {
		t.Errorf("SMTP authentication %q %q (fields shown %v)", o.method.Selected, o.provider.Selected, o.oauthBox.Visible())
	}
	if o.clientID.Text != "0b5e-client" || !s.smtp.password.Disabled() || !o.signIn.Visible() {
		t.Errorf("client ID %q, password disabled %v, Sign in shown %v", o.clientID.Text, s.smtp.password.Disabled(), o.signIn.Visible())
	}
	if got := s.smtp.result.outcome.Text; !strings.Contains(got, "Found by the domain's MX record") ||
		!strings.Contains(got, "OAuth2 with Microsoft 365: enter the client ID") {
		t.Errorf("SMTP says %q", got)
	}

	s.imap.applyFound(f)
	if m, io := s.imap.oauth.read(); !m.IsOAuth2() || io.Provider != domain.ProviderMicrosoft || s.imap.host.Text != "outlook.office365.com" {
		t.Errorf("IMAP default %q %+v, host %q", m, io, s.imap.host.Text)
	}
	if got := s.imap.result.outcome.Text; !strings.Contains(got, "Each user signs in on their IMAP account card") {
		t.Errorf("IMAP says %q", got)
	}
	typeInto(s.imap.oauth.clientID, "0b5e-client") // the admin enters it, as the sentence says
	if err := s.save(); err != nil {
		t.Fatal(err)
	}
	saved, _ := b.Actions.Store.Company()
	want := domain.OAuth{Provider: domain.ProviderMicrosoft, ClientID: "0b5e-client"}
	if saved.SMTPLogin.AuthMethod != domain.AuthOAuth2 || saved.SMTPLogin.OAuth != want || saved.IMAPAuth != domain.AuthOAuth2 || saved.IMAPOAuth != want {
		t.Errorf("saved SMTP %q %+v, IMAP default %q %+v", saved.SMTPLogin.AuthMethod, saved.SMTPLogin.OAuth, saved.IMAPAuth, saved.IMAPOAuth)
	}

	// A server that takes a password leaves the chosen method alone.
	pw := &autoconfig.Server{Host: "imap.kpnmail.nl", Port: 993, Security: storage.SecurityTLS, Auth: autoconfig.AuthPassword}
	s.imap.applyFound(found{foundServers: autoconfig.Settings{IMAP: pw, Provider: "KPN"}, FoundBy: autoconfig.SourceProvider})
	if m, io := s.imap.oauth.read(); !m.IsOAuth2() || io.Provider != domain.ProviderMicrosoft || s.imap.host.Text != "imap.kpnmail.nl" {
		t.Errorf("after a password server: %q %+v, host %q", m, io, s.imap.host.Text)
	}
}
