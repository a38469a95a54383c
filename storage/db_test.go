package storage

import (
	"path/filepath"
	"testing"

	"postbridge/mail/mailtest"
)

// eachDB runs test against a fresh SQLite file and a fresh database on
// the real PostgreSQL server, so the same queries are proven on both.
func eachDB(t *testing.T, test func(t *testing.T, s *Store)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		test(t, openTemp(t))
	})
	t.Run("postgres", func(t *testing.T) {
		s, err := Open(mailtest.Postgres(t))
		if err != nil {
			t.Fatalf("open postgres: %v", err)
		}
		t.Cleanup(func() { s.Close() })
		test(t, s)
	})
}

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "postbridge.db"))
	if err != nil {
		t.Fatalf("open sqlite: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestSQLiteUsesWALAndBusyTimeout(t *testing.T) {
	s := openTemp(t)
	var mode string
	if err := s.db.Raw("PRAGMA journal_mode").Scan(&mode).Error; err != nil {
		t.Fatal(err)
	}
	if mode != "wal" {
		t.Errorf("journal_mode = %q, want wal", mode)
	}
	var timeout int
	if err := s.db.Raw("PRAGMA busy_timeout").Scan(&timeout).Error; err != nil {
		t.Fatal(err)
	}
	if timeout < 1000 {
		t.Errorf("busy_timeout = %d ms, want at least 1000", timeout)
	}
}

// The window and a `postbridge sync` open the same file: one may read
// while the other holds a write transaction.
func TestSQLiteReaderNotBlockedByWriter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	writer, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	reader, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()

	tx := writer.db.Begin()
	if err := tx.Create(&Project{Number: "1", Description: "uncommitted"}).Error; err != nil {
		t.Fatal(err)
	}
	var n int64
	if err := reader.db.Model(&Project{}).Count(&n).Error; err != nil {
		t.Fatalf("read during a write transaction: %v", err)
	}
	if n != 0 {
		t.Errorf("reader saw %d uncommitted projects, want 0", n)
	}
	if err := tx.Commit().Error; err != nil {
		t.Fatal(err)
	}
	if err := reader.db.Model(&Project{}).Count(&n).Error; err != nil || n != 1 {
		t.Errorf("after commit: %d projects, err %v; want 1", n, err)
	}
}

func TestResolveDSN(t *testing.T) {
	t.Setenv(EnvDB, "")
	def, err := DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(def) != "postbridge.db" || filepath.Base(filepath.Dir(def)) != "Postbridge" {
		t.Errorf("default path %q, want .../Postbridge/postbridge.db", def)
	}
	tests := []struct{ flag, env, want string }{
		{"", "", def},
		{"", "/tmp/env.db", "/tmp/env.db"},
		{"/tmp/flag.db", "/tmp/env.db", "/tmp/flag.db"},
		{"postgres://u@h/db", "", "postgres://u@h/db"},
	}
	for _, tt := range tests {
		t.Setenv(EnvDB, tt.env)
		got, err := ResolveDSN(tt.flag)
		if err != nil || got != tt.want {
			t.Errorf("ResolveDSN(%q) with env %q = %q, %v; want %q", tt.flag, tt.env, got, err, tt.want)
		}
	}
}
