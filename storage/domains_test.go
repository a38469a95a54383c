package storage

import (
	"errors"
	"testing"
	"time"
)

func TestDomainValidation(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
		code, err := NewValidationCode()
		if err != nil || len(code) != 8 {
			t.Fatalf("NewValidationCode = %q, %v", code, err)
		}
		if err := s.ConfirmValidation("acme.test", code, "admin", now); !errors.Is(err, ErrNotFound) {
			t.Errorf("confirm of an unknown domain = %v, want ErrNotFound", err)
		}
		if err := s.StartValidation("Acme.TEST", "info@acme.test", "admin@acme.test", code, now); err != nil {
			t.Fatal(err)
		}
		if err := s.ConfirmValidation("acme.test", "WRONG123", "admin", now); !errors.Is(err, ErrWrongCode) {
			t.Errorf("wrong code = %v, want ErrWrongCode", err)
		}
		if err := s.ConfirmValidation("acme.test", code, "admin", now.Add(CodeLifetime+time.Minute)); !errors.Is(err, ErrCodeExpired) {
			t.Errorf("late code = %v, want ErrCodeExpired", err)
		}
		if err := s.ConfirmValidation("acme.test", " "+code+" ", "admin", now.Add(time.Hour)); err != nil {
			t.Fatalf("right code = %v", err)
		}
		if err := s.ConfirmValidation("acme.test", code, "admin", now.Add(time.Hour)); !errors.Is(err, ErrNoPendingValidation) {
			t.Errorf("reused code = %v, want ErrNoPendingValidation", err)
		}
		list, err := s.Domains()
		if err != nil || len(list) != 1 {
			t.Fatalf("Domains = %v, %v", list, err)
		}
		d := list[0]
		if d.Domain != "acme.test" || d.ValidatedAt == nil || d.ValidatedBy != "admin" || d.CodeHash != "" {
			t.Errorf("validated domain = %+v", d)
		}
		if err := s.SetDomainDisabled("acme.test", true); err != nil {
			t.Fatal(err)
		}
		if err := s.SetDomainExcluded("klant.test", true); err != nil {
			t.Fatal(err)
		}
		list, _ = s.Domains()
		if len(list) != 2 || !list[0].Disabled || !list[1].Excluded || list[1].ValidatedAt != nil {
			t.Errorf("after disable/exclude: %+v", list)
		}
		if err := s.DeleteDomain("klant.test"); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteDomain("klant.test"); !errors.Is(err, ErrNotFound) {
			t.Errorf("second delete = %v, want ErrNotFound", err)
		}
	})
}
