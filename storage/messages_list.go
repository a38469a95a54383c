package storage

import (
	"fmt"
	"time"

	"gorm.io/gorm"
)

// MessageListQuery is a page of messages as the HTTP API asks for it:
// the Messages screen's filters, and a folder, a date range and a cursor.
type MessageListQuery struct {
	MessageQuery
	Folder string
	// Since and Until bound the message's date (Since included, Until
	// not); zero means no bound.
	Since, Until time.Time
	// After is the ID of the last message of the previous page: the page
	// goes on after it, newest first. Cursor paging, not an offset, so a
	// mail imported while a client pages neither repeats nor skips one.
	After uint
}

// MessageList returns up to limit messages of q, newest first (date,
// then ID), with their relations, project and attachments but without
// bodies or raw messages.
func (s *Store) MessageList(q MessageListQuery, limit int) ([]Message, error) {
	q.Sort, q.Ascending = SortDate, false
	if err := s.searchable(q.MessageQuery); err != nil {
		return nil, err
	}
	db := s.filtered(q.MessageQuery)
	if q.Folder != "" {
		db = db.Where("folder = ?", q.Folder)
	}
	db = s.dateRange(db, q.Since, q.Until)
	if q.After != 0 {
		// The stored date of the cursor's row, compared as stored: the
		// same order as ORDER BY date, on both databases.
		at := s.db.Model(&Message{}).Select("date").Where("id = ?", q.After)
		db = db.Where("(date < (?) OR (date = (?) AND id < ?))", at, at, q.After)
	}
	var list []Message
	err := db.Omit("raw", "text_body", "html_body").
		Preload("Relations", func(db *gorm.DB) *gorm.DB { return db.Order("name") }).
		Preload("Project").
		Preload("Attachments", func(db *gorm.DB) *gorm.DB { return db.Order("id") }).
		Order(orderOf(q.MessageQuery)).Limit(limit).Find(&list).Error
	if err != nil {
		return nil, fmt.Errorf("list messages: %w", err)
	}
	return list, nil
}

// dateRange narrows db to dates in [since, until). SQLite keeps a date as
// text with the zone it was written in; julianday compares the instants.
func (s *Store) dateRange(db *gorm.DB, since, until time.Time) *gorm.DB {
	col, param := "date", "?"
	if s.kind != "postgres" {
		col, param = "julianday(date)", "julianday(?)"
	}
	arg := func(t time.Time) any {
		if s.kind != "postgres" {
			return t.UTC().Format("2006-01-02 15:04:05.999999999")
		}
		return t.UTC()
	}
	if !since.IsZero() {
		db = db.Where(col+" >= "+param, arg(since))
	}
	if !until.IsZero() {
		db = db.Where(col+" < "+param, arg(until))
	}
	return db
}

// MessageAt is the ID of the message stored under key in account.
func (s *Store) MessageAt(account uint, key UIDKey) (uint, error) {
	var m Message
	err := s.db.Select("id").Where("account_id = ? AND folder = ? AND uid_validity = ? AND uid = ?",
		account, key.Folder, key.UIDValidity, key.UID).First(&m).Error
	if err != nil {
		return 0, notFound(err, fmt.Sprintf("message %s/%d", key.Folder, key.UID))
	}
	return m.ID, nil
}

// RelationExists is nil when relation id exists or id is 0, else ErrNotFound.
func (s *Store) RelationExists(id uint) error { return s.exists(&Relation{}, id) }

// ProjectExists is nil when project id exists or id is 0, else ErrNotFound.
func (s *Store) ProjectExists(id uint) error { return s.exists(&Project{}, id) }

func (s *Store) exists(model any, id uint) error {
	if id == 0 {
		return nil
	}
	var n int64
	if err := s.db.Model(model).Where("id = ?", id).Count(&n).Error; err != nil {
		return err
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}
