package storage

import (
	"errors"
	"fmt"

	"gorm.io/gorm"
)

// ExportSettings reads every setting into a settings document, in a stable
// order so that two exports of the same data are byte-identical. It holds
// keyring keys only, never a secret.
func (s *Store) ExportSettings() (*SettingsFile, error) {
	f := &SettingsFile{MailServers: []MailServerJSON{}, Users: []UserJSON{},
		Relations: []RelationJSON{}, Projects: []ProjectJSON{}}
	steps := []func(*gorm.DB, *SettingsFile) error{
		exportCompany, exportMailServers, exportDomains, exportRoles,
		exportUsers, exportRelations, exportProjects, exportWebhooks,
	}
	err := s.db.Transaction(func(tx *gorm.DB) error {
		for _, step := range steps {
			if err := step(tx, f); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("export settings: %w", err)
	}
	return f, nil
}

func exportCompany(tx *gorm.DB, f *SettingsFile) error {
	var c Company
	err := tx.First(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	f.Company = &CompanyJSON{Name: c.Name, Email: c.Email, AttachmentPath: c.AttachmentPath,
		SMTP: smtpJSON(c.SMTP, c.SMTPAuth, c.SMTPLogin), MaxMessageMB: c.MaxMessageMB}
	if c.IMAP.Host != "" {
		imap := endpointJSON(c.IMAP)
		imap.AuthJSON = authJSON(c.IMAPAuth, c.IMAPOAuth)
		f.Company.IMAP = &imap
	}
	if o := c.OwnServer; o.Mode != OwnServerOff || o.Host != "" {
		f.Company.OwnServer = &OwnServerJSON{Mode: string(o.Mode), Host: o.Host, Port: o.Port,
			Security: string(o.Security), Auth: string(o.Auth), Username: o.Username,
			Secret: o.SecretKey, TLSFingerprint: o.TLSFingerprint, AuthJSON: authJSON(o.AuthMethod, o.OAuth)}
	}
	return nil
}

func exportMailServers(tx *gorm.DB, f *SettingsFile) error {
	var list []MailServer
	if err := tx.Order("identification").Find(&list).Error; err != nil {
		return err
	}
	for _, m := range list {
		f.MailServers = append(f.MailServers, MailServerJSON{ID: m.Identification, Host: m.Host,
			Port: m.Port, Security: string(m.Security), Auth: string(m.Auth), Username: m.Username,
			Secret: m.SecretKey, TLSFingerprint: m.TLSFingerprint, AuthJSON: authJSON(m.AuthMethod, m.OAuth)})
	}
	return nil
}

func exportDomains(tx *gorm.DB, f *SettingsFile) error {
	var list []SendingDomain
	if err := tx.Order("domain").Find(&list).Error; err != nil {
		return err
	}
	for _, d := range list {
		f.Domains = append(f.Domains, DomainJSON{Domain: d.Domain, ValidatedAt: formatTime(d.ValidatedAt),
			ValidatedBy: d.ValidatedBy, Disabled: d.Disabled, Excluded: d.Excluded})
	}
	return nil
}

func exportRoles(tx *gorm.DB, f *SettingsFile) error {
	var list []Role
	if err := tx.Order("name").Find(&list).Error; err != nil {
		return err
	}
	for _, r := range list {
		f.Roles = append(f.Roles, RoleJSON{Name: r.Name, ManageCompany: r.ManageCompany,
			ManageUsers: r.ManageUsers, OwnMailServer: r.OwnMailServer, ManageRelations: r.ManageRelations})
	}
	return nil
}

func exportUsers(tx *gorm.DB, f *SettingsFile) error {
	var list []User
	err := tx.Order("name").Preload("Role").Preload("WorkLocation").
		Preload("Delegates", func(db *gorm.DB) *gorm.DB { return db.Order("name") }).
		Preload("ImapAccounts", func(db *gorm.DB) *gorm.DB { return db.Order("id") }).
		Preload("ImapAccounts.Folders", func(db *gorm.DB) *gorm.DB { return db.Order("name") }).
		Find(&list).Error
	if err != nil {
		return err
	}
	for _, u := range list {
		j := UserJSON{Name: u.Name, Email: u.Email, Department: u.Department, AlwaysOwnSMTP: u.AlwaysOwnSMTP,
			SMTP:         smtpJSON(u.OwnSMTP, u.OwnSMTPAuth, u.OwnSMTPLogin),
			WorkUsername: u.WorkLocationLogin.Username, WorkSecret: u.WorkLocationLogin.SecretKey,
			Delegates: []string{}, IMAP: []ImapJSON{}}
		if u.Role != nil {
			j.Role = u.Role.Name
		}
		if u.WorkLocation != nil {
			j.WorkLocation = u.WorkLocation.Identification
		}
		for _, d := range u.Delegates {
			j.Delegates = append(j.Delegates, d.Name)
		}
		for i := range u.ImapAccounts {
			j.IMAP = append(j.IMAP, imapJSON(&u.ImapAccounts[i]))
		}
		f.Users = append(f.Users, j)
	}
	return nil
}

func exportRelations(tx *gorm.DB, f *SettingsFile) error {
	var list []Relation
	err := tx.Order("name").Preload("Emails", func(db *gorm.DB) *gorm.DB { return db.Order("id") }).
		Find(&list).Error
	if err != nil {
		return err
	}
	for _, r := range list {
		j := RelationJSON{Name: r.Name, Company: r.Company, Emails: []string{}}
		for _, e := range r.Emails {
			j.Emails = append(j.Emails, e.Address)
		}
		f.Relations = append(f.Relations, j)
	}
	return nil
}

func exportProjects(tx *gorm.DB, f *SettingsFile) error {
	var list []Project
	if err := tx.Order("number").Find(&list).Error; err != nil {
		return err
	}
	for _, p := range list {
		f.Projects = append(f.Projects, ProjectJSON{Number: p.Number, Description: p.Description})
	}
	return nil
}
