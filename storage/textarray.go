package storage

import (
	"database/sql/driver"
	"strings"
)

// textArray is a list of strings sent to PostgreSQL as one text[]
// parameter ("?::text[]"). gorm expands a plain []string into "(?, ?, …)",
// one parameter per element; a driver.Valuer it leaves whole.
type textArray []string

// Value is the array's literal: every element double-quoted, with
// backslash and double quote escaped by a backslash, so a Message-ID
// holding commas, braces, quotes or NULL reads back as written
// (PostgreSQL manual, "Array Value Input").
func (a textArray) Value() (driver.Value, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, s := range a {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('"')
		for i := 0; i < len(s); i++ { // bytes: the string goes as it is
			if s[i] == '"' || s[i] == '\\' {
				b.WriteByte('\\')
			}
			b.WriteByte(s[i])
		}
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return b.String(), nil
}
