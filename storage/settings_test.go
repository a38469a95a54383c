package storage

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
)

func loadExample(t *testing.T) *SettingsFile {
	t.Helper()
	f, err := os.Open("testdata/design-example.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := ParseSettings(f)
	if err != nil {
		t.Fatalf("parse example: %v", err)
	}
	return doc
}

func exportJSON(t *testing.T, s *Store) []byte {
	t.Helper()
	doc, err := s.ExportSettings()
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// dump is every settings row with its ID, to prove an import changed nothing.
func dump(t *testing.T, s *Store) string {
	t.Helper()
	var out strings.Builder
	for _, m := range allModels() {
		rows := reflect.New(reflect.SliceOf(reflect.TypeOf(m).Elem())).Interface()
		if err := s.db.Order("id").Find(rows).Error; err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(rows)
		out.Write(b)
		out.WriteByte('\n')
	}
	var joins []map[string]any
	s.db.Table("user_delegates").Order("user_id, delegate_id").Find(&joins)
	b, _ := json.Marshal(joins)
	out.Write(b)
	return out.String()
}

func TestImportExportRoundTrip(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		if err := s.ImportSettings(loadExample(t)); err != nil {
			t.Fatalf("import example: %v", err)
		}
		first := exportJSON(t, s)
		before := dump(t, s)

		again, err := ParseSettings(bytes.NewReader(first))
		if err != nil {
			t.Fatalf("parse own export: %v", err)
		}
		if err := s.ImportSettings(again); err != nil {
			t.Fatalf("import own export: %v", err)
		}
		if after := dump(t, s); after != before {
			t.Errorf("importing the export changed the database:\nbefore %s\nafter  %s", before, after)
		}
		if second := exportJSON(t, s); !bytes.Equal(first, second) {
			t.Errorf("second export differs:\n%s\n%s", first, second)
		}
	})
}

func TestImportKeepsExampleValues(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		if err := s.ImportSettings(loadExample(t)); err != nil {
			t.Fatal(err)
		}
		doc, err := s.ExportSettings()
		if err != nil {
			t.Fatal(err)
		}
		alice := doc.Users[0]
		checks := []struct{ name, got, want string }{
			{"company smtp host", doc.Company.SMTP.Host, "mail.acme.test"},
			{"company smtp secret", doc.Company.SMTP.Secret, "company/smtp"},
			{"pinned fingerprint", doc.Company.IMAP.TLSFingerprint, "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89"},
			{"mail server", doc.MailServers[0].ID, "Hoofdkantoor"},
			{"user", alice.Name, "Alice"},
			{"delegate", strings.Join(alice.Delegates, ","), "Bob"},
			{"imap inbox", alice.IMAP[0].Inbox, "Postbridge/In"},
			{"imap secret", alice.IMAP[0].Secret, "user/alice/imap"},
			{"work location", doc.Users[1].WorkLocation, "Hoofdkantoor"},
			{"department", doc.Users[1].Department, "Werkvoorbereiding"},
			{"no department", alice.Department, ""},
			{"relation email", doc.Relations[0].Emails[0], "jan@klant.test"},
			{"project", doc.Projects[0].Description, "Musterprojekt Wohnanlage"},
		}
		for _, c := range checks {
			if c.got != c.want {
				t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
			}
		}
		if !*alice.IMAP[0].Active {
			t.Error("an imported account without \"active\" should be active")
		}
	})
}

