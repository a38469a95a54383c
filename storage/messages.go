package storage

import (
	"fmt"

	"gorm.io/gorm"
)

// MessageFilter narrows ListMessages.
type MessageFilter struct {
	// NeedsAttention lists only messages waiting for a person to choose a link.
	NeedsAttention bool
	// Limit caps the number of messages (newest first); 0 means all.
	Limit int
}

// ListMessages returns imported messages with their links and attachments,
// newest first. Raw bodies are not loaded.
func (s *Store) ListMessages(f MessageFilter) ([]Message, error) {
	q := s.db.Omit("raw").
		Preload("Relations", func(db *gorm.DB) *gorm.DB { return db.Order("name") }).
		Preload("Project").
		Preload("Attachments", func(db *gorm.DB) *gorm.DB { return db.Order("id") }).
		Order("date DESC, id DESC")
	if f.NeedsAttention {
		q = q.Where("state = ?", StateNeedsAttention)
	}
	if f.Limit > 0 {
		q = q.Limit(f.Limit)
	}
	var list []Message
	if err := q.Find(&list).Error; err != nil {
		return nil, fmt.Errorf("list messages: %w", err)
	}
	if err := s.loadTexts(list); err != nil {
		return nil, err
	}
	return list, nil
}

// MessageByID is one message with its links and attachments, for the
// detail pane; the raw message is not loaded (RawMessage reads it).
func (s *Store) MessageByID(id uint) (Message, error) {
	var m Message
	err := s.db.Omit("raw").
		Preload("Relations", func(db *gorm.DB) *gorm.DB { return db.Order("name") }).
		Preload("Project").
		Preload("Attachments", func(db *gorm.DB) *gorm.DB { return db.Order("id") }).
		First(&m, id).Error
	if err != nil {
		return m, notFound(err, fmt.Sprintf("message %d", id))
	}
	list := []Message{m}
	if err := s.loadTexts(list); err != nil {
		return m, err
	}
	return list[0], nil
}
