package storage

import (
	"fmt"

	"gorm.io/gorm"
)

// FolderStateOf returns what the last sync saw of a folder; a zero
// FolderState (with the keys filled in) when it was never synced.
func (s *Store) FolderStateOf(account uint, folder string) (FolderState, error) {
	fs := FolderState{AccountID: account, Folder: folder}
	err := s.db.Where("account_id = ? AND folder = ?", account, folder).Limit(1).Find(&fs).Error
	if err != nil {
		return fs, fmt.Errorf("folder state of %s: %w", folder, err)
	}
	return fs, nil
}

// SaveFolderState records what a sync saw; call it only after the
// messages it covers are committed.
func (s *Store) SaveFolderState(fs FolderState) error {
	if err := s.db.Save(&fs).Error; err != nil {
		return fmt.Errorf("save folder state of %s: %w", fs.Folder, err)
	}
	return nil
}

// FolderUIDs returns the UIDs of the messages stored for a folder under
// uidValidity that the server should still have there: not deleted on
// the server and not archived.
func (s *Store) FolderUIDs(account uint, folder string, uidValidity uint32) ([]uint32, error) {
	var uids []uint32
	err := s.db.Model(&Message{}).Where("account_id = ? AND folder = ? AND uid_validity = ? AND state NOT IN ?",
		account, folder, uidValidity, []MessageState{StateDeletedOnServer, StateArchived}).Order("uid").Pluck("uid", &uids).Error
	if err != nil {
		return nil, fmt.Errorf("stored messages of %s: %w", folder, err)
	}
	return uids, nil
}

// MarkDeletedOnServer marks messages that are gone from the server; they
// stay in Postbridge (manual 001, 004).
func (s *Store) MarkDeletedOnServer(account uint, folder string, uidValidity uint32, uids []uint32) error {
	return s.markState(account, folder, uidValidity, uids, StateDeletedOnServer)
}

// MarkArchived marks messages the sync time limit moved to the archive
// folder (manual 004); they stay in Postbridge.
func (s *Store) MarkArchived(account uint, folder string, uidValidity uint32, uids []uint32) error {
	return s.markState(account, folder, uidValidity, uids, StateArchived)
}

func (s *Store) markState(account uint, folder string, uidValidity uint32, uids []uint32, state MessageState) error {
	for start := 0; start < len(uids); start += 500 {
		end := min(start+500, len(uids))
		err := s.db.Model(&Message{}).
			Where("account_id = ? AND folder = ? AND uid_validity = ? AND uid IN ?", account, folder, uidValidity, uids[start:end]).
			Update("state", state).Error
		if err != nil {
			return fmt.Errorf("mark messages %s: %w", state, err)
		}
	}
	return nil
}

// SetFlags stores the server's flags of one message (CONDSTORE changes).
func (s *Store) SetFlags(account uint, folder string, uidValidity, uid uint32, flags string) error {
	return s.db.Model(&Message{}).
		Where("account_id = ? AND folder = ? AND uid_validity = ? AND uid = ?", account, folder, uidValidity, uid).
		Update("flags", flags).Error
}

// ForgetFolder removes the folder's messages that the server still has,
// with their links and attachment rows, and the folder's sync state, so
// that the next sync imports and links them anew (ReIndex, manual 001).
// Messages deleted on the server or archived are kept: the server cannot
// give them back. Attachment files stay; they are content-addressed and
// the re-import finds them again.
func (s *Store) ForgetFolder(account uint, folder string) error {
	return s.db.Transaction(func(tx *gorm.DB) error {
		ids := tx.Model(&Message{}).Select("id").Where("account_id = ? AND folder = ? AND state NOT IN ?",
			account, folder, []MessageState{StateDeletedOnServer, StateArchived})
		if err := tx.Exec("DELETE FROM message_relations WHERE message_id IN (?)", ids).Error; err != nil {
			return fmt.Errorf("forget links of %s: %w", folder, err)
		}
		if err := tx.Where("message_id IN (?)", ids).Delete(&Attachment{}).Error; err != nil {
			return fmt.Errorf("forget attachments of %s: %w", folder, err)
		}
		if err := tx.Where("id IN (?)", ids).Delete(&Message{}).Error; err != nil {
			return fmt.Errorf("forget messages of %s: %w", folder, err)
		}
		if err := tx.Where("account_id = ? AND folder = ?", account, folder).Delete(&FolderState{}).Error; err != nil {
			return fmt.Errorf("forget state of %s: %w", folder, err)
		}
		return nil
	})
}
