package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"

	"postbridge/mail/autoconfig"
	"postbridge/mail/autoconfig/dnstest"
	"postbridge/storage"
)

// TestFindSettingsFillsCompanyIMAP: the IMAP tab's Find settings asks for
// the address, shows what the sources said, and Use fills the fields and
// says how they were found; nothing is saved.
func TestFindSettingsFillsCompanyIMAP(t *testing.T) {
	t.Setenv(autoconfig.EnvResolver, dnstest.Start(t, 0)) // the network sources find nothing
	b := emptyBackend(t)
	co := storage.Company{Name: "Acme BV", Email: "anna@xs4all.nl"}
	if err := b.Store.SaveCompany(&co); err != nil {
		t.Fatal(err)
	}
	w, s := openCompany(t, b)
	// The button's first step asks for the address, prefilled.
	test.Tap(buttonIn(s.imap.object(), "Find settings"))
	if form, ok := w.lastDialog.(*dialog.FormDialog); !ok {
		t.Fatalf("Find settings asked for no address: %T", w.lastDialog)
	} else {
		form.Dismiss()
	}
	// The search itself (runLong's goroutine is walked by the assistant's
	// test); its answer shown, then Use.
	res, err := b.Actions.FindSettings(context.Background(), co.Email)
	if err != nil {
		t.Fatal(err)
	}
	w.showFound(res, err, s.imap.applyFound)
	use, ok := w.lastDialog.(*dialog.ConfirmDialog)
	if !ok {
		t.Fatalf("no Use question: %T", w.lastDialog)
	}
	use.Confirm()
	host, port, sec, said := s.imap.host.Text, s.imap.port.Text, s.imap.security.Selected, s.imap.result.outcome.Text
	if host != "imap.kpnmail.nl" || port != "993" || sec != securityLabel(storage.SecurityTLS) {
		t.Errorf("filled %q %q %q", host, port, sec)
	}
	if got := said; got != foundByText(found{FoundBy: autoconfig.SourceProvider}) {
		t.Errorf("said %q", got)
	}
	if saved, _ := b.Store.Company(); saved.IMAP.Host != "" {
		t.Errorf("Find settings saved the company: %+v", saved.IMAP)
	}
}
