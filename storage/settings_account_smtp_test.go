package storage

import (
	"bytes"
	"errors"
	"testing"
)

// withAccountSMTP is the example with Alice's account sending through
// its provider's server as its IMAP login, and a second account of
// hers with an own OAuth2 login on another server.
func withAccountSMTP(t *testing.T) *SettingsFile {
	t.Helper()
	doc := loadExample(t)
	alice := &doc.Users[0]
	alice.IMAP[0].SMTP = &AccountSMTPJSON{Host: "smtp.provider.test", Port: 587, Security: "starttls", Auth: true, Login: "imap"}
	alice.IMAP = append(alice.IMAP, ImapJSON{Username: "alice@gmail.test", Mode: "mirror",
		SMTP: &AccountSMTPJSON{Host: "smtp.gmail.test", Port: 465, Security: "tls", Auth: true, Login: "own",
			Username: "alice@gmail.test", AuthJSON: AuthJSON{AuthMethod: "oauth2",
				OAuth: &OAuthJSON{Provider: "google", ClientID: "g-1"}}}})
	return doc
}

// The block goes into the account's row, the own login's key beside the
// account's IMAP key, and an export imports to the very same rows.
func TestAccountSMTPRoundTrip(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		if err := s.ImportSettings(withAccountSMTP(t)); err != nil {
			t.Fatal(err)
		}
		u, err := s.UserByName("Alice")
		if err != nil {
			t.Fatal(err)
		}
		first, second := u.ImapAccounts[0].SMTP, u.ImapAccounts[1].SMTP
		if first.Host != "smtp.provider.test" || !first.Auth || first.OwnLogin || first.Username != "" || first.SecretKey != "" {
			t.Errorf("account with the IMAP login: %+v", first)
		}
		if !second.OwnLogin || !second.OAuth2() || second.OAuth.ClientID != "g-1" || second.SecretKey != "user/Alice/imap/1/smtp" {
			t.Errorf("account with an own login: %+v", second)
		}
		exported := exportJSON(t, s)
		before := dump(t, s)
		again, err := ParseSettings(bytes.NewReader(exported))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.ImportSettings(again); err != nil {
			t.Fatal(err)
		}
		if after := dump(t, s); after != before {
			t.Errorf("importing the export changed the database:\nbefore %s\nafter  %s", before, after)
		}
		if twice := exportJSON(t, s); !bytes.Equal(exported, twice) {
			t.Errorf("second export differs:\n%s\n%s", exported, twice)
		}
		for _, want := range []string{`"login": "imap"`, `"login": "own"`, `"secret": "user/Alice/imap/1/smtp"`} {
			if !bytes.Contains(exported, []byte(want)) {
				t.Errorf("export lacks %s:\n%s", want, exported)
			}
		}
	})
}

// A file written before accounts had servers of their own imports as
// it did: no own server, and its export has no account "smtp" block.
func TestOldSettingsFileHasNoAccountSMTP(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		if err := s.ImportSettings(loadExample(t)); err != nil {
			t.Fatal(err)
		}
		u, err := s.UserByName("Alice")
		if err != nil {
			t.Fatal(err)
		}
		if got := u.ImapAccounts[0].SMTP; got.IsSet() || got.Auth || got.Username != "" {
			t.Errorf("an old file's account has an own SMTP server: %+v", got)
		}
		doc, err := s.ExportSettings()
		if err != nil {
			t.Fatal(err)
		}
		if j := doc.Users[0].IMAP[0].SMTP; j != nil {
			t.Errorf("export gives the account an smtp block: %+v", j)
		}
	})
}

