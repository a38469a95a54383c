package storage

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// prepareSQLiteFile makes sure the database file exists and only its
// owner may read it: it holds subjects, addresses and whole messages.
// SQLite creates a new file 0644 and gives the -wal and -shm files the
// mode of the database file, so creating the file 0600 first (an empty
// file is a new, empty database to SQLite) is what keeps all three
// private. A new folder is created 0700; an existing folder is left as
// it is, for it may be shared with other files (POSTBRIDGE_DB can point
// anywhere).
func prepareSQLiteFile(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("create database directory: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("create database file: %w", err)
	}
	f.Close()
	if runtime.GOOS == "windows" {
		// Windows has ACLs, not modes: the file inherits the user's
		// profile folder's, which other users cannot read.
		return nil
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := tighten(p); err != nil {
			return err
		}
	}
	return nil
}

// tighten takes group and other permissions from an existing file, such
// as a database created 0644 by an earlier version. A file owned by
// someone else cannot be changed and is left as it is: opening it is
// that owner's choice.
func tighten(path string) error {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("database file: %w", err)
	}
	if fi.Mode().Perm()&0o077 == 0 {
		return nil
	}
	if err := os.Chmod(path, 0o600); err != nil && !errors.Is(err, fs.ErrPermission) {
		return fmt.Errorf("make the database file private: %w", err)
	}
	return nil
}
