package ui

import (
	"testing"

	"postbridge/storage"
)

// Once roles are in use, Relations and Projects follow the right
// "Relations" and Roles the right "Users" of the current user's role.
func TestRecordScreensFollowTheCurrentUsersRights(t *testing.T) {
	w := recordWindow(t)
	err := w.backend.Actions.Store.ImportSettings(&storage.SettingsFile{
		Roles:     []storage.RoleJSON{{Name: "Directie", ManageUsers: true, ManageRelations: true}, {Name: "Werkvoorbereiding"}},
		Users:     []storage.UserJSON{{Name: "Tineke", Role: "Directie"}, {Name: "Thijs", Role: "Werkvoorbereiding"}},
		Relations: []storage.RelationJSON{{Name: "Gemeente Utrecht", Emails: []string{"bouwzaken@utrecht.nl"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	w.toolbar.loadUsers()
	for _, tt := range []struct {
		user     string
		readOnly bool
	}{{"Tineke", false}, {"Thijs", true}, {"", true}} {
		w.toolbar.user.ClearSelected()
		if tt.user != "" {
			w.toolbar.user.SetSelected(tt.user)
		}
		r, roles := newRelations(w), newRoles(w)
		if r.screen.readOnly != tt.readOnly || roles.screen.readOnly != tt.readOnly || newProjects(w).screen.readOnly != tt.readOnly {
			t.Errorf("user %q: relations/roles read-only = %v/%v, want %v", tt.user, r.screen.readOnly, roles.screen.readOnly, tt.readOnly)
		}
		if !tt.readOnly {
			continue
		}
		putScreen(w, 4, r.screen.body)
		r.screen.list.Select(0)
		tapIn(t, r.screen.body, "Change")
		if !r.card.name.Disabled() || !r.card.emails.Disabled() {
			t.Errorf("user %q: a read-only card can be typed in", tt.user)
		}
		tapIn(t, r.screen.body, "Save") // disabled: nothing happens
		if r.card.frame.problem.Visible() {
			t.Errorf("user %q: Save ran on a read-only card", tt.user)
		}
	}
}

func TestEveryoneMayChangeBeforeRolesAreUsed(t *testing.T) {
	w := recordWindow(t)
	if err := w.backend.Actions.Store.ImportSettings(&storage.SettingsFile{Users: []storage.UserJSON{{Name: "Tineke"}}}); err != nil {
		t.Fatal(err)
	}
	if newRelations(w).screen.readOnly || newRoles(w).screen.readOnly {
		t.Error("read-only while no user has a role: nobody could set rights up")
	}
}
