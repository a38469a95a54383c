package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"postbridge/storage"
)

// Get makes memSecrets a keyring the actions can read too, so these tests
// never touch the keyring entries (company/smtp) other packages' tests use.
func (m memSecrets) Get(k string) (string, error) {
	v, ok := m[k]
	if !ok {
		return "", &storage.MissingSecretError{Key: k}
	}
	return v, nil
}

// openCompany shows the Company screen of a new window on b.
func openCompany(t *testing.T, b Backend) (*MainWindow, *companyScreen) {
	t.Helper()
	w := NewMainWindow(test.NewTempApp(t), b)
	t.Cleanup(func() { w.Window().Close() })
	w.show(0)
	if w.company == nil {
		t.Fatal("the Company screen did not open")
	}
	return w, w.company
}

// reopen leaves the Company screen and comes back, so the fields are read
// from the database again.
func reopen(t *testing.T, w *MainWindow) *companyScreen {
	t.Helper()
	w.show(1)
	if w.current != 1 {
		t.Fatal("could not leave the Company screen")
	}
	w.show(0)
	return w.company
}

// typeInto replaces an entry's text the way a person would.
func typeInto(e *widget.Entry, text string) {
	e.SetText("")
	test.Type(e, text)
}

func TestCompanyScreenSavesEveryTab(t *testing.T) {
	b := emptyBackend(t)
	secrets := memSecrets{}
	b.Secrets = secrets
	w, s := openCompany(t, b)
	attach := filepath.Join(t.TempDir(), "bijlagen")

	typeInto(s.general.name, "Acme BV")
	typeInto(s.general.email, "info@acme.test")
	typeInto(s.general.attachPath, attach)

	typeInto(s.smtp.host, "smtp.acme.test")
	test.Tap(s.smtp.auth)
	test.Tap(s.smtp.ssl)
	typeInto(s.smtp.port, "587")
	typeInto(s.smtp.username, "info@acme.test")
	typeInto(s.smtp.password, "smtp-pw")

	typeInto(s.imap.host, "imap.acme.test")
	s.imap.security.SetSelected(securityLabel(storage.SecurityTLS))
	if s.imap.port.Text != "993" {
		t.Errorf("IMAP port %q after choosing SSL, want 993 suggested", s.imap.port.Text)
	}

	s.own.mode.SetSelected(ownModeLabels()[storage.OwnServerRelay])
	typeInto(s.own.host, "mail.acme.test")
	typeInto(s.own.port, "587")
	s.own.encryption.SetSelected(securityLabel(storage.SecuritySTARTTLSOptional))
	s.own.auth.SetSelected(ownAuthLabels()[storage.OwnAuthPassword])
	typeInto(s.own.username, "relay")
	typeInto(s.own.password, "own-pw")

	if c, _ := b.Actions.Store.Company(); c.Name != "" || len(secrets) != 0 {
		t.Fatalf("stored before Save: %+v, keyring %v", c, secrets)
	}
	if !s.d.changed {
		t.Fatal("the screen does not know it has changes")
	}
	test.Tap(s.saveBtn)
	if s.message.Visible() {
		t.Fatalf("Save refused: %s", s.message.Text)
	}

	want := storage.Company{Name: "Acme BV", Email: "info@acme.test", AttachmentPath: attach,
		SMTP:     storage.Endpoint{Host: "smtp.acme.test", Port: 587, Security: storage.SecuritySTARTTLS},
		SMTPAuth: true, SMTPLogin: storage.Login{Username: "info@acme.test", SecretKey: storage.SecretCompanySMTP},
		IMAP: storage.Endpoint{Host: "imap.acme.test", Port: 993, Security: storage.SecurityTLS},
		OwnServer: storage.OwnServer{Mode: storage.OwnServerRelay,
			Endpoint: storage.Endpoint{Host: "mail.acme.test", Port: 587, Security: storage.SecuritySTARTTLSOptional},
			Auth:     storage.OwnAuthPassword, Login: storage.Login{Username: "relay", SecretKey: storage.SecretOwnServer}},
	}
	got, _ := b.Actions.Store.Company()
	want.ID = got.ID
	if got != want {
		t.Errorf("stored\n got %+v\nwant %+v", got, want)
	}
	if secrets[storage.SecretCompanySMTP] != "smtp-pw" || secrets[storage.SecretOwnServer] != "own-pw" {
		t.Errorf("keyring holds %v", secrets)
	}

	s = reopen(t, w)
	checks := []struct{ name, got, want string }{
		{"name", s.general.name.Text, "Acme BV"},
		{"attachment path", s.general.attachPath.Text, attach},
		{"smtp host", s.smtp.host.Text, "smtp.acme.test"},
		{"smtp port", s.smtp.port.Text, "587"},
		{"smtp user", s.smtp.username.Text, "info@acme.test"},
		{"smtp password", s.smtp.password.Text, ""},
		{"imap security", s.imap.security.Selected, securityLabel(storage.SecurityTLS)},
		{"own mode", s.own.mode.Selected, ownModeLabels()[storage.OwnServerRelay]},
		{"own encryption", s.own.encryption.Selected, securityLabel(storage.SecuritySTARTTLSOptional)},
		{"own password", s.own.password.Text, ""},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("reopened %s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if !s.smtp.auth.Checked || !s.smtp.ssl.Checked || s.d.changed {
		t.Errorf("reopened: authorize %v, ssl %v, changed %v", s.smtp.auth.Checked, s.smtp.ssl.Checked, s.d.changed)
	}
	if s.smtp.password.PlaceHolder != "(unchanged)" {
		t.Errorf("password placeholder %q", s.smtp.password.PlaceHolder)
	}

	// Saving again without typing a password keeps the stored one.
	typeInto(s.general.name, "Acme Holding BV")
	test.Tap(s.saveBtn)
	if got, _ := b.Actions.Store.Company(); got.Name != "Acme Holding BV" || secrets[storage.SecretOwnServer] != "own-pw" {
		t.Errorf("second save: name %q, keyring %v", got.Name, secrets)
	}
}

func TestCompanyScreenRefusesInvalidInput(t *testing.T) {
	b := emptyBackend(t)
	b.Secrets = memSecrets{}
	_, s := openCompany(t, b)
	typeInto(s.general.name, "Acme BV")
	test.Tap(s.saveBtn)
	stored, _ := b.Actions.Store.Company()

	tests := []struct {
		name, path, want string
		tab              int
		fill             func(s *companyScreen)
	}{
		{"port out of range", "company.smtp.port", "70000 is not a port (1-65535)", tabSMTP, func(s *companyScreen) {
			typeInto(s.smtp.host, "smtp.acme.test")
			typeInto(s.smtp.port, "70000")
		}},
		{"port not a number", "company.imap.port", `"99a" is not a port (1-65535)`, tabIMAP, func(s *companyScreen) {
			typeInto(s.imap.host, "imap.acme.test")
			typeInto(s.imap.port, "99a")
		}},
		{"authorize without host", "company.smtp.host", "is required when authorize is on", tabSMTP, func(s *companyScreen) {
			test.Tap(s.smtp.auth)
			typeInto(s.smtp.username, "info")
		}},
		{"own server password required", "company.own_server.password", "is required", tabOwnServer, func(s *companyScreen) {
			s.own.mode.SetSelected(ownModeLabels()[storage.OwnServerMailbox])
			typeInto(s.own.host, "mail.acme.test")
			typeInto(s.own.port, "587")
			s.own.encryption.SetSelected(securityLabel(storage.SecuritySTARTTLS))
			s.own.auth.SetSelected(ownAuthLabels()[storage.OwnAuthPassword])
			typeInto(s.own.username, "relay")
		}},
		{"e-mail address", "company.email", `"info" is not an e-mail address`, tabGeneral, func(s *companyScreen) {
			typeInto(s.general.email, "info")
		}},
	}
	for _, tt := range tests {
		s.tabs.SelectIndex(tabDomains)
		tt.fill(s)
		test.Tap(s.saveBtn)
		if got := s.fields.note(tt.path); got != tt.want {
			t.Errorf("%s: note at %s = %q, want %q", tt.name, tt.path, got, tt.want)
		}
		if !s.message.Visible() || !strings.Contains(s.message.Text, tt.want) {
			t.Errorf("%s: sentence on top %q", tt.name, s.message.Text)
		}
		if s.tabs.SelectedIndex() != tt.tab {
			t.Errorf("%s: tab %d shown, want %d (the wrong field's)", tt.name, s.tabs.SelectedIndex(), tt.tab)
		}
		if got, _ := b.Actions.Store.Company(); got != stored {
			t.Errorf("%s: stored %+v", tt.name, got)
		}
		// Cancel returns to what is stored and clears the marks.
		test.Tap(s.cancel)
		if s.d.changed || s.fields.note(tt.path) != "" || s.general.name.Text != "Acme BV" || s.message.Visible() {
			t.Errorf("%s: after Cancel: changed %v, note %q, name %q", tt.name, s.d.changed, s.fields.note(tt.path), s.general.name.Text)
		}
	}
}

func TestLeavingTheCompanyScreenWithChangesAsks(t *testing.T) {
	b := emptyBackend(t)
	b.Secrets = memSecrets{}
	w, s := openCompany(t, b)
	typeInto(s.general.name, "Acme BV")
	w.show(1)
	if w.current != 0 {
		t.Fatal("left the Company screen with changes without asking")
	}
	test.Tap(unsavedButton(w, "stay"))
	if w.current != 0 || s.general.name.Text != "Acme BV" {
		t.Fatalf("Cancel: at screen %d, name %q", w.current, s.general.name.Text)
	}
	if c, _ := b.Actions.Store.Company(); c.Name != "" {
		t.Fatal("stored before Save")
	}
	w.show(1)
	test.Tap(unsavedButton(w, "save"))
	if c, _ := b.Actions.Store.Company(); w.current != 1 || c.Name != "Acme BV" {
		t.Fatalf("Save in the question: at %d, stored name %q", w.current, c.Name)
	}

	// A refused save in the question keeps the screen.
	s = reopen(t, w)
	typeInto(s.smtp.host, "smtp.acme.test")
	typeInto(s.smtp.port, "0")
	w.show(1)
	test.Tap(unsavedButton(w, "save"))
	if w.current != 0 || s.fields.note("company.smtp.port") == "" {
		t.Errorf("refused save: at %d, note %q", w.current, s.fields.note("company.smtp.port"))
	}
}

func TestCompanyScreenFollowsTheRole(t *testing.T) {
	b := emptyBackend(t)
	err := b.Actions.Store.ImportSettings(&storage.SettingsFile{
		Roles: []storage.RoleJSON{{Name: "Office", ManageCompany: true}, {Name: "Admin", ManageCompany: true, OwnMailServer: true},
			{Name: "Staff"}},
		Users: []storage.UserJSON{{Name: "Olga", Role: "Office"}, {Name: "Anna", Role: "Admin"}, {Name: "Sam", Role: "Staff"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		user              string
		company, ownMails bool
	}{
		{"Anna", true, true},
		{"Olga", true, false},
		{"Sam", false, false},
		{"", false, false},
	}
	for _, tt := range tests {
		a := test.NewTempApp(t)
		a.Preferences().SetString(prefCurrentUser, tt.user)
		w := NewMainWindow(a, b)
		w.show(0)
		s := w.company
		if got := !s.general.name.Disabled() && !s.saveBtn.Disabled(); got != tt.company {
			t.Errorf("%q: company editable %v, want %v", tt.user, got, tt.company)
		}
		// The mode, not the host: the host also waits for a mode other
		// than Not used.
		if got := !s.own.mode.Disabled() && !s.domains.newBtn.Disabled(); got != tt.ownMails {
			t.Errorf("%q: own mail server editable %v, want %v", tt.user, got, tt.ownMails)
		}
		w.Window().Close()
	}
}

func TestSMTPSecurityFromTheSSLBox(t *testing.T) {
	stored := storage.Endpoint{Port: 2465, Security: storage.SecurityTLS}
	optional := storage.Endpoint{Port: 587, Security: storage.SecuritySTARTTLSOptional}
	tests := []struct {
		ssl  bool
		port int
		was  storage.Endpoint
		want storage.Security
	}{
		{false, 587, optional, storage.SecurityNone},
		{true, 587, storage.Endpoint{}, storage.SecuritySTARTTLS},
		{true, 465, storage.Endpoint{}, storage.SecurityTLS},
		{true, 587, optional, storage.SecuritySTARTTLSOptional},
		{true, 2465, stored, storage.SecurityTLS},
		{true, 25, stored, storage.SecuritySTARTTLS},
	}
	for _, tt := range tests {
		if got := smtpSecurity(tt.ssl, tt.port, tt.was); got != tt.want {
			t.Errorf("smtpSecurity(%v, %d, %+v) = %q, want %q", tt.ssl, tt.port, tt.was, got, tt.want)
		}
	}
}

func TestAttachmentPathButtonOpensTheFolderPicker(t *testing.T) {
	b := emptyBackend(t)
	w, s := openCompany(t, b)
	test.Tap(s.general.pick)
	if w.Window().Canvas().Overlays().Top() == nil {
		t.Fatal("no folder picker opened")
	}
}