func TestImportWithErrorChangesNothing(t *testing.T) {
	tests := []struct {
		name   string
		modify func(f *SettingsFile)
		want   string
	}{
		{"port out of range", func(f *SettingsFile) {
			f.Users[0].IMAP[0].Port = 70000
			f.Users[0].IMAP[0].Host = "imap.acme.test"
			f.Users[0].IMAP[0].Security = "tls"
		},
			"users[0].imap[0].port: 70000 is not a port (1-65535)"},
		{"unknown work location", func(f *SettingsFile) { f.Users[0].WorkLocation = "Filiaal" },
			`users[0].work_location: unknown mail server "Filiaal"`},
		{"duplicate mail server", func(f *SettingsFile) { f.MailServers = append(f.MailServers, f.MailServers[0]) },
			`mail_servers[1].id: duplicate identification "Hoofdkantoor"`},
		{"archive named Archiv", func(f *SettingsFile) { f.Users[0].IMAP[0].Archive = "Archiv" },
			`users[0].imap[0].archive: the archive folder may not be named "Archiv"`},
		{"archive with delete after limit", func(f *SettingsFile) {
			f.Users[0].IMAP[0].Archive = "Postbridge/Archief"
			f.Users[0].IMAP[0].DeleteAfterLimit = true
		}, "users[0].imap[0].delete_after_limit: cannot be set together with an archive folder"},
		{"unknown security", func(f *SettingsFile) { f.Company.SMTP.Security = "ssl" },
			`company.smtp.security: "ssl" is not one of none, starttls, starttls-optional, tls`},
		{"unknown delegate", func(f *SettingsFile) { f.Users[0].Delegates = []string{"Zoe"} },
			`users[0].delegates[0]: unknown user "Zoe"`},
		{"password in secret field", func(f *SettingsFile) { f.Company.SMTP.Secret = "hunter2" },
			"company.smtp.secret: not a secret key: must be a keyring key"},
		{"bad relation email", func(f *SettingsFile) { f.Relations[0].Emails = []string{"jan at klant"} },
			`relations[0].emails[0]: "jan at klant" is not an e-mail address`},
		{"missing mail server host", func(f *SettingsFile) { f.MailServers[0].Host = "" },
			"mail_servers[0].host: is required"},
		{"bad fingerprint", func(f *SettingsFile) { f.Company.IMAP.TLSFingerprint = "AB:CD" },
			"company.imap.tls_fingerprint:"},
		{"unknown auth method", func(f *SettingsFile) { f.Company.SMTP.AuthMethod = "kerberos" },
			`company.smtp.auth_method: "kerberos" is not one of password, oauth2`},
		{"oauth2 without provider settings", func(f *SettingsFile) { f.Users[0].IMAP[0].AuthMethod = "oauth2" },
			"users[0].imap[0].oauth: is required"},
		{"oauth2 without client id", func(f *SettingsFile) {
			f.MailServers[0].AuthJSON = AuthJSON{AuthMethod: "oauth2", OAuth: &OAuthJSON{Provider: "microsoft"}}
		}, "mail_servers[0].oauth.client_id: is required"},
		{"custom provider with a plain http token url", func(f *SettingsFile) {
			f.Company.IMAP.AuthJSON = AuthJSON{AuthMethod: "oauth2", OAuth: &OAuthJSON{Provider: "custom", ClientID: "c",
				AuthURL: "https://id.acme.test/auth", TokenURL: "http://id.acme.test/token"}}
		}, `company.imap.oauth.token_url: "http://id.acme.test/token" is not an https URL`},
	}
	tests = append(tests, accountSMTPErrorTests...)
	tests = append(tests, limitErrorTests...)
	tests = append(tests, webhookErrorTests...)
	eachDB(t, func(t *testing.T, s *Store) {
		// A database that already holds settings, to prove nothing of it moves.
		base := loadExample(t)
		base.Projects = append(base.Projects, ProjectJSON{Number: "99", Description: "existing"})
		if err := s.ImportSettings(base); err != nil {
			t.Fatal(err)
		}
		before := dump(t, s)
		for _, tt := range tests {
			doc := loadExample(t)
			doc.Projects = append(doc.Projects, ProjectJSON{Number: "100", Description: "would be new"})
			doc.Relations[0].Company = "changed"
			tt.modify(doc)
			err := s.ImportSettings(doc)
			if !errors.Is(err, ErrInvalidSettings) {
				t.Errorf("%s: error %v, want ErrInvalidSettings", tt.name, err)
				continue
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("%s: error %q, want it to start with %q", tt.name, err, tt.want)
			}
			if after := dump(t, s); after != before {
				t.Errorf("%s: a refused import changed the database", tt.name)
			}
		}
	})
}

