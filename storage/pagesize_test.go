package storage

import (
	"path/filepath"
	"testing"
)

func TestSQLiteSettings(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var size int
	if err := s.db.Raw("PRAGMA page_size").Scan(&size).Error; err != nil || size != 65536 {
		t.Errorf("page_size = %d (%v), want 65536", size, err)
	}
	var syncMode int
	if err := s.db.Raw("PRAGMA synchronous").Scan(&syncMode).Error; err != nil || syncMode != 2 {
		t.Errorf("synchronous = %d (%v), want 2 (FULL): a commit must be on disk before the move", syncMode, err)
	}
	var mode string
	if err := s.db.Raw("PRAGMA journal_mode").Scan(&mode).Error; err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q (%v), want wal", mode, err)
	}
}
