package storage

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"postbridge/mail/mailtest"
)

// A password in a postgres:// URL is refused before any connection,
// without repeating it (the CLI test checks the sentence around it).
func TestPostgresURLWithPasswordIsRefused(t *testing.T) {
	tests := []string{
		"postgres://postbridge:Geheim-42@db.acme.test/postbridge",
		"postgresql://postbridge:Geheim-42@db.acme.test:5432/postbridge?sslmode=require",
		"postgres://postbridge@db.acme.test/postbridge?password=Geheim-42",
		"postgres://postbridge@db.acme.test/postbridge?sslmode=disable&PASSWORD=Geheim-42",
	}
	for _, dsn := range tests {
		s, err := Open(dsn)
		if err == nil {
			s.Close()
		}
		if !errors.Is(err, ErrPasswordInDSN) {
			t.Errorf("Open(%q) = %v, want ErrPasswordInDSN", dsn, err)
			continue
		}
		if msg := err.Error(); strings.Contains(msg, "Geheim") {
			t.Errorf("Open(%q): error %q shows the password", dsn, msg)
		}
	}
}

// testPGPassword is the test server's password, from the PGPASSFILE that
// scripts/mailstack/postgres.sh writes (host:port:db:user:password).
func testPGPassword(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(os.Getenv("PGPASSFILE"))
	if err != nil {
		t.Fatalf("the test stack's PGPASSFILE: %v", err)
	}
	fields := strings.Split(strings.TrimSpace(string(data)), ":")
	return fields[len(fields)-1]
}

// The password comes from the keyring key db/postgres when it holds one,
// before the PGPASSFILE; without either, the error says where to put it.
func TestPostgresPasswordFromKeyringOrPassfile(t *testing.T) {
	mailtest.Keyring(t)
	dsn := mailtest.Postgres(t)
	password := testPGPassword(t)
	realPassfile := os.Getenv("PGPASSFILE")
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	wrong := filepath.Join(dir, "wrong")
	os.WriteFile(empty, nil, 0o600)
	os.WriteFile(wrong, []byte("*:*:*:*:not-the-password\n"), 0o600)
	kr := Keyring{}
	kr.Delete(SecretDBPostgres)
	t.Cleanup(func() { kr.Delete(SecretDBPostgres) })

	tests := []struct {
		name     string
		keyring  string // "" = no db/postgres in the keyring
		passfile string
		wantErr  error // nil = opens
	}{
		{"nothing anywhere", "", empty, ErrNoDBPassword},
		{"passfile only", "", realPassfile, nil},
		{"wrong passfile only", "", wrong, errAny},
		{"keyring only", password, empty, nil},
		{"keyring before a wrong passfile", password, wrong, nil},
	}
	for _, tt := range tests {
		t.Setenv("PGPASSFILE", tt.passfile)
		if tt.keyring != "" {
			if err := kr.Set(SecretDBPostgres, tt.keyring); err != nil {
				t.Fatal(err)
			}
		} else if err := kr.Delete(SecretDBPostgres); err != nil {
			t.Fatal(err)
		}
		s, err := Open(dsn)
		if err == nil {
			s.Close()
		}
		switch {
		case tt.wantErr == nil && err != nil:
			t.Errorf("%s: Open: %v", tt.name, err)
		case tt.wantErr == errAny && err == nil:
			t.Errorf("%s: Open succeeded, want an error", tt.name)
		case tt.wantErr != nil && tt.wantErr != errAny && !errors.Is(err, tt.wantErr):
			t.Errorf("%s: Open = %v, want %v", tt.name, err, tt.wantErr)
		}
		if err != nil && strings.Contains(err.Error(), password) {
			t.Errorf("%s: the error shows the password: %v", tt.name, err)
		}
	}
}

// errAny in a test table stands for "some error".
var errAny = errors.New("any error")
