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
