package storage

import (
	"gorm.io/gorm"
)

// importUsers writes users in two passes: first every user's own fields,
// then delegates, which may name users that appear later in the file.
func importUsers(tx *gorm.DB, f *SettingsFile) error {
	ids := map[string]uint{}
	for i := range f.Users {
		id, err := importUser(tx, &f.Users[i])
		if err != nil {
			return err
		}
		ids[f.Users[i].Name] = id
	}
	for _, j := range f.Users {
		if err := replaceDelegates(tx, ids[j.Name], j.Delegates); err != nil {
			return err
		}
	}
	return nil
}

func importUser(tx *gorm.DB, j *UserJSON) (uint, error) {
	var u User
	if err := findBy(tx, &u, "name", j.Name); err != nil {
		return 0, err
	}
	u.Name, u.Email, u.Department, u.AlwaysOwnSMTP = j.Name, j.Email, j.Department, j.AlwaysOwnSMTP
	u.OwnSMTP, u.OwnSMTPAuth, u.OwnSMTPLogin = smtpFrom(j.SMTP, SecretUserSMTP(j.Name))
	u.WorkLocationLogin = Login{Username: j.WorkUsername,
		SecretKey: defaultedKey(j.WorkSecret, j.WorkUsername, SecretUserWork(j.Name))}
	var err error
	if u.RoleID, err = idOf(tx, &Role{}, "name", j.Role); err != nil {
		return 0, err
	}
	if u.WorkLocationID, err = idOf(tx, &MailServer{}, "identification", j.WorkLocation); err != nil {
		return 0, err
	}
	u.Role, u.WorkLocation = nil, nil
	if err := save(tx, &u); err != nil {
		return 0, err
	}
	return u.ID, importImapAccounts(tx, &u, j.IMAP)
}

// idOf returns the ID of the row whose column equals name, or nil for an
// empty name. Validation has made sure the row exists.
func idOf(tx *gorm.DB, model any, column, name string) (*uint, error) {
	if name == "" {
		return nil, nil
	}
	var id uint
	if err := tx.Model(model).Where(column+" = ?", name).Select("id").Scan(&id).Error; err != nil {
		return nil, err
	}
	return &id, nil
}

func replaceDelegates(tx *gorm.DB, userID uint, names []string) error {
	var delegates []*User
	if len(names) > 0 {
		if err := tx.Where("name IN ?", names).Order("name").Find(&delegates).Error; err != nil {
			return err
		}
	}
	return tx.Model(&User{ID: userID}).Association("Delegates").Replace(delegates)
}

// importImapAccounts matches the file's accounts to the user's existing
// ones by position, so that an edited username or host updates the
// account (and keeps its imported mail) instead of creating a new one.
func importImapAccounts(tx *gorm.DB, u *User, list []ImapJSON) error {
	var have []ImapAccount
	if err := tx.Where("user_id = ?", u.ID).Order("id").Find(&have).Error; err != nil {
		return err
	}
	for i := range list {
		a := ImapAccount{UserID: u.ID}
		if i < len(have) {
			a = have[i]
		}
		applyImapJSON(&a, &list[i], SecretUserIMAP(u.Name, i))
		if err := save(tx, &a); err != nil {
			return err
		}
		if err := mergeFolders(tx, a.ID, list[i].Folders); err != nil {
			return err
		}
	}
	return nil
}

func mergeFolders(tx *gorm.DB, accountID uint, list []FolderJSON) error {
	for _, j := range list {
		var f ImapFolder
		if err := tx.Where("account_id = ? AND name = ?", accountID, j.Name).Limit(1).Find(&f).Error; err != nil {
			return err
		}
		f.AccountID, f.Name, f.Role, f.Sync, f.Subscribed = accountID, j.Name, j.Role, j.Sync, j.Subscribed
		if err := save(tx, &f); err != nil {
			return err
		}
	}
	return nil
}
