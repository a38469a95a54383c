package storage

import (
	"path/filepath"
	"testing"
)

func TestNewDatabaseHasLargePages(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var size int
	if err := s.db.Raw("PRAGMA page_size").Scan(&size).Error; err != nil || size != 65536 {
		t.Errorf("page_size = %d (%v), want 65536", size, err)
	}
	var mode string
	if err := s.db.Raw("PRAGMA journal_mode").Scan(&mode).Error; err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q (%v), want wal", mode, err)
	}
}
