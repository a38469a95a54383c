package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// A PostgreSQL password on the command line or in POSTBRIDGE_DB is
// refused with one line that says where it belongs, without echoing it.
func TestDatabasePasswordOnTheCommandLineIsRefused(t *testing.T) {
	url := "postgres://postbridge:Geheim-42@127.0.0.1:1/postbridge"
	want := "postbridge secret set db/postgres"
	r := run(t, "", "--db", url, "messages")
	if r.code != ExitFailure || !strings.Contains(r.stderr, want) || strings.Contains(r.stderr, "Geheim") {
		t.Errorf("--db with a password = exit %d, stderr %q; want exit 1 naming %q without the password", r.code, r.stderr, want)
	}
	t.Setenv(storage.EnvDB, url)
	r = run(t, "", "status")
	if r.code != ExitFailure || !strings.Contains(r.stderr, want) || strings.Contains(r.stderr, "Geheim") {
		t.Errorf("POSTBRIDGE_DB with a password = exit %d, stderr %q; want exit 1 naming %q", r.code, r.stderr, want)
	}
}

// `postbridge secret set db/postgres` stores the password that a --db URL
// without one then connects with, with no PGPASSFILE around.
func TestSecretSetDBPostgres(t *testing.T) {
	mailtest.Keyring(t)
	dsn := mailtest.Postgres(t)
	data, err := os.ReadFile(os.Getenv("PGPASSFILE"))
	if err != nil {
		t.Fatalf("the test stack's PGPASSFILE: %v", err)
	}
	fields := strings.Split(strings.TrimSpace(string(data)), ":")
	password := fields[len(fields)-1]
	t.Setenv("PGPASSFILE", filepath.Join(t.TempDir(), "none"))
	t.Cleanup(func() { storage.Keyring{}.Delete(storage.SecretDBPostgres) })
	storage.Keyring{}.Delete(storage.SecretDBPostgres)

	r := run(t, "", "--db", dsn, "messages")
	if r.code != ExitFailure || !strings.Contains(r.stderr, "postbridge secret set db/postgres") {
		t.Errorf("without a stored password = exit %d, stderr %q; want a hint at secret set db/postgres", r.code, r.stderr)
	}
	if r := run(t, password+"\n", "secret", "set", "db/postgres"); r.code != ExitOK {
		t.Fatalf("secret set db/postgres: %+v", r)
	}
	if r := run(t, "", "--db", dsn, "messages", "--json"); r.code != ExitOK || strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("with the stored password = %+v, want exit 0 and []", r)
	}
}
