package storage

import (
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"postbridge/version"
)

// SchemaVersion is the database layout this Postbridge writes.
//
// Columns and tables added to the models need no new number: Open's
// AutoMigrate adds them, and an older Postbridge ignores columns it does
// not know. Raise it when a change would make an older Postbridge misread
// or damage the data (a renamed column, a changed meaning, converted
// rows), and do the conversion in migrate before recordSchemaVersion.
//
// Schema 0 is a database written before the version was recorded (no
// schema_info table, or no row in it); schema 1 is the first recorded one.
// Schema 2 keeps the raw messages of an SQLite database in pack files
// beside it (rawpack.go): a schema-1 Postbridge would see their rows
// without a raw message. Rows of schema 1 keep theirs in the row, and
// RawMessage reads both, so the migration converts nothing.
// Schema 3 keeps an SQLite row's text body in its pack too (TextOffset,
// TextSize): a schema-2 Postbridge would show those rows without text.
// The search index is rebuilt in the background (search.go); rows of
// schema 2 keep their text in the row.
// Schema 4 stores what a person is told as problem values (kind and
// arguments, JSON) instead of English sentences: a message's attention
// reasons, a refused message's reason, an account's last failure
// (schema_problems.go converts the old sentences). A schema-3 Postbridge
// would show the JSON as it is.
// Schema 5 keeps PostgreSQL's search index in a table of its own, filled
// behind the imports from a queue that triggers keep (search_postgres.go),
// instead of an expression index on the messages: a schema-4 Postbridge
// would make that index again, slowing every import, and search without
// the new one. SQLite databases change nothing.
const SchemaVersion = 5

// schemaInfo is a one-row table: the schema version of this database and
// the Postbridge that last brought it up to date.
type schemaInfo struct {
	ID        uint `gorm:"primaryKey;autoIncrement:false"`
	Version   int  `gorm:"not null"`
	WrittenBy string
	UpdatedAt time.Time
}

func (schemaInfo) TableName() string { return "schema_info" }

// schemaInfoID is the primary key of schema_info's only row.
const schemaInfoID = 1

// ErrDatabaseTooNew is what Open returns (inside a *DatabaseTooNewError)
// for a database a newer Postbridge has written: this version does not
// know what that one changed, so it must not touch it.
var ErrDatabaseTooNew = errors.New("database written by a newer Postbridge")

// DatabaseTooNewError says which schema the database has and which this
// program knows; errors.Is(err, ErrDatabaseTooNew) holds.
type DatabaseTooNewError struct {
	Found     int    // the database's schema version
	Known     int    // SchemaVersion of this program
	WrittenBy string // the Postbridge version that wrote it, when recorded
}

func (e *DatabaseTooNewError) Error() string {
	by := ""
	if e.WrittenBy != "" {
		by = " by Postbridge " + e.WrittenBy
	}
	return fmt.Sprintf("database schema %d (written%s) is newer than schema %d of Postbridge %s: %v",
		e.Found, by, e.Known, version.Current().Version, ErrDatabaseTooNew)
}

func (e *DatabaseTooNewError) Unwrap() error { return ErrDatabaseTooNew }

// recordedSchema reads schema_info; a database without it (new, or from
// before the version was recorded) is schema 0.
func (s *Store) recordedSchema() (schemaInfo, error) {
	var info schemaInfo
	if !s.db.Migrator().HasTable(&schemaInfo{}) {
		return info, nil
	}
	err := s.db.Limit(1).Find(&info, schemaInfoID).Error
	if err != nil {
		return info, fmt.Errorf("read the schema version of the %s database: %w", s.kind, err)
	}
	return info, nil
}

// refuseNewerSchema stops Open before it changes anything in a database
// whose schema is newer than this program's.
func (s *Store) refuseNewerSchema() error {
	info, err := s.recordedSchema()
	if err != nil {
		return err
	}
	if info.Version > SchemaVersion {
		return &DatabaseTooNewError{Found: info.Version, Known: SchemaVersion, WrittenBy: info.WrittenBy}
	}
	return nil
}

// recordSchemaVersion notes, after a successful migration, that the
// database now has this program's schema. The update only ever raises the
// number: should a newer Postbridge on another workstation have migrated
// the shared database in the meantime, its number stays.
func (s *Store) recordSchemaVersion() error {
	if err := s.db.AutoMigrate(&schemaInfo{}); err != nil {
		return fmt.Errorf("create schema_info in the %s database: %w", s.kind, err)
	}
	now := time.Now().UTC()
	by := version.Current().Version
	err := s.db.Transaction(func(tx *gorm.DB) error {
		row := schemaInfo{ID: schemaInfoID, Version: SchemaVersion, WrittenBy: by, UpdatedAt: now}
		if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error; err != nil {
			return err
		}
		return tx.Model(&schemaInfo{}).
			Where("id = ? AND version <= ?", schemaInfoID, SchemaVersion).
			Updates(map[string]any{"version": SchemaVersion, "written_by": by, "updated_at": now}).Error
	})
	if err != nil {
		return fmt.Errorf("record the schema version of the %s database: %w", s.kind, err)
	}
	return nil
}
