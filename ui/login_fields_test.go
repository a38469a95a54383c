package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"postbridge/storage"
)

// Fields that do nothing in the chosen setting are greyed out: a mail
// server without authentication takes no login, and an own mail server
// that is not used has no host, encryption or Validate.
func TestUnusedLoginFieldsAreGreyedOut(t *testing.T) {
	w := NewMainWindow(test.NewTempApp(t), demoScreens(t))
	defer w.Window().Close()
	if err := mailServerNew(w); err != nil {
		t.Fatal(err)
	}
	c := w.mailServers.card
	for _, step := range []struct {
		auth storage.MailAuth
		want bool
	}{{storage.MailAuthNone, false}, {storage.MailAuthCentral, true}, {storage.MailAuthNone, false}, {storage.MailAuthPerEmployee, true}} {
		c.auth.SetSelected(authLabel(step.auth))
		if got := !c.user.Disabled() && !c.password.Disabled() && !c.oauth.method.Disabled(); got != step.want {
			t.Errorf("authentication %s: login fields enabled %v, want %v", step.auth, got, step.want)
		}
	}

	if err := companyTab(3)(w); err != nil {
		t.Fatal(err)
	}
	o := w.company.own
	for _, step := range []struct {
		mode storage.OwnServerMode
		want bool
	}{{storage.OwnServerOff, false}, {storage.OwnServerRelay, true}, {storage.OwnServerOff, false}, {storage.OwnServerMailbox, true}} {
		o.mode.SetSelected(ownModeLabels()[step.mode])
		if got := !o.host.Disabled() && !o.encryption.Disabled() && !o.validateBtn.Disabled(); got != step.want {
			t.Errorf("mode %s: server fields enabled %v, want %v", step.mode, got, step.want)
		}
		if o.mode.Disabled() {
			t.Errorf("mode %s: the mode itself is disabled", step.mode)
		}
	}
	for _, step := range []struct {
		auth storage.OwnServerAuth
		want bool
	}{{storage.OwnAuthIPWhitelist, false}, {storage.OwnAuthPassword, true}} {
		o.auth.SetSelected(ownAuthLabels()[step.auth])
		if got := !o.username.Disabled() && !o.password.Disabled(); got != step.want {
			t.Errorf("authentication %s: login enabled %v, want %v", step.auth, got, step.want)
		}
	}
}
