package explain

import (
	"errors"
	"fmt"

	"postbridge/storage"
	"postbridge/version"
)

// databaseTooNew explains a database that a newer Postbridge has written
// (storage refuses to open it rather than damage it). ok is false for any
// other error.
func databaseTooNew(err error) (text string, ok bool) {
	var tooNew *storage.DatabaseTooNewError
	if !errors.As(err, &tooNew) {
		return "", false
	}
	by := "a newer Postbridge"
	if tooNew.WrittenBy != "" {
		by = "Postbridge " + tooNew.WrittenBy
	}
	return fmt.Sprintf("this database was written by %s (schema %d); this Postbridge, %s, knows only schema %d. "+
		"Install the newer Postbridge on this computer; this version leaves the database untouched so that nothing in it is damaged",
		by, tooNew.Found, version.Current().Version, tooNew.Known), true
}
