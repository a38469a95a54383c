package storage

import (
	"fmt"
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
// uidValidity that are not yet marked deleted on the server.
func (s *Store) FolderUIDs(account uint, folder string, uidValidity uint32) ([]uint32, error) {
	var uids []uint32
	err := s.db.Model(&Message{}).Where("account_id = ? AND folder = ? AND uid_validity = ? AND state <> ?",
		account, folder, uidValidity, StateDeletedOnServer).Order("uid").Pluck("uid", &uids).Error
	if err != nil {
		return nil, fmt.Errorf("stored messages of %s: %w", folder, err)
	}
	return uids, nil
}

// MarkDeletedOnServer marks messages that are gone from the server; they
// stay in Postbridge (manual 001, 004).
func (s *Store) MarkDeletedOnServer(account uint, folder string, uidValidity uint32, uids []uint32) error {
	for start := 0; start < len(uids); start += 500 {
		end := min(start+500, len(uids))
		err := s.db.Model(&Message{}).
			Where("account_id = ? AND folder = ? AND uid_validity = ? AND uid IN ?", account, folder, uidValidity, uids[start:end]).
			Update("state", StateDeletedOnServer).Error
		if err != nil {
			return fmt.Errorf("mark deleted on server: %w", err)
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
