package storage

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"gorm.io/gorm"

	"postbridge/problem"
)

// AttentionLink is what a person chose for a message on the
// needs-attention list: a relation, a project, or both (0 means none).
type AttentionLink struct {
	RelationID uint
	ProjectID  uint
}

// ErrNoLinkChosen is returned when a message is to be resolved without a link.
var ErrNoLinkChosen = errors.New("choose a relation or a project")

// ResolveAttention links a needs-attention message to what a person chose
// and takes it off the list. A chosen relation is added to the message's
// relations (addresses that matched one relation stay linked); a chosen
// project replaces the project. All in one transaction.
func (s *Store) ResolveAttention(messageID uint, link AttentionLink) error {
	if link.RelationID == 0 && link.ProjectID == 0 {
		return ErrNoLinkChosen
	}
	err := s.db.Transaction(func(tx *gorm.DB) error {
		var m Message
		if err := tx.Omit("raw").First(&m, messageID).Error; err != nil {
			return notFound(err, "message")
		}
		updates := map[string]any{"state": StateImported, "attention": problem.List(nil)}
		if link.ProjectID != 0 {
			if err := tx.First(&Project{}, link.ProjectID).Error; err != nil {
				return notFound(err, "project")
			}
			updates["project_id"] = link.ProjectID
		}
		if link.RelationID != 0 {
			if err := tx.First(&Relation{}, link.RelationID).Error; err != nil {
				return notFound(err, "relation")
			}
			if err := tx.Model(&Message{ID: m.ID}).Association("Relations").Append(&Relation{ID: link.RelationID}); err != nil {
				return err
			}
		}
		return tx.Model(&Message{}).Where("id = ?", m.ID).Updates(updates).Error
	})
	if err != nil {
		return fmt.Errorf("resolve message %d: %w", messageID, err)
	}
	return nil
}

// ErrNoAttachmentPath is returned when an attachment is to be opened but
// the company has no attachment path (manual 000: then none are saved).
var ErrNoAttachmentPath = errors.New("no attachment path is set for the company")

// AttachmentFile is where an attachment's file is on this computer: its
// stored path is relative to the company attachment path. A path that
// would lead outside it is refused rather than opened.
func (s *Store) AttachmentFile(a Attachment) (string, error) {
	c, err := s.Company()
	if err != nil {
		return "", err
	}
	if c.AttachmentPath == "" {
		return "", ErrNoAttachmentPath
	}
	rel := filepath.FromSlash(a.Path)
	if !filepath.IsLocal(rel) {
		return "", fmt.Errorf("attachment %q: %w", a.Path, os.ErrPermission)
	}
	p := filepath.Join(c.AttachmentPath, rel)
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("attachment %s: %w", a.FileName, err)
	}
	return p, nil
}
