package storage

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Domain validation errors the UI explains (manual 003).
var (
	ErrNoPendingValidation = errors.New("no validation is pending for this domain")
	ErrCodeExpired         = errors.New("the validation code has expired")
	ErrWrongCode           = errors.New("the validation code is not right")
)

// CodeLifetime is how long a domain validation code stays valid.
const CodeLifetime = 24 * time.Hour

// codeAlphabet leaves out characters people confuse when they read a
// code from a mail and type it (0/O, 1/I/L).
const codeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// NewValidationCode returns a random code of 8 characters.
func NewValidationCode() (string, error) {
	var b strings.Builder
	for range 8 {
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(codeAlphabet))))
		if err != nil {
			return "", fmt.Errorf("generate code: %w", err)
		}
		b.WriteByte(codeAlphabet[n.Int64()])
	}
	return b.String(), nil
}

func hashCode(code string) string {
	sum := sha256.Sum256([]byte(strings.ToUpper(strings.TrimSpace(code))))
	return hex.EncodeToString(sum[:])
}

// DomainOf is the lower-case domain of an address such as a@Acme.test.
func DomainOf(address string) string {
	at := strings.LastIndex(address, "@")
	return strings.ToLower(strings.TrimSuffix(address[at+1:], ">"))
}

// Domains lists the sending domains, by name.
func (s *Store) Domains() ([]SendingDomain, error) {
	var list []SendingDomain
	if err := s.db.Order("domain").Find(&list).Error; err != nil {
		return nil, fmt.Errorf("list domains: %w", err)
	}
	return list, nil
}

// StartValidation records that code was sent from one address of domain to
// another; the code itself is kept only as a hash.
func (s *Store) StartValidation(domain, from, to, code string, now time.Time) error {
	domain = strings.ToLower(domain)
	expires := now.Add(CodeLifetime)
	err := s.db.Transaction(func(tx *gorm.DB) error {
		var d SendingDomain
		if err := findBy(tx, &d, "domain", domain); err != nil {
			return err
		}
		d.Domain, d.CodeHash, d.CodeFrom, d.CodeTo, d.CodeExpires = domain, hashCode(code), from, to, &expires
		return save(tx, &d)
	})
	if err != nil {
		return fmt.Errorf("start validation of %s: %w", domain, err)
	}
	return nil
}

// ConfirmValidation checks code for domain and, when right and in time,
// marks the domain validated by who. A used code cannot be used again.
func (s *Store) ConfirmValidation(domain, code, who string, now time.Time) error {
	domain = strings.ToLower(domain)
	return s.db.Transaction(func(tx *gorm.DB) error {
		var d SendingDomain
		if err := tx.Where("domain = ?", domain).First(&d).Error; err != nil {
			return fmt.Errorf("domain %s: %w", domain, notFound(err, "domain"))
		}
		switch {
		case d.CodeHash == "" || d.CodeExpires == nil:
			return fmt.Errorf("domain %s: %w", domain, ErrNoPendingValidation)
		case now.After(*d.CodeExpires):
			return fmt.Errorf("domain %s: %w", domain, ErrCodeExpired)
		case subtle.ConstantTimeCompare([]byte(hashCode(code)), []byte(d.CodeHash)) != 1:
			return fmt.Errorf("domain %s: %w", domain, ErrWrongCode)
		}
		at := now.UTC()
		d.ValidatedAt, d.ValidatedBy, d.Disabled = &at, who, false
		d.CodeHash, d.CodeFrom, d.CodeTo, d.CodeExpires = "", "", "", nil
		return save(tx, &d)
	})
}

// SetDomainDisabled disables or re-enables sending through the own server for domain.
func (s *Store) SetDomainDisabled(domain string, disabled bool) error {
	return s.updateDomain(domain, "disabled", disabled)
}

// SetDomainExcluded marks domain as never to be sent through the own server.
func (s *Store) SetDomainExcluded(domain string, excluded bool) error {
	return s.updateDomain(domain, "excluded", excluded)
}

func (s *Store) updateDomain(domain, column string, value bool) error {
	domain = strings.ToLower(domain)
	if column == "excluded" {
		// An excluded domain need not have been validated: create it.
		if err := s.db.Where(SendingDomain{Domain: domain}).FirstOrCreate(&SendingDomain{}).Error; err != nil {
			return fmt.Errorf("domain %s: %w", domain, err)
		}
	}
	res := s.db.Model(&SendingDomain{}).Where("domain = ?", domain).Update(column, value)
	if res.Error != nil {
		return fmt.Errorf("domain %s: %w", domain, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("domain %s: %w", domain, ErrNotFound)
	}
	return nil
}

// DeleteDomain removes domain from the list.
func (s *Store) DeleteDomain(domain string) error {
	res := s.db.Where("domain = ?", strings.ToLower(domain)).Delete(&SendingDomain{})
	if res.Error != nil {
		return fmt.Errorf("delete domain %s: %w", domain, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("domain %s: %w", domain, ErrNotFound)
	}
	return nil
}
