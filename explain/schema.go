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
	by := "Postbridge " + tooNew.WrittenBy
	if tooNew.WrittenBy == "" {
		by = tr("newer_postbridge", "a newer Postbridge", nil)
	}
	return tr("database_too_new", databaseTooNewText, map[string]string{"By": by,
		"Found": fmt.Sprint(tooNew.Found), "Version": version.Current().Version, "Known": fmt.Sprint(tooNew.Known)}), true
}

const databaseTooNewText = "this database was written by {{.By}} (schema {{.Found}}); this Postbridge, {{.Version}}, knows only schema {{.Known}}. " +
	"Install the newer Postbridge on this computer; this version leaves the database untouched so that nothing in it is damaged"
