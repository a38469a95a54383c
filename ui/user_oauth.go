package ui

import (
	"strings"

	"postbridge/app"
	"postbridge/domain"
)

// The user card's two logins that can sign in with OAuth2: the user's
// own SMTP server (E-mail tab) and the employee's login at the work
// location (General tab), which signs in the way its server says.

func (c *userCard) newSMTPOAuth() *oauthFields {
	f := newOAuthFields(c.s.w, c.smtpPassword, loginSource{
		hint: func() string { return c.smtpUser.Text },
		key: func() (string, error) {
			name := strings.TrimSpace(c.name.Text)
			if name == "" {
				return "", errNameFirst()
			}
			return keyOr(c.u.OwnSMTPLogin.SecretKey, app.SecretUserSMTP(name))
		},
		chosen: func(on bool) { authorizeFor(on, c.d, c.smtpAuth) }})
	f.set(c.u.OwnSMTPLogin.AuthMethod, c.u.OwnSMTPLogin.OAuth)
	return f
}

func (c *userCard) newWorkOAuth() *oauthFields {
	return newOAuthFields(c.s.w, nil, loginSource{
		hint:  func() string { return c.workUser.Text },
		fixed: c.workAuth,
		key: func() (string, error) {
			name := strings.TrimSpace(c.name.Text)
			if name == "" {
				return "", errNameFirst()
			}
			return keyOr(c.u.WorkLocationLogin.SecretKey, app.SecretUserWork(name))
		}})
}

// workAuth is how the employee signs in at the chosen work location: by
// their own login's method when it is OAuth2, else as a per-employee
// server says (as the route decides).
func (c *userCard) workAuth() (domain.AuthMethod, domain.OAuth) {
	if l := c.u.WorkLocationLogin; l.OAuth2() {
		return l.AuthMethod, l.OAuth
	}
	for _, m := range c.servers {
		if m.Identification == c.work.Selected && m.Auth == app.MailAuthPerEmployee && m.OAuth2() {
			return m.AuthMethod, m.OAuth
		}
	}
	return domain.AuthPassword, domain.OAuth{}
}
