package storage

import (
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// The Users screen's queries: a user card and its IMAP
// account cards are each saved on their own Save. Validation reuses the
// settings file's validator, so a card and an imported file are refused
// for the same reasons in the same words; the field paths are relative to
// the card ("archive", "smtp.port"), for the screen to mark the field.

// UserByID returns a user as UserByName does.
func (s *Store) UserByID(id uint) (User, error) {
	var name string
	if err := s.db.Model(&User{}).Where("id = ?", id).Select("name").Scan(&name).Error; err != nil {
		return User{}, fmt.Errorf("user %d: %w", id, err)
	}
	if name == "" {
		return User{}, fmt.Errorf("user %d: %w", id, ErrNotFound)
	}
	return s.UserByName(name)
}

// SaveUser creates (ID 0) or updates a user's own fields and delegates
// (u.Delegates, matched by ID). IMAP accounts are saved by
// SaveImapAccount. Password keys default to the keys of the README.
func (s *Store) SaveUser(u *User) error {
	u.Name = strings.TrimSpace(u.Name)
	if err := s.validateUser(u); err != nil {
		return err
	}
	if u.OwnSMTPLogin.Username != "" && u.OwnSMTPLogin.SecretKey == "" {
		u.OwnSMTPLogin.SecretKey = SecretUserSMTP(u.Name)
	}
	if u.WorkLocationLogin.Username != "" && u.WorkLocationLogin.SecretKey == "" {
		u.WorkLocationLogin.SecretKey = SecretUserWork(u.Name)
	}
	delegates := make([]*User, 0, len(u.Delegates))
	for _, d := range u.Delegates {
		delegates = append(delegates, &User{ID: d.ID})
	}
	err := s.db.Transaction(func(tx *gorm.DB) error {
		row := *u
		row.Role, row.WorkLocation, row.Delegates, row.ImapAccounts = nil, nil, nil, nil
		if err := save(tx, &row); err != nil {
			return err
		}
		u.ID = row.ID
		return tx.Model(&User{ID: u.ID}).Association("Delegates").Replace(delegates)
	})
	if err != nil {
		return fmt.Errorf("save user %s: %w", u.Name, err)
	}
	return nil
}

// validateUser checks the card's fields, with the file's rules.
func (s *Store) validateUser(u *User) error {
	v := &validator{}
	v.required("name", u.Name)
	if u.Name != "" {
		// Compared in Go, not with SQL's lower(): SQLite folds only ASCII,
		// and the keyring keys clash for "Åse" and "åse" too (foldName).
		var others []string
		if err := s.db.Model(&User{}).Where("id <> ?", u.ID).Pluck("name", &others).Error; err != nil {
			return fmt.Errorf("save user: %w", err)
		}
		for _, other := range others {
			if other == u.Name {
				v.fail("name", "duplicate_user", u.Name)
				break
			}
			if foldName(other) == foldName(u.Name) {
				v.fail("name", "user_case", u.Name, other)
				break
			}
		}
	}
	v.email("email", u.Email, false)
	if smtp := smtpJSON(u.OwnSMTP, u.OwnSMTPAuth, u.OwnSMTPLogin); smtp != nil {
		v.smtp("smtp", smtp)
	}
	if u.AlwaysOwnSMTP && u.OwnSMTP.Host == "" {
		v.fail("always_own_smtp", "needs_own_smtp")
	}
	for i, d := range u.Delegates {
		if d.ID == u.ID && u.ID != 0 {
			v.fail(fmt.Sprintf("delegates[%d]", i), "own_delegate")
		}
	}
	return v.err()
}

// DeleteUser removes a user with their IMAP accounts, folders and
// delegations. Mail already imported stays in Postbridge: it belongs to
// the office, not to the account it came through.
func (s *Store) DeleteUser(id uint) error {
	err := s.db.Transaction(func(tx *gorm.DB) error {
		var accounts []uint
		if err := tx.Model(&ImapAccount{}).Where("user_id = ?", id).Pluck("id", &accounts).Error; err != nil {
			return err
		}
		for _, a := range accounts {
			if err := deleteAccount(tx, a); err != nil {
				return err
			}
		}
		if err := tx.Exec("DELETE FROM user_delegates WHERE user_id = ? OR delegate_id = ?", id, id).Error; err != nil {
			return err
		}
		return tx.Delete(&User{}, id).Error
	})
	if err != nil {
		return fmt.Errorf("delete user: %w", err)
	}
	return nil
}

// SaveImapAccount creates (ID 0) or updates an account of user
// a.UserID with its folders (a.Folders replaces the stored list).
// Refused cards return a *ValidationError whose paths name the card's
// fields ("archive", "delete_after_limit", "port").
func (s *Store) SaveImapAccount(a *ImapAccount) error {
	j := imapJSON(a)
	v := &validator{}
	v.imap("account", &j)
	if err := v.err(); err != nil {
		return relativePaths(err.(*ValidationError), "account.")
	}
	var owner User
	if err := s.db.First(&owner, a.UserID).Error; err != nil {
		return fmt.Errorf("save imap account: %w", notFound(err, "user"))
	}
	err := s.db.Transaction(func(tx *gorm.DB) error {
		if a.SecretKey == "" {
			key, err := freeImapKey(tx, owner, a.ID)
			if err != nil {
				return err
			}
			a.SecretKey = key
		}
		a.SMTP = tidyAccountSMTP(a.SMTP, a.SecretKey)
		if a.IsDefault {
			// One default account per user (manual 001: "Standard").
			if err := tx.Model(&ImapAccount{}).Where("user_id = ? AND id <> ?", a.UserID, a.ID).
				Update("is_default", false).Error; err != nil {
				return err
			}
		}
		if err := save(tx, a); err != nil {
			return err
		}
		return replaceFolders(tx, a)
	})
	if err != nil {
		return fmt.Errorf("save imap account: %w", err)
	}
	return nil
}

// freeImapKey is the README's key for the user's next account: the first
// of user/<name>/imap, user/<name>/imap/1, ... that no other account uses.
func freeImapKey(tx *gorm.DB, owner User, self uint) (string, error) {
	var used []string
	if err := tx.Model(&ImapAccount{}).Where("user_id = ? AND id <> ?", owner.ID, self).
		Pluck("secret_key", &used).Error; err != nil {
		return "", err
	}
	taken := map[string]bool{}
	for _, k := range used {
		taken[k] = true
	}
	for i := 0; ; i++ {
		if k := SecretUserIMAP(owner.Name, i); !taken[k] {
			return k, nil
		}
	}
}

// replaceFolders makes the stored folders of a exactly a.Folders.
func replaceFolders(tx *gorm.DB, a *ImapAccount) error {
	names := make([]string, 0, len(a.Folders))
	for i := range a.Folders {
		f := &a.Folders[i]
		names = append(names, f.Name)
		var have ImapFolder
		if err := tx.Where("account_id = ? AND name = ?", a.ID, f.Name).Limit(1).Find(&have).Error; err != nil {
			return err
		}
		f.ID, f.AccountID = have.ID, a.ID
		if err := save(tx, f); err != nil {
			return err
		}
	}
	q := tx.Where("account_id = ?", a.ID)
	if len(names) > 0 {
		q = q.Where("name NOT IN ?", names)
	}
	return q.Delete(&ImapFolder{}).Error
}

// DeleteImapAccount removes an account and its folders; its imported
// mail stays.
func (s *Store) DeleteImapAccount(id uint) error {
	if err := s.db.Transaction(func(tx *gorm.DB) error { return deleteAccount(tx, id) }); err != nil {
		return fmt.Errorf("delete imap account: %w", err)
	}
	return nil
}

func deleteAccount(tx *gorm.DB, id uint) error {
	if err := tx.Where("account_id = ?", id).Delete(&ImapFolder{}).Error; err != nil {
		return err
	}
	if err := tx.Where("account_id = ?", id).Delete(&FolderState{}).Error; err != nil {
		return err
	}
	return tx.Delete(&ImapAccount{}, id).Error
}

// relativePaths strips prefix from every path of e.
func relativePaths(e *ValidationError, prefix string) *ValidationError {
	out := &ValidationError{Fields: make([]FieldError, len(e.Fields))}
	for i, f := range e.Fields {
		f.Path = strings.TrimPrefix(f.Path, prefix)
		out.Fields[i] = f
	}
	return out
}