func TestParseSettingsRefusesTyposAndWrongTypes(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"company": {"nmae": "x"}}`, `company.nmae: unknown field (line 1); did you mean "name"?`},
		{`{"users": [{"name": "A", "imap": [{"port": "993"}]}]}`, `users[0].imap[0].port: "993" is not a whole number (line 1)`},
		{"{\n\"users\": [,]}", "line 2"},
	}
	for _, tt := range tests {
		_, err := ParseSettings(strings.NewReader(tt.in))
		if !errors.Is(err, ErrInvalidSettings) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseSettings(%q) = %v, want an ErrInvalidSettings containing %q", tt.in, err, tt.want)
		}
	}
}

func TestNormalizeFingerprint(t *testing.T) {
	hex := strings.Repeat("0a", 32)
	got, err := NormalizeFingerprint(hex)
	if err != nil || got != strings.TrimSuffix(strings.Repeat("0A:", 32), ":") {
		t.Errorf("NormalizeFingerprint(%q) = %q, %v", hex, got, err)
	}
	if _, err := NormalizeFingerprint("xyz"); err == nil {
		t.Error("NormalizeFingerprint accepted xyz")
	}
}

// OAuth2 settings round-trip through the database and the file; a file
// without them (every file written before) imports as password logins.
func TestOAuthSettingsRoundTrip(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		doc := loadExample(t)
		ms := &OAuthJSON{Provider: "microsoft", ClientID: "11111111-2222-3333-4444-555555555555", Tenant: "acme.onmicrosoft.com"}
		doc.Company.IMAP.AuthJSON = AuthJSON{AuthMethod: "oauth2", OAuth: ms}
		doc.Company.SMTP.AuthJSON = AuthJSON{AuthMethod: "oauth2", OAuth: ms}
		doc.Users[0].IMAP[0].AuthJSON = AuthJSON{AuthMethod: "oauth2", OAuth: &OAuthJSON{Provider: "custom", ClientID: "c",
			AuthURL: "https://id.acme.test/auth", TokenURL: "https://id.acme.test/token", Scopes: []string{"mail", "offline_access"}}}
		if err := s.ImportSettings(doc); err != nil {
			t.Fatal(err)
		}
		c, err := s.Company()
		if err != nil {
			t.Fatal(err)
		}
		if !c.IMAPAuth.IsOAuth2() || c.IMAPOAuth.Tenant != "acme.onmicrosoft.com" || !c.SMTPLogin.OAuth2() {
			t.Errorf("company after import: imap %q %+v, smtp %q", c.IMAPAuth, c.IMAPOAuth, c.SMTPLogin.AuthMethod)
		}
		u, err := s.UserByName(doc.Users[0].Name)
		if err != nil {
			t.Fatal(err)
		}
		if got := u.ImapAccounts[0].OAuth.Scopes; got != "mail offline_access" {
			t.Errorf("account scopes %q", got)
		}
		out, err := s.ExportSettings()
		if err != nil {
			t.Fatal(err)
		}
		got := out.Users[0].IMAP[0].AuthJSON
		if got.AuthMethod != "oauth2" || got.OAuth == nil || !reflect.DeepEqual(got.OAuth.Scopes, []string{"mail", "offline_access"}) {
			t.Errorf("exported account auth %+v", got)
		}
		if e := out.Company.IMAP; e.OAuth == nil || e.OAuth.ClientID != ms.ClientID {
			t.Errorf("exported company imap %+v", e)
		}
	})
}

func TestOldSettingsFileMeansPassword(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		if err := s.ImportSettings(loadExample(t)); err != nil {
			t.Fatal(err)
		}
		u, err := s.UserByName("Alice")
		if err != nil {
			t.Fatal(err)
		}
		if l := u.ImapAccounts[0].Login; l.OAuth2() || !l.OAuth.IsZero() {
			t.Errorf("an old file's account logs in with %q %+v, want a password", l.AuthMethod, l.OAuth)
		}
		if b := exportJSON(t, s); bytes.Contains(b, []byte(`"oauth"`)) {
			t.Errorf("export of password logins carries an oauth object:\n%s", b)
		}
	})
}
