package storage

import (
	"errors"
	"fmt"
	"regexp"
)

// ErrUnsupportedDatabase is returned for a --db or POSTBRIDGE_DB value
// that names a database Postbridge cannot open (mysql://, sqlserver://):
// taken as a file name it would quietly create a new SQLite file, and an
// admin would believe the workstation is on the shared database.
var ErrUnsupportedDatabase = errors.New("not a database Postbridge can open")

// urlScheme is the scheme of a URL (RFC 3986 section 3.1) followed by
// "//": "mysql://x". A Windows drive path ("C:\data") has no "//".
var urlScheme = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.-]*)://`)

// CheckDSN accepts a SQLite file path or a postgres:// (postgresql://)
// URL and refuses any other URL by its scheme.
func CheckDSN(dsn string) error {
	if IsPostgres(dsn) {
		return nil
	}
	if m := urlScheme.FindStringSubmatch(dsn); m != nil {
		return &UnsupportedDatabaseError{Scheme: m[1]}
	}
	return nil
}

// UnsupportedDatabaseError names the scheme that was refused; only the
// scheme, as the rest of the URL may hold a password.
type UnsupportedDatabaseError struct{ Scheme string }

func (e *UnsupportedDatabaseError) Error() string {
	return fmt.Sprintf("%s://: %v", e.Scheme, ErrUnsupportedDatabase)
}

func (e *UnsupportedDatabaseError) Unwrap() error { return ErrUnsupportedDatabase }
