package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

// SecretDBPostgres is the keyring key of the PostgreSQL password:
// `postbridge secret set db/postgres` stores it on each workstation.
const SecretDBPostgres = "db/postgres"

// ErrPasswordInDSN refuses a postgres:// URL that carries a password: on
// the command line (--db) or in POSTBRIDGE_DB every user of the computer
// can read it, in the process list or the process's environment.
var ErrPasswordInDSN = errors.New("the database URL contains a password")

// ErrNoDBPassword says that PostgreSQL asked for a password and neither
// the keyring nor a PGPASSFILE had one.
var ErrNoDBPassword = errors.New("no password for the PostgreSQL database")

// secretGetter is the part of the keyring that opening a database needs.
type secretGetter interface {
	Get(key string) (string, error)
}

// postgresDialector connects to the database at dsn, which names no
// password. The password is the keyring's db/postgres if it holds one;
// otherwise pgx has already looked in $PGPASSFILE or ~/.pgpass (libpq's
// rules), which suits a server where no one is logged in to a keyring.
func postgresDialector(dsn string, secrets secretGetter) (gorm.Dialector, error) {
	if err := refusePassword(dsn); err != nil {
		return nil, err
	}
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		// pgconn's ParseConfigError hides any password in the URL.
		return nil, fmt.Errorf("open postgres database: %w", err)
	}
	if pw, err := secrets.Get(SecretDBPostgres); err == nil {
		cfg.Password = pw
	}
	// Missing (*MissingSecretError) or no keyring at all
	// (ErrKeyringUnavailable): the passfile's password, if any, stands.
	return postgres.New(postgres.Config{Conn: stdlib.OpenDB(*cfg)}), nil
}

// refusePassword returns ErrPasswordInDSN when dsn has a password in its
// user part or as a "password" parameter, both of which pgx would use.
func refusePassword(dsn string) error {
	u, err := url.Parse(dsn)
	if err != nil {
		return nil // pgx reports a malformed URL, without its password
	}
	_, inUser := u.User.Password()
	inQuery := false
	for k := range u.Query() {
		if strings.EqualFold(k, "password") {
			inQuery = true
		}
	}
	if inUser || inQuery {
		// explain.go says where the password belongs instead.
		return ErrPasswordInDSN
	}
	return nil
}

// explainNoPassword turns PostgreSQL's "password authentication failed"
// (SQLSTATE 28P01) into ErrNoDBPassword when no password was given at
// all, so the admin learns where Postbridge looks for it.
func explainNoPassword(err error, dsn string, secrets secretGetter) error {
	var pg *pgconn.PgError
	if !errors.As(err, &pg) || pg.Code != "28P01" {
		return err
	}
	cfg, perr := pgx.ParseConfig(dsn)
	if perr != nil || cfg.Password != "" {
		return err
	}
	if _, kerr := secrets.Get(SecretDBPostgres); kerr == nil {
		return err
	}
	return fmt.Errorf("%w: %w", ErrNoDBPassword, err)
}

// lz4Columns are the large columns of an imported message. PostgreSQL
// compresses a value of more than about 2 KB before it stores it out of
// line (TOAST); its own method, pglz, took about two fifths of the
// server's CPU in a first import (BENCHMARKS.md). lz4 compresses mail
// several times faster.
var lz4Columns = []string{"raw", "text_body", "html_body"}

// useLZ4 makes PostgreSQL compress new values of lz4Columns with lz4
// (PostgreSQL 14 and later, built with lz4, as the Debian, Red Hat and
// Windows packages are). Stored values keep their compression; either
// reads back the same. A server without lz4 keeps pglz: this is a matter
// of speed only, so its refusal is not an error. The ALTER needs an
// exclusive lock on messages, so it runs only while a column is not yet
// lz4, and gives up after two seconds rather than queue behind another
// workstation's import (and make every reader of messages queue behind
// it); the next start tries again.
func (s *Store) useLZ4() {
	var version int
	if s.db.Raw(`SELECT current_setting('server_version_num')::int`).Scan(&version).Error != nil || version < 140000 {
		return
	}
	var todo []string
	err := s.db.Raw(`SELECT attname FROM pg_attribute WHERE attrelid = 'messages'::regclass
		AND attname IN ? AND attcompression <> 'l'`, lz4Columns).Scan(&todo).Error
	if err != nil {
		return
	}
	if len(todo) == 0 {
		return
	}
	s.db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec(`SET LOCAL lock_timeout = '2s'`).Error; err != nil {
			return err
		}
		for _, c := range todo {
			// c is one of lz4Columns, read back from the catalogue.
			if err := tx.Exec(`ALTER TABLE messages ALTER COLUMN ` + c + ` SET COMPRESSION lz4`).Error; err != nil {
				return err
			}
		}
		return nil
	})
}

// Connections kept open between uses. database/sql keeps two by default:
// with 20 mailboxes watched at once (sync --watch on an office server)
// every other transaction opened a new connection — a new server process
// and a password exchange (SCRAM, deliberately slow) — and lost its
// prepared statements. Unused connections still close after a minute,
// so a quiet workstation holds none of the server's connection slots.
const (
	pgIdleConns    = 32
	pgIdleLifetime = time.Minute
)

func keepPostgresConns(db *sql.DB) {
	db.SetMaxIdleConns(pgIdleConns)
	db.SetConnMaxIdleTime(pgIdleLifetime)
}
