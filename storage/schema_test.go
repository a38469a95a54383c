package storage

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/glebarez/sqlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"postbridge/mail/mailtest"
)

// eachDSN runs test with the address of an empty SQLite file and of an
// empty database on the real PostgreSQL server, so a test can lay out an
// old or a newer database before Open sees it.
func eachDSN(t *testing.T, test func(t *testing.T, dsn string)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		test(t, filepath.Join(t.TempDir(), "postbridge.db"))
	})
	t.Run("postgres", func(t *testing.T) {
		test(t, mailtest.Postgres(t))
	})
}

// rawDB opens dsn with gorm alone: no Store, no migration.
func rawDB(t *testing.T, dsn string) *gorm.DB {
	t.Helper()
	dialector := sqlite.Open(dsn)
	if IsPostgres(dsn) {
		dialector = postgres.Open(dsn)
	}
	db, err := gorm.Open(dialector, &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if sqlDB, err := db.DB(); err == nil {
			sqlDB.Close()
		}
	})
	return db
}

// projectBeforeDescription is Project as an older Postbridge declared it:
// no Description yet. gorm lays it out as that version did.
type projectBeforeDescription struct {
	ID     uint   `gorm:"primaryKey"`
	Number string `gorm:"uniqueIndex;not null"`
}

func (projectBeforeDescription) TableName() string { return "projects" }

// layOutOldProjects writes what an older Postbridge left: a projects table
// without the description column, holding two projects.
func layOutOldProjects(t *testing.T, db *gorm.DB) {
	t.Helper()
	if err := db.AutoMigrate(&projectBeforeDescription{}); err != nil {
		t.Fatal(err)
	}
	old := []projectBeforeDescription{{Number: "210-01"}, {Number: "210-02"}}
	if err := db.Create(&old).Error; err != nil {
		t.Fatal(err)
	}
}

func setRecordedSchema(t *testing.T, db *gorm.DB, v int, by string) {
	t.Helper()
	if err := db.AutoMigrate(&schemaInfo{}); err != nil {
		t.Fatal(err)
	}
	if err := db.Create(&schemaInfo{ID: schemaInfoID, Version: v, WrittenBy: by}).Error; err != nil {
		t.Fatal(err)
	}
}

func recordedVersion(t *testing.T, db *gorm.DB) int {
	t.Helper()
	var info schemaInfo
	if err := db.First(&info, schemaInfoID).Error; err != nil {
		t.Fatalf("read schema_info: %v", err)
	}
	return info.Version
}

// An older database — from before the version was recorded, or with an
// older version recorded — is brought up to date on Open: the missing
// column is added, its rows are kept and usable, the version is recorded.
func TestOpenMigratesOlderDatabaseAndKeepsItsRows(t *testing.T) {
	olds := []struct {
		name   string
		record func(t *testing.T, db *gorm.DB)
	}{
		{"unversioned", func(*testing.T, *gorm.DB) {}},
		{"schema 0", func(t *testing.T, db *gorm.DB) { setRecordedSchema(t, db, 0, "0.0.9") }},
	}
	for _, old := range olds {
		t.Run(old.name, func(t *testing.T) {
			eachDSN(t, func(t *testing.T, dsn string) {
				raw := rawDB(t, dsn)
				layOutOldProjects(t, raw)
				old.record(t, raw)
				if raw.Migrator().HasColumn(&Project{}, "description") {
					t.Fatal("the old layout already has projects.description")
				}

				s, err := Open(dsn)
				if err != nil {
					t.Fatalf("Open(old database): %v", err)
				}
				defer s.Close()
				if !s.db.Migrator().HasColumn(&Project{}, "description") {
					t.Error("projects.description was not added")
				}
				var got []Project
				if err := s.db.Order("id").Find(&got).Error; err != nil {
					t.Fatal(err)
				}
				if len(got) != 2 || got[0].Number != "210-01" || got[1].Number != "210-02" {
					t.Errorf("projects after migration: %+v, want 210-01 and 210-02", got)
				}
				got[0].Description = "Musterprojekt Wohnanlage"
				if err := s.db.Save(&got[0]).Error; err != nil {
					t.Errorf("the migrated row cannot take the new column: %v", err)
				}
				if v := recordedVersion(t, s.db); v != SchemaVersion {
					t.Errorf("recorded schema %d, want %d", v, SchemaVersion)
				}
			})
		})
	}
}

