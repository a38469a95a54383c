package storage

import (
	"errors"
	"testing"
)

// problemAt returns the problem reported at path, or "".
func problemAt(err error, path string) string {
	var ve *ValidationError
	if !errors.As(err, &ve) {
		return ""
	}
	for _, f := range ve.Fields {
		if f.Path == path {
			return f.Problem
		}
	}
	return ""
}

func TestSaveUserAndDelegates(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		if err := s.ImportSettings(&SettingsFile{Roles: []RoleJSON{{Name: "Admin"}},
			MailServers: []MailServerJSON{{ID: "HQ", Host: "smtp.hq.test", Port: 25, Security: "none", Auth: "per_employee"}}}); err != nil {
			t.Fatal(err)
		}
		roles, err := s.Roles()
		if err != nil || len(roles) != 1 || roles[0].Name != "Admin" {
			t.Fatalf("roles %v, %v", roles, err)
		}
		servers, _ := s.MailServers()
		bob := &User{Name: "Bob"}
		if err := s.SaveUser(bob); err != nil {
			t.Fatal(err)
		}
		alice := &User{Name: " Alice ", Email: "alice@acme.test", RoleID: &roles[0].ID, WorkLocationID: &servers[0].ID,
			WorkLocationLogin: Login{Username: "alice-hq"},
			AlwaysOwnSMTP:     true, OwnSMTP: Endpoint{Host: "smtp.alice.test", Port: 587, Security: SecuritySTARTTLS},
			OwnSMTPAuth: true, OwnSMTPLogin: Login{Username: "alice"}, Delegates: []*User{{ID: bob.ID}}}
		if err := s.SaveUser(alice); err != nil {
			t.Fatal(err)
		}
		got, err := s.UserByID(alice.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "Alice" || got.Role == nil || got.Role.Name != "Admin" || got.WorkLocation == nil ||
			got.OwnSMTP.Port != 587 || got.OwnSMTPLogin.SecretKey != "user/Alice/smtp" ||
			got.WorkLocationLogin.SecretKey != "user/Alice/work" || len(got.Delegates) != 1 || got.Delegates[0].Name != "Bob" {
			t.Errorf("stored %+v", got)
		}
		got.Delegates = nil // removing the delegate is stored too
		if err := s.SaveUser(&got); err != nil {
			t.Fatal(err)
		}
		if again, _ := s.UserByID(alice.ID); len(again.Delegates) != 0 {
			t.Errorf("delegates after removal: %v", again.Delegates)
		}

		tests := []struct {
			u     User
			path  string
			probl string
		}{
			{User{Name: " "}, "name", "is required"},
			{User{Name: "Bob"}, "name", `duplicate user "Bob"`},
			{User{Name: "X", Email: "not an address"}, "email", `"not an address" is not an e-mail address`},
			{User{Name: "X", AlwaysOwnSMTP: true}, "always_own_smtp", "needs the user's own smtp server"},
			{User{Name: "X", OwnSMTP: Endpoint{Host: "h", Port: 70000, Security: SecurityNone}}, "smtp.port", "70000 is not a port (1-65535)"},
			{User{ID: bob.ID, Name: "Bob", Delegates: []*User{{ID: bob.ID}}}, "delegates[0]", "a user cannot be their own delegate"},
		}
		for _, tt := range tests {
			err := s.SaveUser(&tt.u)
			if got := problemAt(err, tt.path); got != tt.probl {
				t.Errorf("save %+v: %v; at %s %q, want %q", tt.u, err, tt.path, got, tt.probl)
			}
		}
		if list, _ := s.Users(); len(list) != 2 {
			t.Errorf("%d users after refused saves, want 2", len(list))
		}
	})
}

func TestSaveImapAccountRefusesAndStores(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		u := &User{Name: "Alice"}
		if err := s.SaveUser(u); err != nil {
			t.Fatal(err)
		}
		valid := func() ImapAccount {
			return ImapAccount{UserID: u.ID, Login: Login{Username: "alice"}, Mode: ModeMirror, Active: true}
		}
		tests := []struct {
			change func(*ImapAccount)
			path   string
			probl  string
		}{
			{func(a *ImapAccount) { a.Archive = "Archiv" }, "archive", `the archive folder may not be named "Archiv"`},
			{func(a *ImapAccount) { a.Archive, a.DeleteAfterLimit = "Old", true }, "delete_after_limit", "cannot be set together with an archive folder"},
			{func(a *ImapAccount) { a.Host, a.Port, a.Security = "imap.test", 0, SecurityTLS }, "port", "0 is not a port (1-65535)"},
			{func(a *ImapAccount) { a.Port = 65536 }, "port", "65536 is not a port (1-65535)"},
			{func(a *ImapAccount) { a.Username = "" }, "username", "is required"},
			{func(a *ImapAccount) { a.Mode, a.Inbox = ModeTransfer, "" }, "inbox", "is required"},
		}
		for _, tt := range tests {
			a := valid()
			tt.change(&a)
			err := s.SaveImapAccount(&a)
			if got := problemAt(err, tt.path); got != tt.probl {
				t.Errorf("%+v: %v; at %s %q, want %q", a, err, tt.path, got, tt.probl)
			}
		}
		if got, _ := s.UserByID(u.ID); len(got.ImapAccounts) != 0 {
			t.Fatalf("refused accounts were stored: %+v", got.ImapAccounts)
		}

		first := valid()
		first.IsDefault = true
		first.Folders = []ImapFolder{{Name: "INBOX", Sync: true, Role: "inbox"}, {Name: "Junk"}}
		second := valid()
		second.Username, second.IsDefault = "alice2", true
		for _, a := range []*ImapAccount{&first, &second} {
			if err := s.SaveImapAccount(a); err != nil {
				t.Fatal(err)
			}
		}
		if first.SecretKey != "user/Alice/imap" || second.SecretKey != "user/Alice/imap/1" {
			t.Errorf("keys %q, %q", first.SecretKey, second.SecretKey)
		}
		reopened, _ := s.UserByID(u.ID) // as the card reopens it: no longer default
		first = reopened.ImapAccounts[0]
		first.Folders = []ImapFolder{{Name: "INBOX", Sync: false, Role: "inbox"}, {Name: "Sent", Sync: true}}
		if err := s.SaveImapAccount(&first); err != nil {
			t.Fatal(err)
		}
		got, _ := s.UserByID(u.ID)
		if len(got.ImapAccounts) != 2 || got.ImapAccounts[0].IsDefault || !got.ImapAccounts[1].IsDefault {
			t.Fatalf("accounts %+v: want only the second one default", got.ImapAccounts)
		}
		f := got.ImapAccounts[0].Folders
		if len(f) != 2 || f[0].Name != "INBOX" || f[0].Sync || f[1].Name != "Sent" || !f[1].Sync {
			t.Errorf("folders %+v, want INBOX (no sync) and Sent (sync)", f)
		}

		if err := s.DeleteImapAccount(second.ID); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.UserByID(u.ID); len(got.ImapAccounts) != 1 {
			t.Errorf("%d accounts after delete", len(got.ImapAccounts))
		}
		if err := s.DeleteUser(u.ID); err != nil {
			t.Fatal(err)
		}
		var n int64
		s.db.Model(&ImapFolder{}).Count(&n)
		if list, _ := s.Users(); len(list) != 0 || n != 0 {
			t.Errorf("after DeleteUser: %d users, %d folders", len(list), n)
		}
	})
}
