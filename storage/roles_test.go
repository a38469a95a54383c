package storage

import (
	"errors"
	"testing"
)

func TestSaveListAndDeleteRoles(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		admin := &Role{Name: " Beheer ", ManageCompany: true, ManageUsers: true, OwnMailServer: true, ManageRelations: true}
		if err := s.SaveRole(admin); err != nil || admin.ID == 0 || admin.Name != "Beheer" {
			t.Fatalf("save: %v, %+v", err, admin)
		}
		if err := s.SaveRole(&Role{Name: "Administratie", ManageRelations: true}); err != nil {
			t.Fatal(err)
		}
		for _, bad := range []struct {
			r    Role
			want error
		}{{Role{Name: "  "}, ErrRequired}, {Role{Name: "Beheer"}, ErrDuplicate}} {
			var ce *CardError
			if err := s.SaveRole(&bad.r); !errors.As(err, &ce) || ce.Field != "name" || !errors.Is(err, bad.want) {
				t.Errorf("save %+v = %v, want name %v", bad.r, err, bad.want)
			}
		}
		// Turning rights off must reach the database, not be skipped as zero values.
		admin.ManageUsers, admin.OwnMailServer = false, false
		if err := s.SaveRole(admin); err != nil {
			t.Fatal(err)
		}
		list, err := s.Roles()
		if err != nil || len(list) != 2 || list[0].Name != "Administratie" || list[1].Name != "Beheer" {
			t.Fatalf("roles = %+v, %v", list, err)
		}
		if got := list[1]; !got.ManageCompany || got.ManageUsers || got.OwnMailServer || !got.ManageRelations {
			t.Errorf("rights after update = %+v", got)
		}

		if err := s.ImportSettings(&SettingsFile{Users: []UserJSON{{Name: "Jan", Role: "Beheer"}}}); err != nil {
			t.Fatal(err)
		}
		var inUse *RoleInUseError
		if err := s.DeleteRole(admin.ID); !errors.As(err, &inUse) || !errors.Is(err, ErrInUse) ||
			inUse.Role != "Beheer" || len(inUse.Users) != 1 || inUse.Users[0] != "Jan" {
			t.Errorf("delete of a role in use = %v", err)
		}
		if err := s.DeleteRole(list[0].ID); err != nil {
			t.Errorf("delete: %v", err)
		}
		if err := s.DeleteRole(list[0].ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("delete again = %v, want ErrNotFound", err)
		}
		if list, _ := s.Roles(); len(list) != 1 {
			t.Errorf("%d roles left, want 1", len(list))
		}
	})
}
