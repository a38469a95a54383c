package storage

import (
	"errors"
	"testing"
)

func TestSaveAndDeleteMailServer(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		m := &MailServer{Identification: "Hoofdkantoor", Endpoint: Endpoint{Host: "smtp.hq.test", Port: 465}, Auth: MailAuthCentral}
		if err := s.SaveMailServer(m); err != nil || m.ID == 0 || m.SecretKey != "mailserver/Hoofdkantoor" {
			t.Fatalf("save: %v, %+v", err, m)
		}
		tests := []struct {
			m     MailServer
			field string
			want  error
		}{
			{MailServer{Identification: " ", Endpoint: Endpoint{Host: "h", Port: 25}}, "identification", ErrRequired},
			{MailServer{Identification: "X", Endpoint: Endpoint{Port: 25}}, "host", ErrRequired},
			{MailServer{Identification: "X", Endpoint: Endpoint{Host: "h", Port: 70000}}, "port", ErrInvalidPort},
			{MailServer{Identification: "Hoofdkantoor", Endpoint: Endpoint{Host: "h", Port: 25}}, "identification", ErrDuplicate},
		}
		for _, tt := range tests {
			err := s.SaveMailServer(&tt.m)
			var ce *CardError
			if !errors.As(err, &ce) || ce.Field != tt.field || !errors.Is(err, tt.want) {
				t.Errorf("save %+v = %v, want %s %v", tt.m, err, tt.field, tt.want)
			}
		}
		m.Port = 587 // changing the same server is no duplicate
		if err := s.SaveMailServer(m); err != nil {
			t.Errorf("update: %v", err)
		}
		if err := s.ImportSettings(&SettingsFile{Users: []UserJSON{{Name: "Bob", WorkLocation: "Hoofdkantoor"}}}); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteMailServer(m.ID); !errors.Is(err, ErrInUse) {
			t.Errorf("delete of a work location = %v, want ErrInUse", err)
		}
		if err := s.ImportSettings(&SettingsFile{Users: []UserJSON{{Name: "Bob"}}}); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteMailServer(m.ID); err != nil {
			t.Errorf("delete: %v", err)
		}
		if list, _ := s.MailServers(); len(list) != 0 {
			t.Errorf("%d left", len(list))
		}
	})
}

// A card set to OAuth2 is refused without the app registration it needs.
func TestSaveRefusesIncompleteOAuth2(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		m := &MailServer{Identification: "Cloud", Endpoint: Endpoint{Host: "smtp.office365.com", Port: 587, Security: SecuritySTARTTLS},
			Auth: MailAuthCentral, Login: Login{Username: "relay@acme.test", AuthMethod: AuthOAuth2, OAuth: OAuth{Provider: ProviderMicrosoft}}}
		var card *CardError
		if err := s.SaveMailServer(m); !errors.As(err, &card) || card.Field != "oauth.client_id" {
			t.Fatalf("mail server without a client ID: %v, want a CardError on oauth.client_id", err)
		}
		m.OAuth.ClientID = "c"
		if err := s.SaveMailServer(m); err != nil {
			t.Fatalf("complete: %v", err)
		}
		c := &Company{SMTP: Endpoint{Host: "smtp.gmail.com", Port: 465, Security: SecurityTLS}, SMTPAuth: true,
			SMTPLogin: Login{Username: "info@acme.test", AuthMethod: AuthOAuth2}}
		var ve *ValidationError
		if err := ValidateCompany(c); !errors.As(err, &ve) || ve.Fields[0].Path != "company.smtp.oauth" {
			t.Fatalf("company SMTP OAuth2 without provider settings: %v", err)
		}
		c.IMAPAuth, c.SMTPLogin.OAuth = AuthOAuth2, OAuth{Provider: ProviderGoogle, ClientID: "g"}
		if err := ValidateCompany(c); !errors.As(err, &ve) || ve.Fields[0].Path != "company.imap.oauth" {
			t.Fatalf("company IMAP OAuth2 without provider settings: %v", err)
		}
	})
}
