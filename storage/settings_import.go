package storage

import (
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// ImportSettings validates f and writes it in one transaction: a document
// with any error changes nothing. Records are matched by their natural key
// (mail server identification, user name, role name, relation name,
// project number, domain, webhook name; a user's IMAP accounts by position) and updated
// or created; records the file does not mention are left as they are.
func (s *Store) ImportSettings(f *SettingsFile) error {
	err := s.db.Transaction(func(tx *gorm.DB) error {
		known, err := loadKnownNames(tx)
		if err != nil {
			return err
		}
		if err := validateSettings(f, known); err != nil {
			return err
		}
		steps := []func(*gorm.DB, *SettingsFile) error{
			importCompany, importMailServers, importRoles, importDomains,
			importUsers, importRelations, importProjects, importWebhooks,
		}
		for _, step := range steps {
			if err := step(tx, f); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil && !errors.Is(err, ErrInvalidSettings) {
		return fmt.Errorf("import settings: %w", err)
	}
	return err
}

func loadKnownNames(tx *gorm.DB) (knownNames, error) {
	k := knownNames{}
	var err error
	if k.mailServers, err = namesIn(tx, &MailServer{}, "identification"); err != nil {
		return k, err
	}
	if k.users, err = namesIn(tx, &User{}, "name"); err != nil {
		return k, err
	}
	k.roles, err = namesIn(tx, &Role{}, "name")
	return k, err
}

func namesIn(tx *gorm.DB, model any, column string) (map[string]bool, error) {
	var names []string
	if err := tx.Model(model).Pluck(column, &names).Error; err != nil {
		return nil, err
	}
	set := make(map[string]bool, len(names))
	for _, n := range names {
		set[n] = true
	}
	return set, nil
}

// findBy loads the row whose column equals value into row; a missing row
// leaves it zero, ready to be created by Save.
func findBy[T any](tx *gorm.DB, row *T, column string, value any) error {
	err := tx.Where(column+" = ?", value).First(row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil
	}
	return err
}

// save writes row's own columns; associations are written explicitly.
func save(tx *gorm.DB, row any) error {
	return tx.Omit(clause.Associations).Save(row).Error
}

func importCompany(tx *gorm.DB, f *SettingsFile) error {
	j := f.Company
	if j == nil {
		return nil
	}
	var c Company
	if err := tx.Order("id").Limit(1).Find(&c).Error; err != nil {
		return err
	}
	c.Name, c.Email, c.AttachmentPath = j.Name, j.Email, j.AttachmentPath
	c.MaxMessageMB = j.MaxMessageMB
	c.SMTP, c.SMTPAuth, c.SMTPLogin = smtpFrom(j.SMTP, SecretCompanySMTP)
	c.IMAP = Endpoint{}
	if j.IMAP != nil {
		c.IMAP = endpointFrom(j.IMAP.Host, j.IMAP.Port, j.IMAP.Security, j.IMAP.TLSFingerprint)
		c.IMAPAuth, c.IMAPOAuth = authFrom(j.IMAP.AuthJSON)
	} else {
		c.IMAPAuth, c.IMAPOAuth = "", OAuth{}
	}
	c.OwnServer = OwnServer{}
	if o := j.OwnServer; o != nil {
		c.OwnServer = OwnServer{Mode: OwnServerMode(o.Mode),
			Endpoint: endpointFrom(o.Host, o.Port, o.Security, o.TLSFingerprint),
			Auth:     OwnServerAuth(o.Auth),
			Login: withAuth(Login{Username: o.Username, SecretKey: defaultedKey(o.Secret, o.Username, SecretOwnServer)},
				o.AuthJSON)}
	}
	return save(tx, &c)
}

func importMailServers(tx *gorm.DB, f *SettingsFile) error {
	for _, j := range f.MailServers {
		var m MailServer
		if err := findBy(tx, &m, "identification", j.ID); err != nil {
			return err
		}
		m.Identification = j.ID
		m.Endpoint = endpointFrom(j.Host, j.Port, j.Security, j.TLSFingerprint)
		m.Auth = MailAuth(j.Auth)
		m.Login = withAuth(Login{Username: j.Username, SecretKey: defaultedKey(j.Secret, j.Username, SecretMailServer(j.ID))},
			j.AuthJSON)
		if err := save(tx, &m); err != nil {
			return err
		}
	}
	return nil
}

func importRoles(tx *gorm.DB, f *SettingsFile) error {
	for _, j := range f.Roles {
		var r Role
		if err := findBy(tx, &r, "name", j.Name); err != nil {
			return err
		}
		r.Name, r.ManageCompany, r.ManageUsers = j.Name, j.ManageCompany, j.ManageUsers
		r.OwnMailServer, r.ManageRelations = j.OwnMailServer, j.ManageRelations
		if err := save(tx, &r); err != nil {
			return err
		}
	}
	return nil
}

func importDomains(tx *gorm.DB, f *SettingsFile) error {
	for _, j := range f.Domains {
		name := strings.ToLower(j.Domain)
		var d SendingDomain
		if err := findBy(tx, &d, "domain", name); err != nil {
			return err
		}
		validated, _ := parseTime(j.ValidatedAt) // checked by validation
		d.Domain, d.ValidatedAt, d.ValidatedBy = name, validated, j.ValidatedBy
		d.Disabled, d.Excluded = j.Disabled, j.Excluded
		if err := save(tx, &d); err != nil {
			return err
		}
	}
	return nil
}

func importRelations(tx *gorm.DB, f *SettingsFile) error {
	for _, j := range f.Relations {
		var r Relation
		if err := findBy(tx, &r, "name", j.Name); err != nil {
			return err
		}
		r.Name, r.Company = j.Name, j.Company
		if err := save(tx, &r); err != nil {
			return err
		}
		if err := replaceRelationEmails(tx, r.ID, j.Emails); err != nil {
			return err
		}
	}
	return nil
}

// replaceRelationEmails makes the relation's addresses exactly want,
// touching only rows that change.
func replaceRelationEmails(tx *gorm.DB, relationID uint, want []string) error {
	var have []RelationEmail
	if err := tx.Where("relation_id = ?", relationID).Find(&have).Error; err != nil {
		return err
	}
	wanted := map[string]bool{}
	for _, a := range want {
		wanted[NormalizeAddress(a)] = true
	}
	for _, e := range have {
		if wanted[e.Address] {
			delete(wanted, e.Address)
			continue
		}
		if err := tx.Delete(&RelationEmail{}, e.ID).Error; err != nil {
			return err
		}
	}
	for _, a := range want {
		a = NormalizeAddress(a)
		if !wanted[a] {
			continue
		}
		delete(wanted, a)
		if err := tx.Create(&RelationEmail{RelationID: relationID, Address: a}).Error; err != nil {
			return err
		}
	}
	return nil
}

// NormalizeAddress is the form in which addresses are compared for linking:
// trimmed and lower-case. RFC 5321 §2.4 lets the local part be case-sensitive,
// but no mail system in use treats it so, and linking must not miss a match.
func NormalizeAddress(a string) string { return strings.ToLower(strings.TrimSpace(a)) }

func importProjects(tx *gorm.DB, f *SettingsFile) error {
	for _, j := range f.Projects {
		var p Project
		if err := findBy(tx, &p, "number", j.Number); err != nil {
			return err
		}
		p.Number, p.Description = j.Number, j.Description
		if err := save(tx, &p); err != nil {
			return err
		}
	}
	return nil
}
