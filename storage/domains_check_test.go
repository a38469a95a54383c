package storage

import (
	"path/filepath"
	"testing"
	"time"
)

func TestRecordDomainCheck(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.SetDomainExcluded("listed.test", true); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		domain string
		want   bool
	}{
		{"Listed.Test", true},
		{"other.test", false},
	}
	for _, tt := range tests {
		got, err := s.RecordDomainCheck(tt.domain, at, "failing", `{"domain":"x"}`)
		if err != nil || got != tt.want {
			t.Errorf("%s: recorded %v, %v; want %v", tt.domain, got, err, tt.want)
		}
	}
	list, err := s.Domains()
	if err != nil || len(list) != 1 {
		t.Fatalf("domains %v, %v", list, err)
	}
	d := list[0]
	if d.CheckedAt == nil || !d.CheckedAt.Equal(at) || d.CheckWorst != "failing" || d.CheckReport != `{"domain":"x"}` {
		t.Errorf("kept %+v", d)
	}
}
