package storage

import (
	"errors"
	"fmt"

	"gorm.io/gorm"
)

// Company returns the company settings; an empty Company when none are saved yet.
func (s *Store) Company() (Company, error) {
	var c Company
	if err := s.db.Order("id").Limit(1).Find(&c).Error; err != nil {
		return c, fmt.Errorf("load company: %w", err)
	}
	return c, nil
}

// UserByName returns a user with role, work location, delegates and IMAP
// accounts (in the order they were created).
func (s *Store) UserByName(name string) (User, error) {
	var u User
	err := s.db.Preload("Role").Preload("WorkLocation").
		Preload("Delegates", func(db *gorm.DB) *gorm.DB { return db.Order("name") }).
		Preload("ImapAccounts", func(db *gorm.DB) *gorm.DB { return db.Order("id") }).
		Preload("ImapAccounts.Folders", func(db *gorm.DB) *gorm.DB { return db.Order("name") }).
		Where("name = ?", name).First(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return u, &UnknownUserError{Name: name, Similar: s.userNamedLike(name)}
	}
	if err != nil {
		return u, fmt.Errorf("load user %q: %w", name, err)
	}
	return u, nil
}

// UnknownUserError is a user name that names no user. Similar is the user
// whose name differs only in upper and lower case ("alice" for "Alice"),
// for a "did you mean"; names are case-sensitive, as they are keyring keys.
type UnknownUserError struct{ Name, Similar string }

func (e *UnknownUserError) Error() string {
	if e.Similar != "" {
		return fmt.Sprintf("no user is named %q (did you mean %q?)", e.Name, e.Similar)
	}
	return fmt.Sprintf("no user is named %q", e.Name)
}

func (e *UnknownUserError) Unwrap() error { return ErrNotFound }

// userNamedLike is the name of the user whose name equals name but for
// case; "" when there is none (or the look-up fails: it only helps).
func (s *Store) userNamedLike(name string) string {
	var names []string
	s.db.Model(&User{}).Where("LOWER(name) = LOWER(?)", name).Order("name").Limit(1).Pluck("name", &names)
	if len(names) == 0 {
		return ""
	}
	return names[0]
}

// Users lists every user by name, without their accounts.
func (s *Store) Users() ([]User, error) {
	var list []User
	if err := s.db.Preload("Role").Order("name").Find(&list).Error; err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return list, nil
}

// MailServers lists the named mail servers by identification.
func (s *Store) MailServers() ([]MailServer, error) {
	var list []MailServer
	if err := s.db.Order("identification").Find(&list).Error; err != nil {
		return nil, fmt.Errorf("list mail servers: %w", err)
	}
	return list, nil
}
