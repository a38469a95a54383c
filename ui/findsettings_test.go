package ui

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"postbridge/mail/autoconfig"
	"postbridge/mail/autoconfig/dnstest"
	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// TestFindSettingsFillsCompanyIMAP: the IMAP tab's Find settings asks for
// the address, shows what the sources said, and Use fills the fields and
// says how they were found; nothing is saved.
func TestFindSettingsFillsCompanyIMAP(t *testing.T) {
	t.Setenv(autoconfig.EnvResolver, dnstest.Start(t, 0)) // the network sources find nothing
	b := emptyBackend(t)
	co := storage.Company{Name: "Acme BV", Email: "anna@xs4all.nl"}
	if err := b.Actions.Store.SaveCompany(&co); err != nil {
		t.Fatal(err)
	}
	w, s := openCompany(t, b)
	// The button's first step asks for the address, prefilled.
	test.Tap(buttonIn(s.imap.object(), "Find settings"))
	if got := overlayEntryTexts(w.Window()); len(got) != 1 || got[0] != co.Email {
		t.Fatalf("Find settings asked for the address with %q, want it prefilled", got)
	}
	tapButton(t, w.Window(), "Close")
	// The search itself (runLong's goroutine is walked by the assistant's
	// test); its answer shown, then Use.
	res, err := b.Actions.FindSettings(context.Background(), co.Email)
	if err != nil {
		t.Fatal(err)
	}
	w.showFound(res, err, s.imap.applyFound)
	tapButton(t, w.Window(), "Use these settings")
	host, port, sec, said := s.imap.host.Text, s.imap.port.Text, s.imap.security.Selected, s.imap.result.outcome.Text
	if host != "imap.kpnmail.nl" || port != "993" || sec != securityLabel(storage.SecurityTLS) {
		t.Errorf("filled %q %q %q", host, port, sec)
	}
	if got, want := said, foundByText(found{FoundBy: autoconfig.SourceProvider})+"\nChoose the user whose account is used for the check."; got != want {
		t.Errorf("said %q", got)
	}
	if saved, _ := b.Actions.Store.Company(); saved.IMAP.Host != "" {
		t.Errorf("Find settings saved the company: %+v", saved.IMAP)
	}
}

// TestFindSettingsRunsCheck: after filling, Find settings runs Check on
// the unsaved settings with the chosen user's stored login — here the
// address's SRV records name the real Dovecot.
func TestFindSettingsRunsCheck(t *testing.T) {
	st := mailtest.Servers(t)
	u := st.NewUser(t)
	_, imaps, _ := net.SplitHostPort(st.IMAPS)
	t.Setenv(autoconfig.EnvResolver, dnstest.Start(t, 0, "_imaps._tcp.acme.test. 60 IN SRV 0 1 "+imaps+" localhost."))
	b := emptyBackend(t)
	secrets := memSecrets{"user/anna/imap": u.Password}
	b.Actions.Secrets, b.Actions.Roots = secrets, st.CA
	b.Actions.Finder = &autoconfig.Finder{HTTPSPort: closedTCP(t), HTTPPort: closedTCP(t), ProbeTimeout: time.Second,
		Ports: autoconfig.Ports{SMTPS: closedTCP(t), Submission: closedTCP(t)}}
	co := storage.Company{Name: "Acme BV", Email: u.Address()}
	anna := storage.User{Name: "Anna", Email: u.Address()}
	if err := b.Actions.Store.SaveCompany(&co); err != nil {
		t.Fatal(err)
	}
	if err := b.Actions.Store.SaveUser(&anna); err != nil {
		t.Fatal(err)
	}
	acc := newAccount(anna.ID)
	acc.Login = storage.Login{Username: u.Name, SecretKey: "user/anna/imap"}
	if err := b.Actions.Store.SaveImapAccount(&acc); err != nil {
		t.Fatal(err)
	}
	_, s := openCompany(t, b)
	s.imap.user.SetSelected("Anna")
	res, err := b.Actions.FindSettings(context.Background(), u.Address())
	if err != nil || res.FoundBy != autoconfig.SourceSRV {
		t.Fatalf("found by %s: %v", res.FoundBy, err)
	}
	s.imap.applyFound(found{foundServers: *res.Chosen, FoundBy: res.FoundBy})
	waitShown(t, s.imap.result)
	if !strings.Contains(s.imap.result.outcome.Text, "INBOX") {
		t.Errorf("Check after Find: %q", s.imap.result.outcome.Text)
	}
	if saved, _ := b.Actions.Store.Company(); saved.IMAP.Host != "" {
		t.Errorf("Find settings saved the company: %+v", saved.IMAP)
	}
}

// overlayEntryTexts lists the texts of the entries in the top dialog.
func overlayEntryTexts(w fyne.Window) []string {
	var out []string
	if top := w.Canvas().Overlays().Top(); top != nil {
		walk(top, func(o fyne.CanvasObject) {
			if e, ok := o.(*widget.Entry); ok {
				out = append(out, e.Text)
			}
		})
	}
	return out
}
