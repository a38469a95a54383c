package storage

import (
	"fmt"
	"time"

	"gorm.io/gorm/clause"

	"postbridge/problem"
)

// RefusedMessage is a message the sync left on the server for its size:
// larger than the server announced (RFC822.SIZE) or than the
// company's maximum message size. The health view and `postbridge
// status` list it; later syncs do not fetch it again.
type RefusedMessage struct {
	ID          uint   `gorm:"primaryKey"`
	AccountID   uint   `gorm:"uniqueIndex:refused_uid;not null"`
	Folder      string `gorm:"uniqueIndex:refused_uid;not null"`
	UIDValidity uint32 `gorm:"uniqueIndex:refused_uid;not null"`
	UID         uint32 `gorm:"uniqueIndex:refused_uid;not null"`
	Size        int64  // bytes, as announced or as the literal said
	// Reason says why, as a problem the health view and `postbridge
	// status` word in their reader's language; a row written before
	// problems were values holds an English sentence (problem.Legacy).
	Reason    problem.P
	RefusedAt time.Time
}

// RefuseMessage records that a message is left on the server; a second
// refusal of the same message updates the first.
func (s *Store) RefuseMessage(r RefusedMessage) error {
	err := s.db.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "account_id"}, {Name: "folder"}, {Name: "uid_validity"}, {Name: "uid"}},
		DoUpdates: clause.AssignmentColumns([]string{"size", "reason", "refused_at"}),
	}).Create(&r).Error
	if err != nil {
		return fmt.Errorf("record refused message %s UID %d: %w", r.Folder, r.UID, err)
	}
	return nil
}

// RefusedUIDs are the UIDs of a folder that the sync refused under uidValidity.
func (s *Store) RefusedUIDs(account uint, folder string, uidValidity uint32) (map[uint32]bool, error) {
	var uids []uint32
	err := s.db.Model(&RefusedMessage{}).Where("account_id = ? AND folder = ? AND uid_validity = ?",
		account, folder, uidValidity).Pluck("uid", &uids).Error
	if err != nil {
		return nil, fmt.Errorf("refused messages of %s: %w", folder, err)
	}
	out := make(map[uint32]bool, len(uids))
	for _, u := range uids {
		out[u] = true
	}
	return out, nil
}

// RefusedMessages lists an account's refused messages, newest first.
func (s *Store) RefusedMessages(account uint) ([]RefusedMessage, error) {
	var list []RefusedMessage
	if err := s.db.Where("account_id = ?", account).Order("refused_at DESC").Find(&list).Error; err != nil {
		return nil, fmt.Errorf("refused messages: %w", err)
	}
	return list, nil
}

// refusedByAccount lists every refused message by account, newest first.
func (s *Store) refusedByAccount() (map[uint][]RefusedMessage, error) {
	var list []RefusedMessage
	if err := s.db.Order("refused_at DESC").Find(&list).Error; err != nil {
		return nil, fmt.Errorf("health: refused messages: %w", err)
	}
	out := map[uint][]RefusedMessage{}
	for _, r := range list {
		out[r.AccountID] = append(out[r.AccountID], r)
	}
	return out, nil
}
