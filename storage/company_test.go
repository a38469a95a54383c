package storage

import (
	"errors"
	"path/filepath"
	"reflect"
	"testing"
)

// fullCompany fills every field of the Company screen.
func fullCompany(t *testing.T) Company {
	return Company{
		Name: "Acme BV", Email: "info@acme.test", AttachmentPath: filepath.Join(t.TempDir(), "bijlagen"),
		SMTP:     Endpoint{Host: "smtp.acme.test", Port: 587, Security: SecuritySTARTTLS},
		SMTPAuth: true, SMTPLogin: Login{Username: "info@acme.test"},
		IMAP: Endpoint{Host: "imap.acme.test", Port: 993, Security: SecurityTLS},
		OwnServer: OwnServer{Mode: OwnServerRelay, Endpoint: Endpoint{Host: "mail.acme.test", Port: 587,
			Security: SecuritySTARTTLSOptional}, Auth: OwnAuthPassword, Login: Login{Username: "relay"}},
	}
}

func TestSaveCompanyStoresOneRowWithDefaultKeys(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		c := fullCompany(t)
		if err := s.SaveCompany(&c); err != nil {
			t.Fatal(err)
		}
		got, err := s.Company()
		if err != nil {
			t.Fatal(err)
		}
		if got.SMTPLogin.SecretKey != SecretCompanySMTP || got.OwnServer.SecretKey != SecretOwnServer {
			t.Errorf("secret keys %q, %q; want the standard keys", got.SMTPLogin.SecretKey, got.OwnServer.SecretKey)
		}
		if !reflect.DeepEqual(got, c) {
			t.Errorf("reloaded\n got %+v\nwant %+v", got, c)
		}
		// A second save (a fresh struct, as the screen builds it) updates the row.
		again := fullCompany(t)
		again.Name = "Acme Holding BV"
		if err := s.SaveCompany(&again); err != nil {
			t.Fatal(err)
		}
		var n int64
		s.db.Model(&Company{}).Count(&n)
		got, _ = s.Company()
		if n != 1 || got.Name != "Acme Holding BV" {
			t.Errorf("%d company rows, name %q; want one row, renamed", n, got.Name)
		}
	})
}

func TestSaveCompanyRefusesWithFieldPaths(t *testing.T) {
	tests := []struct {
		name, path, problem string
		change              func(c *Company)
	}{
		{"port too high", "company.smtp.port", "70000 is not a port (1-65535)", func(c *Company) { c.SMTP.Port = 70000 }},
		{"imap port zero", "company.imap.port", "0 is not a port (1-65535)", func(c *Company) { c.IMAP.Port = 0 }},
		{"authorize without host", "company.smtp.host", "is required when authorize is on", func(c *Company) { c.SMTP.Host = "" }},
		{"authorize without user name", "company.smtp.username", "is required", func(c *Company) { c.SMTPLogin.Username = " " }},
		{"e-mail", "company.email", `"info" is not an e-mail address`, func(c *Company) { c.Email = "info" }},
		{"relative attachment path", "company.attachment_path", `"bijlagen" is not a full folder path`,
			func(c *Company) { c.AttachmentPath = "bijlagen" }},
		{"own server without host", "company.own_server.host", "is required", func(c *Company) { c.OwnServer.Host = "" }},
		{"own server password without user name", "company.own_server.username", "is required",
			func(c *Company) { c.OwnServer.Username = "" }},
		{"host with a space", "company.imap.host", `"imap acme.test" is not a host name`, func(c *Company) { c.IMAP.Host = "imap acme.test" }},
	}
	eachDB(t, func(t *testing.T, s *Store) {
		stored := fullCompany(t)
		if err := s.SaveCompany(&stored); err != nil {
			t.Fatal(err)
		}
		before, _ := s.Company()
		for _, tt := range tests {
			c := fullCompany(t)
			c.Name = "changed"
			tt.change(&c)
			err := s.SaveCompany(&c)
			var ve *ValidationError
			if !errors.As(err, &ve) || !errors.Is(err, ErrInvalidSettings) {
				t.Errorf("%s: error %v, want a *ValidationError", tt.name, err)
				continue
			}
			if got, ok := ve.Problem(tt.path); !ok || got != tt.problem {
				t.Errorf("%s: at %s got %q (%v); all: %v", tt.name, tt.path, got, ok, ve.Fields)
			}
			if after, _ := s.Company(); !reflect.DeepEqual(after, before) {
				t.Errorf("%s: the refused company was stored: %+v", tt.name, after)
			}
		}
	})
}

// IP whitelisting needs no login, and a company without SMTP or IMAP (manual
// 000: SMTP is only needed for some functions) is valid.
func TestSaveCompanyAcceptsWhatIsOptional(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		c := Company{Name: "Acme", OwnServer: OwnServer{Mode: OwnServerMailbox,
			Endpoint: Endpoint{Host: "mail.acme.test", Port: 25, Security: SecurityNone}, Auth: OwnAuthIPWhitelist}}
		if err := s.SaveCompany(&c); err != nil {
			t.Fatal(err)
		}
		if c.OwnServer.SecretKey != "" || c.SMTPLogin.SecretKey != "" {
			t.Errorf("keys %q, %q given without a login", c.OwnServer.SecretKey, c.SMTPLogin.SecretKey)
		}
	})
}
