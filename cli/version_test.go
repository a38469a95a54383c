package cli

import (
	"os"
	"path/filepath"
	"testing"

	"postbridge/version"
)

// --version prints what main loaded from FyneApp.toml, before and without
// any command, and neither opens the window nor creates a database.
func TestVersionFlagPrintsFyneAppVersion(t *testing.T) {
	data, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	defer version.Set(version.Current())
	if err := version.Load(data); err != nil {
		t.Fatal(err)
	}
	want := version.Current().String() + "\n"
	db := filepath.Join(t.TempDir(), "never.db")
	for _, args := range [][]string{{"--version"}, {"--db", db, "--version"}, {"-version", "sync"}} {
		r := run(t, "", args...)
		if r.code != ExitOK || r.stdout != want || r.stderr != "" {
			t.Errorf("postbridge %v = exit %d, stdout %q, stderr %q; want exit 0, stdout %q",
				args, r.code, r.stdout, r.stderr, want)
		}
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("--version created the database %s (stat: %v)", db, err)
	}
}
