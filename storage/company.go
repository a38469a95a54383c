package storage

import (
	"fmt"
	"strings"
)

// The Company screen (manual 000, 003) saves the one company row through
// SaveCompany. It checks the row with the same rules as the settings file
// (settings_validate.go), so a port refused on import is refused on the
// screen with the same words, at a path such as company.smtp.port that
// the screen maps back to its field.

// SaveCompany validates c and stores it as the company row, creating it
// the first time. A refused company returns a *ValidationError (wrapping
// ErrInvalidSettings) naming each wrong field, and nothing is stored.
// Authentication without a keyring key gets the standard key
// (company/smtp, company/own-server), under which the screen stores the
// password.
func (s *Store) SaveCompany(c *Company) error {
	if err := ValidateCompany(c); err != nil {
		return err
	}
	defaultCompanySecretKeys(c)
	var existing Company
	if err := s.db.Order("id").Limit(1).Find(&existing).Error; err != nil {
		return fmt.Errorf("save company: %w", err)
	}
	c.ID = existing.ID // there is one company: a new row only the first time
	if err := s.db.Save(c).Error; err != nil {
		return fmt.Errorf("save company: %w", err)
	}
	return nil
}

// ValidateCompany checks c as ImportSettings would check its "company"
// object, plus what only the screen can get wrong: authorize without a
// host.
func ValidateCompany(c *Company) error {
	v := &validator{}
	j := companyJSON(c)
	v.company("company", j)
	if c.SMTPAuth && strings.TrimSpace(c.SMTP.Host) == "" {
		v.fail("company.smtp.host", "required_for_authorize")
	}
	return v.err()
}

// companyJSON is c in the settings file's shape, so the file's
// validation rules apply to it unchanged. Empty servers stay nil, as in
// a file that leaves them out.
func companyJSON(c *Company) *CompanyJSON {
	j := &CompanyJSON{Name: c.Name, Email: c.Email, AttachmentPath: c.AttachmentPath, MaxMessageMB: c.MaxMessageMB}
	if c.SMTP.Host != "" || c.SMTP.Port != 0 || c.SMTPAuth || c.SMTPLogin.Username != "" {
		j.SMTP = &SMTPJSON{Host: c.SMTP.Host, Port: c.SMTP.Port, Security: string(c.SMTP.Security),
			Auth: c.SMTPAuth, Username: c.SMTPLogin.Username, Secret: c.SMTPLogin.SecretKey,
			TLSFingerprint: c.SMTP.TLSFingerprint, AuthJSON: authJSON(c.SMTPLogin.AuthMethod, c.SMTPLogin.OAuth)}
	}
	if c.IMAP.Host != "" || c.IMAP.Port != 0 || c.IMAPAuth != "" {
		imap := endpointJSON(c.IMAP)
		imap.AuthJSON = authJSON(c.IMAPAuth, c.IMAPOAuth)
		j.IMAP = &imap
	}
	if o := c.OwnServer; o.Mode != OwnServerOff || o.Host != "" {
		j.OwnServer = &OwnServerJSON{Mode: string(o.Mode), Host: o.Host, Port: o.Port,
			Security: string(o.Security), Auth: string(o.Auth), Username: o.Username,
			Secret: o.SecretKey, TLSFingerprint: o.TLSFingerprint, AuthJSON: authJSON(o.AuthMethod, o.OAuth)}
	}
	return j
}

func defaultCompanySecretKeys(c *Company) {
	if c.SMTPAuth && c.SMTPLogin.SecretKey == "" {
		c.SMTPLogin.SecretKey = SecretCompanySMTP
	}
	if c.OwnServer.Auth == OwnAuthPassword && c.OwnServer.SecretKey == "" {
		c.OwnServer.SecretKey = SecretOwnServer
	}
}

// Problem returns what is wrong at path ("company.smtp.port"), if anything.
func (e *ValidationError) Problem(path string) (string, bool) {
	for _, f := range e.Fields {
		if f.Path == path {
			return f.Problem, true
		}
	}
	return "", false
}
