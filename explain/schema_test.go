package explain

import (
	"fmt"
	"strings"
	"testing"

	"postbridge/storage"
	"postbridge/version"
)

func TestDatabaseTooNewNamesBothSchemasAndWhatToDo(t *testing.T) {
	defer version.Set(version.Current())
	version.Set(version.Info{Name: "Postbridge", Version: "0.1.0"})
	err := fmt.Errorf("open: %w", &storage.DatabaseTooNewError{Found: 3, Known: 1, WrittenBy: "0.4.2"})
	got := Error(err)
	want := "this database was written by Postbridge 0.4.2 (schema 3); this Postbridge, 0.1.0, knows only schema 1. Install the newer Postbridge"
	if !strings.HasPrefix(got, want) {
		t.Errorf("Error = %q\nwant it to start with %q", got, want)
	}
	if unknown := Error(&storage.DatabaseTooNewError{Found: 2, Known: 1}); !strings.Contains(unknown, "written by a newer Postbridge (schema 2)") {
		t.Errorf("without WrittenBy: %q", unknown)
	}
}