// accountSMTPErrorTests join TestImportWithErrorChangesNothing: each is
// refused with the path of the field, and nothing is written.
var accountSMTPErrorTests = []struct {
	name   string
	modify func(f *SettingsFile)
	want   string
}{
	{"account smtp without a host", func(f *SettingsFile) {
		f.Users[0].IMAP[0].SMTP = &AccountSMTPJSON{Port: 587, Security: "starttls"}
	}, "users[0].imap[0].smtp.host: is required"},
	{"account smtp port out of range", func(f *SettingsFile) {
		f.Users[0].IMAP[0].SMTP = &AccountSMTPJSON{Host: "smtp.provider.test", Port: 0, Security: "tls"}
	}, "users[0].imap[0].smtp.port: 0 is not a port (1-65535)"},
	{"account smtp without security", func(f *SettingsFile) {
		f.Users[0].IMAP[0].SMTP = &AccountSMTPJSON{Host: "smtp.provider.test", Port: 25}
	}, "users[0].imap[0].smtp.security: is required"},
	{"account smtp login of an unknown kind", func(f *SettingsFile) {
		f.Users[0].IMAP[0].SMTP = &AccountSMTPJSON{Host: "smtp.provider.test", Port: 25, Security: "none", Login: "both"}
	}, `users[0].imap[0].smtp.login: "both" is not one of imap, own`},
	{"account smtp: a user name with the IMAP login", func(f *SettingsFile) {
		f.Users[0].IMAP[0].SMTP = &AccountSMTPJSON{Host: "smtp.provider.test", Port: 25, Security: "none", Auth: true,
			Username: "relay"}
	}, `users[0].imap[0].smtp.username: is only used with login "own"`},
	{"account smtp: an own login without a user name", func(f *SettingsFile) {
		f.Users[0].IMAP[0].SMTP = &AccountSMTPJSON{Host: "smtp.provider.test", Port: 25, Security: "none", Auth: true,
			Login: "own"}
	}, "users[0].imap[0].smtp.username: is required"},
	{"account smtp: a password in the secret field", func(f *SettingsFile) {
		f.Users[0].IMAP[0].SMTP = &AccountSMTPJSON{Host: "smtp.provider.test", Port: 25, Security: "none", Auth: true,
			Login: "own", Username: "relay", Secret: "hunter2"}
	}, "users[0].imap[0].smtp.secret: not a secret key"},
	{"account smtp: OAuth2 without provider settings", func(f *SettingsFile) {
		f.Users[0].IMAP[0].SMTP = &AccountSMTPJSON{Host: "smtp.provider.test", Port: 25, Security: "none", Auth: true,
			Login: "own", Username: "relay", AuthJSON: AuthJSON{AuthMethod: "oauth2"}}
	}, "users[0].imap[0].smtp.oauth: is required"},
}

// The account card is refused with paths relative to the card, so the
// window marks the field; a stored card keeps no stale login, and an own
// login gets its key beside the account's.
func TestSaveImapAccountWithOwnSMTP(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		u := User{Name: "Alice"}
		if err := s.SaveUser(&u); err != nil {
			t.Fatal(err)
		}
		a := ImapAccount{UserID: u.ID, Login: Login{Username: "alice"}, Mode: ModeMirror}
		a.SMTP.Port, a.SMTP.Security = 587, SecurityTLS
		err := s.SaveImapAccount(&a)
		var ve *ValidationError
		if !errors.As(err, &ve) || ve.Fields[0].Path != "smtp.host" {
			t.Fatalf("a port without a host: %v, want a refusal at smtp.host", err)
		}
		a.SMTP.Host, a.SMTP.Auth, a.SMTP.Username = "smtp.provider.test", true, "left over"
		if err := s.SaveImapAccount(&a); err != nil {
			t.Fatal(err)
		}
		if a.SMTP.Username != "" || a.SMTP.SecretKey != "" {
			t.Errorf("with the IMAP login the card stored an own login: %+v", a.SMTP)
		}
		a.SMTP.OwnLogin, a.SMTP.Username = true, "relay"
		if err := s.SaveImapAccount(&a); err != nil {
			t.Fatal(err)
		}
		if a.SMTP.SecretKey != "user/Alice/imap/smtp" {
			t.Errorf("own login's key %q, want user/Alice/imap/smtp", a.SMTP.SecretKey)
		}
		a.SMTP.Host, a.SMTP.Port, a.SMTP.Username = "", 0, "" // "Use standard"
		if err := s.SaveImapAccount(&a); err != nil {
			t.Fatal(err)
		}
		got, _ := s.UserByName("Alice")
		if smtp := got.ImapAccounts[0].SMTP; smtp != (AccountSMTP{}) {
			t.Errorf("use standard kept %+v", smtp)
		}
	})
}
