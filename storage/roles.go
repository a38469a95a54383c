package storage

import (
	"fmt"
	"strings"
)

// RoleInUseError refuses deleting a role that users still have: they
// would silently lose their rights. It names them so the person deleting
// knows whom to give another role first.
type RoleInUseError struct {
	Role  string
	Users []string
}

func (e *RoleInUseError) Error() string {
	return fmt.Sprintf("role %q is the role of %s", e.Role, strings.Join(e.Users, ", "))
}

// Unwrap makes the error an ErrInUse for callers that only ask that.
func (e *RoleInUseError) Unwrap() error { return ErrInUse }

// Roles lists the roles by name.
func (s *Store) Roles() ([]Role, error) {
	var list []Role
	if err := s.db.Order("name").Find(&list).Error; err != nil {
		return nil, fmt.Errorf("list roles: %w", err)
	}
	return list, nil
}

// SaveRole creates (ID 0) or updates a role (manual 003): the name is
// required and unique.
func (s *Store) SaveRole(r *Role) error {
	r.Name = strings.TrimSpace(r.Name)
	if r.Name == "" {
		return &CardError{"name", ErrRequired}
	}
	var other []uint
	if err := s.db.Model(&Role{}).Where("name = ? AND id <> ?", r.Name, r.ID).
		Pluck("id", &other).Error; err != nil {
		return fmt.Errorf("save role: %w", err)
	}
	if len(other) > 0 {
		return &CardError{"name", ErrDuplicate}
	}
	// Select("*") so that rights turned off (false) are written too.
	if r.ID == 0 {
		if err := s.db.Create(r).Error; err != nil {
			return fmt.Errorf("save role: %w", err)
		}
		return nil
	}
	if err := s.db.Model(r).Select("*").Updates(r).Error; err != nil {
		return fmt.Errorf("save role: %w", err)
	}
	return nil
}

// DeleteRole removes a role nobody has; a role in use is refused with a
// *RoleInUseError.
func (s *Store) DeleteRole(id uint) error {
	var role Role
	if err := s.db.First(&role, id).Error; err != nil {
		return fmt.Errorf("delete role: %w", notFound(err, "role"))
	}
	var users []string
	if err := s.db.Model(&User{}).Where("role_id = ?", id).Order("name").Pluck("name", &users).Error; err != nil {
		return fmt.Errorf("delete role: %w", err)
	}
	if len(users) > 0 {
		return &RoleInUseError{Role: role.Name, Users: users}
	}
	if err := s.db.Delete(&Role{}, id).Error; err != nil {
		return fmt.Errorf("delete role: %w", err)
	}
	return nil
}
