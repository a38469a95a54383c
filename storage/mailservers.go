package storage

import (
	"errors"
	"fmt"
	"strings"
)

// ErrDuplicate is returned when a name that must be unique is taken.
var ErrDuplicate = errors.New("already exists")

// ErrRequired is returned when a required field is empty.
var ErrRequired = errors.New("is required")

// ErrInvalidPort is returned for a port outside 1..65535.
var ErrInvalidPort = errors.New("is not a port (1-65535)")

// CardError names the field of a card that is wrong, for the screen to
// mark it.
type CardError struct {
	Field string
	Err   error
}

func (e *CardError) Error() string { return e.Field + ": " + e.Err.Error() }
func (e *CardError) Unwrap() error { return e.Err }

// SaveMailServer creates (ID 0) or updates a mail server (manual 002):
// identification and address are required, the identification unique.
func (s *Store) SaveMailServer(m *MailServer) error {
	m.Identification = strings.TrimSpace(m.Identification)
	switch {
	case m.Identification == "":
		return &CardError{"identification", ErrRequired}
	case strings.TrimSpace(m.Host) == "":
		return &CardError{"host", ErrRequired}
	case m.Port < 1 || m.Port > 65535:
		return &CardError{"port", ErrInvalidPort}
	}
	if err := oauthCardError(m.Login); err != nil {
		return err
	}
	var other []uint
	if err := s.db.Model(&MailServer{}).Where("identification = ? AND id <> ?", m.Identification, m.ID).
		Pluck("id", &other).Error; err != nil {
		return fmt.Errorf("save mail server: %w", err)
	}
	if len(other) > 0 {
		return &CardError{"identification", ErrDuplicate}
	}
	if m.Auth == MailAuthCentral && m.SecretKey == "" {
		m.SecretKey = SecretMailServer(m.Identification)
	}
	if err := s.db.Save(m).Error; err != nil {
		return fmt.Errorf("save mail server: %w", err)
	}
	return nil
}

// ErrInUse is returned when a record others depend on is to be deleted.
var ErrInUse = errors.New("is still in use")

// DeleteMailServer removes a mail server. While it is someone's work
// location it stays: their mail would otherwise leave through another
// server without anyone deciding so.
func (s *Store) DeleteMailServer(id uint) error {
	var users []string
	if err := s.db.Model(&User{}).Where("work_location_id = ?", id).Order("name").Pluck("name", &users).Error; err != nil {
		return fmt.Errorf("delete mail server: %w", err)
	}
	if len(users) > 0 {
		return fmt.Errorf("mail server is the work location of %s: %w", strings.Join(users, ", "), ErrInUse)
	}
	if err := s.db.Delete(&MailServer{}, id).Error; err != nil {
		return fmt.Errorf("delete mail server: %w", err)
	}
	return nil
}
