package storage

import "postbridge/domain"

// The settings file's block for an IMAP account's own SMTP server
// (manual 001, 004): conversions and validation.

// accountSMTPJSON is the file's block for s; nil when the account has
// no own server. A card with a port or user name but no host still
// gets a block, so that validation asks for the host.
func accountSMTPJSON(s domain.AccountSMTP) *AccountSMTPJSON {
	if s.Host == "" && s.Port == 0 && s.Username == "" {
		return nil
	}
	j := &AccountSMTPJSON{Host: s.Host, Port: s.Port, Security: string(s.Security),
		TLSFingerprint: s.TLSFingerprint, Auth: s.Auth, Login: SMTPLoginIMAP}
	if s.OwnLogin {
		j.Login, j.Username, j.Secret = SMTPLoginOwn, s.Username, s.SecretKey
		j.AuthJSON = authJSON(s.AuthMethod, s.OAuth)
	}
	return j
}

// accountSMTPFrom converts the file's block; imapKey is the account's
// IMAP key, beside which an own login without a secret of its own is
// kept (domain.SecretAccountSMTP).
func accountSMTPFrom(j *AccountSMTPJSON, imapKey string) domain.AccountSMTP {
	if j == nil {
		return domain.AccountSMTP{}
	}
	s := domain.AccountSMTP{Endpoint: endpointFrom(j.Host, j.Port, j.Security, j.TLSFingerprint), Auth: j.Auth}
	if j.Login == SMTPLoginOwn {
		s.OwnLogin = true
		s.Login = withAuth(Login{Username: j.Username, SecretKey: j.Secret}, j.AuthJSON)
		s.SecretKey = accountSMTPKey(s, imapKey)
	}
	return s
}

// accountSMTPKey is the own login's keyring key: its own, else the one
// beside the IMAP key once there is something to keep there.
func accountSMTPKey(s domain.AccountSMTP, imapKey string) string {
	if s.SecretKey != "" || !s.OwnLogin || imapKey == "" {
		return s.SecretKey
	}
	if s.Username != "" || s.AuthMethod.IsOAuth2() {
		return domain.SecretAccountSMTP(imapKey)
	}
	return ""
}

// tidyAccountSMTP is what a validated card stores: nothing for "use
// standard", no login of its own while the IMAP login stands in, and
// the own login's key.
func tidyAccountSMTP(s domain.AccountSMTP, imapKey string) domain.AccountSMTP {
	if !s.IsSet() {
		return domain.AccountSMTP{}
	}
	if !s.OwnLogin {
		s.Login = Login{}
	}
	s.SecretKey = accountSMTPKey(s, imapKey)
	return s
}

// accountSMTP checks the block at path (users[0].imap[1].smtp): a block
// is an own server, so it needs a host; the IMAP login stands in only
// when the block names no login of its own.
func (v *validator) accountSMTP(path string, j *AccountSMTPJSON) {
	v.server(path, j.Host, j.Port, j.Security, j.TLSFingerprint, true)
	switch j.Login {
	case "", SMTPLoginIMAP:
		// The IMAP login's own fields would be ignored: refused, so an
		// admin who meant "own" learns it from the import.
		for _, f := range []struct {
			name string
			set  bool
		}{{"username", j.Username != ""}, {"secret", j.Secret != ""},
			{"auth_method", j.AuthMethod != ""}, {"oauth", j.OAuth != nil}} {
			if f.set {
				v.fail(path+"."+f.name, "only_own_login")
			}
		}
	case SMTPLoginOwn:
		if j.Auth {
			v.required(path+".username", j.Username)
		}
		v.secret(path+".secret", j.Secret)
		v.auth(path, j.AuthJSON)
	default:
		v.fail(path+".login", "not_smtp_login", j.Login)
	}
}
