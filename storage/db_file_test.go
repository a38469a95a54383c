//go:build !windows

package storage

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// withUmask runs the test under the common umask 022, so that a file
// created without an explicit mode would be readable by everyone.
func withUmask(t *testing.T) {
	old := syscall.Umask(0o022)
	t.Cleanup(func() { syscall.Umask(old) })
}

// checkModes compares the permission bits of each path with want.
func checkModes(t *testing.T, want map[string]fs.FileMode) {
	t.Helper()
	for path, mode := range want {
		fi, err := os.Stat(path)
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(path), err)
			continue
		}
		if got := fi.Mode().Perm(); got != mode {
			t.Errorf("%s: mode %o, want %o", filepath.Base(path), got, mode)
		}
	}
}

// The database and its write-ahead log hold every subject and message:
// only their owner may read them.
func TestNewDatabaseFilesArePrivate(t *testing.T) {
	withUmask(t)
	dir := filepath.Join(t.TempDir(), "Postbridge")
	path := filepath.Join(dir, "postbridge.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.db.Exec("CREATE TABLE probe (x INTEGER); INSERT INTO probe VALUES (1)").Error; err != nil {
		t.Fatal(err)
	}
	checkModes(t, map[string]fs.FileMode{dir: 0o700, path: 0o600, path + "-wal": 0o600, path + "-shm": 0o600})
}

// A database created readable by all (by an earlier version, or copied
// in place) is made private when it is opened.
func TestOpenTightensAnExistingDatabase(t *testing.T) {
	withUmask(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "shared.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	// A second connection keeps -wal and -shm in place after Close.
	keep, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer keep.Close()
	s.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Chmod(p, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	again, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	checkModes(t, map[string]fs.FileMode{path: 0o600, path + "-wal": 0o600, path + "-shm": 0o600})
}