// A database a newer Postbridge wrote is refused with ErrDatabaseTooNew,
// and Open leaves it exactly as it was: no column added, no table
// created, its version not lowered.
func TestOpenRefusesNewerDatabaseAndLeavesItUnchanged(t *testing.T) {
	eachDSN(t, func(t *testing.T, dsn string) {
		raw := rawDB(t, dsn)
		layOutOldProjects(t, raw)
		newer := SchemaVersion + 1
		setRecordedSchema(t, raw, newer, "9.0.0")
		tablesBefore, err := raw.Migrator().GetTables()
		if err != nil {
			t.Fatal(err)
		}

		s, err := Open(dsn)
		if err == nil {
			s.Close()
			t.Fatal("Open(newer database) succeeded, want ErrDatabaseTooNew")
		}
		if !errors.Is(err, ErrDatabaseTooNew) {
			t.Fatalf("Open(newer database) = %v, want ErrDatabaseTooNew", err)
		}
		var tooNew *DatabaseTooNewError
		if !errors.As(err, &tooNew) || tooNew.Found != newer || tooNew.Known != SchemaVersion || tooNew.WrittenBy != "9.0.0" {
			t.Errorf("error %#v, want Found %d, Known %d, WrittenBy 9.0.0", tooNew, newer, SchemaVersion)
		}

		tablesAfter, err := raw.Migrator().GetTables()
		if err != nil {
			t.Fatal(err)
		}
		if len(tablesAfter) != len(tablesBefore) {
			t.Errorf("tables %v after the refusal, want only %v", tablesAfter, tablesBefore)
		}
		if raw.Migrator().HasColumn(&Project{}, "description") {
			t.Error("the refused database got projects.description")
		}
		var n int64
		if err := raw.Table("projects").Count(&n).Error; err != nil || n != 2 {
			t.Errorf("projects: %d, %v; want the 2 rows untouched", n, err)
		}
		if v := recordedVersion(t, raw); v != newer {
			t.Errorf("recorded schema %d after the refusal, want %d", v, newer)
		}
	})
}

// A new database starts at this schema, and opening it again (every start
// of the program) keeps it there.
func TestNewDatabaseRecordsSchemaVersion(t *testing.T) {
	eachDSN(t, func(t *testing.T, dsn string) {
		for i := 0; i < 2; i++ {
			s, err := Open(dsn)
			if err != nil {
				t.Fatalf("open #%d: %v", i+1, err)
			}
			v := recordedVersion(t, s.db)
			var rows int64
			s.db.Model(&schemaInfo{}).Count(&rows)
			s.Close()
			if v != SchemaVersion || rows != 1 {
				t.Errorf("open #%d: schema %d in %d rows, want %d in 1", i+1, v, rows, SchemaVersion)
			}
		}
	})
}

// recordSchemaVersion never lowers the number: an older program that
// passed its check just before a newer one migrated the shared database
// must not mark it as its own again.
func TestRecordSchemaVersionNeverLowersIt(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		if err := s.db.Model(&schemaInfo{}).Where("id = ?", schemaInfoID).Update("version", SchemaVersion+3).Error; err != nil {
			t.Fatal(err)
		}
		if err := s.recordSchemaVersion(); err != nil {
			t.Fatal(err)
		}
		if v := recordedVersion(t, s.db); v != SchemaVersion+3 {
			t.Errorf("schema %d after recording, want %d kept", v, SchemaVersion+3)
		}
	})
}
