package storage

import (
	"strings"
	"testing"
)

// A database from before accounts had their own SMTP server: Open adds
// the smtp_ columns of imap_accounts (no new schema number, as
// SchemaVersion says for added columns), and the accounts in it keep
// their rows and send as before ("use standard").
func TestOpenAddsAccountSMTPColumnsToAnOlderDatabase(t *testing.T) {
	eachDSN(t, func(t *testing.T, dsn string) {
		s, err := Open(dsn)
		if err != nil {
			t.Fatal(err)
		}
		u := User{Name: "Alice"}
		if err := s.SaveUser(&u); err != nil {
			t.Fatal(err)
		}
		a := ImapAccount{UserID: u.ID, Login: Login{Username: "alice"}, Mode: ModeMirror, Description: "Kantoor"}
		if err := s.SaveImapAccount(&a); err != nil {
			t.Fatal(err)
		}
		var smtpColumns []string
		cols, err := s.db.Migrator().ColumnTypes(&ImapAccount{})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cols {
			if strings.HasPrefix(c.Name(), "smtp_") {
				smtpColumns = append(smtpColumns, c.Name())
			}
		}
		if len(smtpColumns) < 8 {
			t.Fatalf("imap_accounts has smtp columns %v", smtpColumns)
		}
		for _, c := range smtpColumns { // as an older Postbridge left the table
			if err := s.db.Migrator().DropColumn(&ImapAccount{}, c); err != nil {
				t.Fatalf("drop %s: %v", c, err)
			}
		}
		s.Close()

		s, err = Open(dsn)
		if err != nil {
			t.Fatalf("open the older database: %v", err)
		}
		defer s.Close()
		for _, c := range smtpColumns {
			if !s.db.Migrator().HasColumn(&ImapAccount{}, c) {
				t.Errorf("imap_accounts.%s was not added", c)
			}
		}
		got, err := s.UserByName("Alice")
		if err != nil || len(got.ImapAccounts) != 1 || got.ImapAccounts[0].Description != "Kantoor" {
			t.Fatalf("accounts after the migration: %+v, %v", got.ImapAccounts, err)
		}
		if smtp := got.ImapAccounts[0].SMTP; smtp != (AccountSMTP{}) {
			t.Errorf("an old account has an own SMTP server after the migration: %+v", smtp)
		}
	})
}
