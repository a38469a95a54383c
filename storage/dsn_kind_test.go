package storage

import (
	"errors"
	"testing"
)

func TestCheckDSN(t *testing.T) {
	tests := []struct {
		dsn  string
		want error
	}{
		{"/srv/postbridge/p.db", nil},
		{`C:\Users\alice\AppData\Roaming\Postbridge\postbridge.db`, nil},
		{"p.db", nil},
		{"postgres://postbridge@db/postbridge", nil},
		{"postgresql://postbridge@db/postbridge", nil},
		{"mysql://x", ErrUnsupportedDatabase},
		{"sqlserver://db/postbridge", ErrUnsupportedDatabase},
		{"sqlite://p.db", ErrUnsupportedDatabase},
	}
	for _, tt := range tests {
		if got := CheckDSN(tt.dsn); !errors.Is(got, tt.want) || (got == nil) != (tt.want == nil) {
			t.Errorf("CheckDSN(%q) = %v, want %v", tt.dsn, got, tt.want)
		}
	}
}
