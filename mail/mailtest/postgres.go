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

// PostgresCounts is what the test PostgreSQL counted for one database.
type PostgresCounts struct {
	// Statements executed in the database (pg_stat_statements, BEGIN and
	// COMMIT included): each is one round trip from Postbridge.
	Statements int64
	// Sessions is how many connections were opened to the database
	// (pg_stat_database, PostgreSQL 14 and later; each costs a server
	// process and a password exchange).
	Sessions int64
	// Fsync is the server's fsync setting: off in ordinary tests, on
	// under POSTBRIDGE_TEST_PG_FSYNC=on (scripts/mailstack/postgres.sh).
	Fsync bool
}

// PostgresCount reads the counters of the database of dsn (a URL that
// Postgres returned). The statement count is zero when the server was
// started without pg_stat_statements.
func PostgresCount(t testing.TB, dsn string) PostgresCounts {
	t.Helper()
	admin := need(t, "POSTBRIDGE_TEST_PG", "PostgreSQL")
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("test postgres URL: %v", err)
	}
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatalf("connect to test postgres: %v", err)
	}
	defer db.Close()
	var c PostgresCounts
	var fsync string
	if err := db.QueryRow(`SHOW fsync`).Scan(&fsync); err != nil {
		t.Fatalf("show fsync: %v", err)
	}
	c.Fsync = fsync == "on"
	// Ended sessions report their statistics when they end; none is
	// counted before PostgreSQL 14.
	db.QueryRow(`SELECT coalesce(sessions, 0) FROM pg_stat_database WHERE datname = $1`, u.Path[1:]).Scan(&c.Sessions)
	if _, err := db.Exec(`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`); err != nil {
		t.Logf("no statement counts: %v", err)
		return c
	}
	err = db.QueryRow(`SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s
		JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = $1`, u.Path[1:]).Scan(&c.Statements)
	if err != nil {
		t.Logf("no statement counts: %v", err)
	}
	return c
}

// PostgresCPU is the CPU time the test PostgreSQL's processes have used
// so far (Linux: /proc), the backends that ended included (their parent,
// the postmaster, has reaped them). Two readings around an import give
// the server's share of it, which on a loaded machine says more than the
// wall-clock time. It is zero where /proc cannot tell.
func PostgresCPU(t testing.TB) time.Duration {
	t.Helper()
	admin := need(t, "POSTBRIDGE_TEST_PG", "PostgreSQL")
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatalf("connect to test postgres: %v", err)
	}
	defer db.Close()
	var backend int
	if err := db.QueryRow(`SELECT pg_backend_pid()`).Scan(&backend); err != nil {
		t.Fatalf("backend pid: %v", err)
	}
	f, ok := procStat(backend)
	if !ok {
		return 0
	}
	return familyCPU(f[1], backend)
}
