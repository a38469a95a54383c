package storage

import (
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
	if err != nil {
		return u, fmt.Errorf("user %q: %w", name, notFound(err, "user"))
	}
	return u, nil
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
