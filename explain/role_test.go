package explain

import (
	"fmt"
	"testing"

	"postbridge/storage"
)

func TestRoleInUseNamesTheUsers(t *testing.T) {
	err := fmt.Errorf("delete: %w", &storage.RoleInUseError{Role: "Beheer", Users: []string{"Jan", "Tineke"}})
	got, want := Error(err), "the role Beheer is still given to Jan, Tineke: give them another role first, then delete it"
	if got != want {
		t.Errorf("Error = %q, want %q", got, want)
	}
}
