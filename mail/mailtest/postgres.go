package mailtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
)

// Postgres creates an empty database on the test PostgreSQL server for
// this test alone and returns its postgres:// URL; it is dropped when the
// test ends.
func Postgres(t testing.TB) string {
	t.Helper()
	admin := need(t, "POSTBRIDGE_TEST_PG", "PostgreSQL")
	b := make([]byte, 6)
	rand.Read(b)
	name := "pbtest_" + hex.EncodeToString(b)

	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatalf("connect to test postgres: %v", err)
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// The name is generated here from hex digits, so quoting is enough.
	if _, err := db.ExecContext(ctx, `CREATE DATABASE "`+name+`"`); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", admin)
		if err != nil {
			return
		}
		defer db.Close()
		db.Exec(`DROP DATABASE IF EXISTS "` + name + `" WITH (FORCE)`)
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("test postgres URL: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}
