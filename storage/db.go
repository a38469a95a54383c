// Package storage keeps Postbridge's settings and imported mail in a
// database (SQLite by default, PostgreSQL for offices that share one) and
// its passwords in the operating system's keyring. gorm stays inside this
// package: callers see plain structs and methods.
package storage

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/glebarez/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// EnvDB names the environment variable that chooses the database when no
// --db flag is given.
const EnvDB = "POSTBRIDGE_DB"

// ErrNotFound is returned when a looked-up record does not exist.
var ErrNotFound = errors.New("not found")

// Store is an open Postbridge database.
type Store struct {
	db   *gorm.DB
	kind string
	// rawDir holds the raw message packs of an SQLite database; empty for
	// PostgreSQL, which keeps raw messages in their rows (rawpack.go).
	rawDir string
	// indexing lets one search indexer of this store run at a time
	// (search_index.go).
	indexing indexLock
}

// DefaultPath is where the embedded SQLite database lives when nothing else
// is chosen: <user config dir>/Postbridge/postbridge.db.
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the user config directory: %w", err)
	}
	return filepath.Join(dir, "Postbridge", "postbridge.db"), nil
}

// ResolveDSN picks the database: the flag, else $POSTBRIDGE_DB, else the default path.
func ResolveDSN(flag string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	if env := os.Getenv(EnvDB); env != "" {
		return env, nil
	}
	return DefaultPath()
}

// IsPostgres reports whether dsn names a PostgreSQL database.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open opens (and creates, for SQLite) the database at dsn and brings its
// schema up to date. A PostgreSQL URL may not carry a password
// (ErrPasswordInDSN): it comes from the system keyring (db/postgres) or
// a PGPASSFILE.
func Open(dsn string) (*Store, error) { return open(dsn, Keyring{}) }

func open(dsn string, secrets secretGetter) (*Store, error) {
	var (
		dialector gorm.Dialector
		kind      string
	)
	if IsPostgres(dsn) {
		var err error
		if dialector, err = postgresDialector(dsn, secrets); err != nil {
			return nil, err
		}
		kind = "postgres"
	} else {
		if err := prepareSQLiteFile(dsn); err != nil {
			return nil, err
		}
		dialector, kind = sqlite.Open(sqliteDSN(dsn)), "sqlite"
	}
	db, err := gorm.Open(dialector, &gorm.Config{
		Logger:                                   logger.Discard,
		DisableForeignKeyConstraintWhenMigrating: false,
	})
	if err != nil {
		if kind == "postgres" {
			err = explainNoPassword(err, dsn, secrets)
		}
		return nil, fmt.Errorf("open %s database: %w", kind, err)
	}
	s := &Store{db: db, kind: kind}
	if kind == "postgres" {
		if sqlDB, err := db.DB(); err == nil {
			keepPostgresConns(sqlDB) // db_postgres.go
		}
	}
	if kind == "sqlite" {
		s.rawDir = rawDirFor(dsn)
		// One writer at a time is what SQLite allows anyway; a single
		// connection avoids SQLITE_BUSY between our own goroutines, while
		// WAL + busy_timeout let another process (the window beside a
		// `postbridge sync`) read and wait instead of failing.
		sqlDB, err := db.DB()
		if err != nil {
			return nil, fmt.Errorf("open sqlite database: %w", err)
		}
		sqlDB.SetMaxOpenConns(1)
	}
	if err := s.migrate(); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// sqliteDSN adds the pragmas Postbridge relies on to a file path.
func sqliteDSN(path string) string {
	q := url.Values{}
	// 64 KiB pages: raw messages are large blobs, and SQLite writes an
	// overflow page per system call; with 4 KiB pages the first import
	// spent half its time in write(2) (BENCHMARKS.md). Only a new
	// database takes it; an existing one keeps its page size.
	q.Add("_pragma", "page_size(65536)")
	q.Add("_pragma", "journal_mode(WAL)")
	// A batch's rows (its raw messages and text bodies go to a pack file,
	// rawpack.go) fit in an 8 MiB page cache, so SQLite does not spill
	// them to the WAL mid-transaction; SQLite's default is 2 MiB. The
	// 16 MiB that raw blobs needed pushed a sync's RSS over 100 MB.
	q.Add("_pragma", "cache_size(-8192)")
	q.Add("_pragma", "busy_timeout(10000)")
	// Write transactions take the write lock when they begin: a deferred
	// one that read first and then wrote got SQLITE_BUSY (517,
	// BUSY_SNAPSHOT) at once, without waiting, whenever another process
	// had committed meanwhile — the busy timeout cannot help there.
	// (glebarez/go-sqlite reads _txlock in newConn; it skips it when
	// _time_format is given, so do not add that. Read-only transactions,
	// sql.TxOptions{ReadOnly: true}, still begin deferred.)
	q.Add("_txlock", "immediate")
	q.Add("_pragma", "foreign_keys(1)")
	// gorm changes an SQLite table by copying it to a new one and
	// renaming that; without the legacy rename, SQLite refuses the rename
	// while the stable views (views.go) name the table just dropped.
	q.Add("_pragma", "legacy_alter_table(1)")
	// FULL: a commit is on disk before ImportBatch returns, and only then
	// does the sync move the batch on the server. NORMAL would let a power
	// cut take back the last commits of messages already filed in
	// Completed. It costs one fsync per batch of 100.
	q.Add("_pragma", "synchronous(FULL)")
	return path + "?" + q.Encode()
}

// migrate brings an older database up to this program's schema (gorm
// adds missing tables and columns) and records the version; a newer one
// is refused before anything in it changes (schema.go).
func (s *Store) migrate() error {
	if err := s.refuseNewerSchema(); err != nil {
		return err
	}
	before, err := s.recordedSchema()
	if err != nil {
		return err
	}
	if err := s.db.AutoMigrate(allModels()...); err != nil {
		return fmt.Errorf("migrate %s database: %w", s.kind, err)
	}
	if before.Version < 4 {
		if err := s.convertLegacyProblems(); err != nil { // schema_problems.go
			return fmt.Errorf("migrate %s database: %w", s.kind, err)
		}
	}
	if s.kind == "postgres" {
		s.useLZ4() // db_postgres.go
	}
	if err := s.setUpBrowsing(); err != nil {
		return err
	}
	if err := s.createViews(); err != nil { // views.go
		return err
	}
	return s.recordSchemaVersion()
}

// Kind is "sqlite" or "postgres".
func (s *Store) Kind() string { return s.kind }

// Close releases the database.
func (s *Store) Close() error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// notFound turns gorm's record-not-found into ErrNotFound naming what was sought.
func notFound(err error, what string) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return fmt.Errorf("%s: %w", what, ErrNotFound)
	}
	return err
}
