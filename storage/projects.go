package storage

import (
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// ErrNumberHasSpace refuses a project number with a space: manual 004's
// project folders are named "<number> <description>", so the number ends
// at the first space and could never be found again.
var ErrNumberHasSpace = errors.New("must not contain a space (the project folder name ends the number at the first space)")

// Projects lists the projects by number. A non-empty query keeps those
// whose number or description contains it, ignoring case.
func (s *Store) Projects(query string) ([]Project, error) {
	q := s.db.Order("number")
	if query = strings.TrimSpace(query); query != "" {
		p := likePattern(query)
		q = q.Where("LOWER(number) LIKE ? ESCAPE '!' OR LOWER(description) LIKE ? ESCAPE '!'", p, p)
	}
	var list []Project
	if err := q.Find(&list).Error; err != nil {
		return nil, fmt.Errorf("list projects: %w", err)
	}
	return list, nil
}

// SaveProject creates (ID 0) or updates a project: the number is
// required, unique and without spaces.
func (s *Store) SaveProject(p *Project) error {
	p.Number, p.Description = strings.TrimSpace(p.Number), strings.TrimSpace(p.Description)
	switch {
	case p.Number == "":
		return &CardError{"number", ErrRequired}
	case strings.ContainsAny(p.Number, " \t"):
		return &CardError{"number", ErrNumberHasSpace}
	}
	var other []uint
	if err := s.db.Model(&Project{}).Where("number = ? AND id <> ?", p.Number, p.ID).Pluck("id", &other).Error; err != nil {
		return fmt.Errorf("save project: %w", err)
	}
	if len(other) > 0 {
		return &CardError{"number", ErrDuplicate}
	}
	if err := save(s.db, p); err != nil {
		return fmt.Errorf("save project %s: %w", p.Number, err)
	}
	return nil
}

// DeleteProject removes a project. Its mail stays imported, unlinked, for
// the same reason as with relations: messages are the office's record.
func (s *Store) DeleteProject(id uint) error {
	err := s.db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Model(&Message{}).Where("project_id = ?", id).Update("project_id", nil).Error; err != nil {
			return err
		}
		res := tx.Delete(&Project{}, id)
		if res.Error == nil && res.RowsAffected == 0 {
			return ErrNotFound
		}
		return res.Error
	})
	if err != nil {
		return fmt.Errorf("delete project: %w", err)
	}
	return nil
}
