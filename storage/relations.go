package storage

import (
	"errors"
	"fmt"
	"net/mail"
	"strings"

	"gorm.io/gorm"
)

// ErrInvalidAddress is returned for an e-mail address that cannot be one.
var ErrInvalidAddress = errors.New("is not an e-mail address")

// AddressError names the address that is not one, for the card to say.
type AddressError struct{ Address string }

func (e *AddressError) Error() string { return fmt.Sprintf("%q %v", e.Address, ErrInvalidAddress) }

// Unwrap makes the error an ErrInvalidAddress.
func (e *AddressError) Unwrap() error { return ErrInvalidAddress }

// Relations lists the relations by name with their addresses. A non-empty
// query keeps those whose name, company or one of whose addresses contains
// it, ignoring case.
func (s *Store) Relations(query string) ([]Relation, error) {
	q := s.db.Preload("Emails", func(db *gorm.DB) *gorm.DB { return db.Order("address") }).Order("name")
	if query = strings.TrimSpace(query); query != "" {
		p := likePattern(query)
		byAddress := s.db.Model(&RelationEmail{}).Select("relation_id").Where("address LIKE ? ESCAPE '!'", p)
		q = q.Where("LOWER(name) LIKE ? ESCAPE '!' OR LOWER(company) LIKE ? ESCAPE '!' OR id IN (?)", p, p, byAddress)
	}
	var list []Relation
	if err := q.Find(&list).Error; err != nil {
		return nil, fmt.Errorf("list relations: %w", err)
	}
	return list, nil
}

// likePattern is a case-insensitive "contains" pattern for LIKE with
// ESCAPE '!': the same on SQLite (whose LIKE ignores ASCII case only) and
// PostgreSQL (whose LIKE ignores none), because both sides are lowered.
// A % or _ typed in the search is searched for, not a wildcard.
func likePattern(query string) string {
	r := strings.NewReplacer("!", "!!", "%", "!%", "_", "!_")
	return "%" + r.Replace(strings.ToLower(query)) + "%"
}

// SaveRelation creates (ID 0) or updates a relation card with exactly the
// addresses in r.Emails (manual 000 links mail by them). The name is
// required and unique; every address must be one.
func (s *Store) SaveRelation(r *Relation) error {
	r.Name, r.Company = strings.TrimSpace(r.Name), strings.TrimSpace(r.Company)
	addresses, err := relationAddresses(r.Emails)
	if err != nil {
		return err
	}
	if r.Name == "" {
		return &CardError{"name", ErrRequired}
	}
	var other []uint
	if err := s.db.Model(&Relation{}).Where("name = ? AND id <> ?", r.Name, r.ID).Pluck("id", &other).Error; err != nil {
		return fmt.Errorf("save relation: %w", err)
	}
	if len(other) > 0 {
		return &CardError{"name", ErrDuplicate}
	}
	err = s.db.Transaction(func(tx *gorm.DB) error {
		row := Relation{ID: r.ID, Name: r.Name, Company: r.Company}
		if err := save(tx, &row); err != nil {
			return err
		}
		r.ID = row.ID
		return replaceRelationEmails(tx, r.ID, addresses)
	})
	if err != nil {
		return fmt.Errorf("save relation %s: %w", r.Name, err)
	}
	r.Emails = nil
	for _, a := range addresses {
		r.Emails = append(r.Emails, RelationEmail{RelationID: r.ID, Address: a})
	}
	return nil
}

// relationAddresses normalises the card's addresses, drops empty lines
// and repeats, and refuses what is not an address.
func relationAddresses(emails []RelationEmail) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, e := range emails {
		a := NormalizeAddress(e.Address)
		if a == "" || seen[a] {
			continue
		}
		if parsed, err := mail.ParseAddress(a); err != nil || parsed.Address != a {
			return nil, &CardError{"emails", &AddressError{a}}
		}
		seen[a] = true
		out = append(out, a)
	}
	return out, nil
}

// DeleteRelation removes a relation card and its addresses. Mail linked
// to it stays imported and is only unlinked: the messages are the
// office's record and must not disappear with a contact card.
func (s *Store) DeleteRelation(id uint) error {
	err := s.db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec("DELETE FROM message_relations WHERE relation_id = ?", id).Error; err != nil {
			return err
		}
		if err := tx.Where("relation_id = ?", id).Delete(&RelationEmail{}).Error; err != nil {
			return err
		}
		res := tx.Delete(&Relation{}, id)
		if res.Error == nil && res.RowsAffected == 0 {
			return ErrNotFound
		}
		return res.Error
	})
	if err != nil {
		return fmt.Errorf("delete relation: %w", err)
	}
	return nil
}
