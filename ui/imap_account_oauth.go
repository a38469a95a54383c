package ui

import (
	"errors"
	"strings"

	"postbridge/domain"
)

// An IMAP account signs in by its own method or, without one, by the
// company IMAP tab's default (actions' imapAuth): the card shows the
// method the account uses, and stores none of its own while that is the
// company's, so the account keeps following the default.

func (c *accountCard) newOAuth() *oauthFields {
	f := newOAuthFields(c.w(), c.password, loginSource{
		hint: func() string { return firstNonEmpty(c.username.Text, c.address.Text) },
		key: func() (string, error) {
			if c.a.SecretKey == "" { // storage picks a free key on the first Save
				return "", errors.New(t("oauth.save_first", "Save the account first: the sign-in is kept under its key."))
			}
			return c.a.SecretKey, nil
		}})
	f.set(c.companyAuth(c.a.AuthMethod, c.a.OAuth))
	return f
}

// companyAuth is the method and registration an account uses.
func (c *accountCard) companyAuth(m domain.AuthMethod, o domain.OAuth) (domain.AuthMethod, domain.OAuth) {
	l := domain.IMAPLogin(c.company, domain.ImapAccount{Login: domain.Login{AuthMethod: m, OAuth: o}})
	return l.AuthMethod, l.OAuth
}

// ownAuth is what the account stores: nothing while the card shows the
// company's default.
func (c *accountCard) ownAuth() (domain.AuthMethod, domain.OAuth) {
	m, o := c.oauth.read()
	cm, co := c.companyAuth("", domain.OAuth{})
	if sameAuth(m, o, cm, co) {
		return "", domain.OAuth{}
	}
	if !m.IsOAuth2() {
		return domain.AuthPassword, domain.OAuth{}
	}
	return m, o
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}
