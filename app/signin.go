package app

import (
	"context"
	"errors"
	"fmt"

	"postbridge/domain"
	"postbridge/mail/oauth"
	"postbridge/storage"
)

// LoginRef names one login that can sign in with OAuth2: a user's IMAP
// account (AccountID, 0 for the default one), their own SMTP server, an
// IMAP account's own SMTP server (AccountID with SMTP), or their login on
// the work location; or the company SMTP, the own mail server, or a
// named mail server's central account.
type LoginRef struct {
	User      string
	AccountID uint
	// SMTP is the user's own SMTP server, or with AccountID that
	// account's own SMTP server.
	SMTP       bool
	Work       bool // the user's login on their work location (per employee)
	Company    string
	MailServer string
}

// Company logins a LoginRef can name.
const (
	CompanySMTP      = "smtp"
	CompanyOwnServer = "own-server"
)

// OAuthLogin is a login as a sign-in needs it: its keyring key, its app
// registration and the address to suggest to the provider.
type OAuthLogin struct {
	Key   string
	OAuth domain.OAuth
	Hint  string
}

// ErrNotOAuth2 is returned for a sign-in on a login that uses a password.
var ErrNotOAuth2 = errors.New("this login uses a password, not OAuth2")

// ErrUnknownLogin is returned for a LoginRef that names nothing.
var ErrUnknownLogin = errors.New("no such login")

// OAuthLoginOf looks the login up in the settings.
func (a *Actions) OAuthLoginOf(ref LoginRef) (OAuthLogin, error) {
	c, err := a.Store.Company()
	if err != nil {
		return OAuthLogin{}, err
	}
	method, l, defaultKey, err := a.loginOf(c, ref)
	if err != nil {
		return OAuthLogin{}, err
	}
	if !method.IsOAuth2() {
		return OAuthLogin{}, ErrNotOAuth2
	}
	key := l.SecretKey
	if key == "" {
		key = defaultKey
	}
	return OAuthLogin{Key: key, OAuth: l.OAuth, Hint: l.Username}, nil
}

// loginOf finds the method and login a ref names, and the key a login
// without one of its own would use.
func (a *Actions) loginOf(c storage.Company, ref LoginRef) (domain.AuthMethod, domain.Login, string, error) {
	switch {
	case ref.Company == CompanySMTP:
		return c.SMTPLogin.AuthMethod, c.SMTPLogin, domain.SecretCompanySMTP, nil
	case ref.Company == CompanyOwnServer:
		return c.OwnServer.AuthMethod, c.OwnServer.Login, domain.SecretOwnServer, nil
	case ref.Company != "":
		return "", domain.Login{}, "", fmt.Errorf("company login %q: %w", ref.Company, ErrUnknownLogin)
	case ref.MailServer != "":
		list, err := a.Store.MailServers()
		if err != nil {
			return "", domain.Login{}, "", err
		}
		for _, m := range list {
			if m.Identification == ref.MailServer {
				return m.AuthMethod, m.Login, domain.SecretMailServer(m.Identification), nil
			}
		}
		return "", domain.Login{}, "", fmt.Errorf("mail server %q: %w", ref.MailServer, ErrUnknownLogin)
	}
	return a.userLoginOf(c, ref)
}

func (a *Actions) userLoginOf(c storage.Company, ref LoginRef) (domain.AuthMethod, domain.Login, string, error) {
	u, err := a.Store.UserByName(ref.User)
	if err != nil {
		return "", domain.Login{}, "", err
	}
	switch {
	case ref.SMTP && ref.AccountID != 0:
		acc, err := accountByID(&u, ref.AccountID)
		if err != nil {
			return "", domain.Login{}, "", err
		}
		// With the IMAP login standing in, this is the IMAP sign-in.
		l := domain.SMTPLogin(c, *acc)
		return l.AuthMethod, l, l.SecretKey, nil
	case ref.SMTP:
		return u.OwnSMTPLogin.AuthMethod, u.OwnSMTPLogin, domain.SecretUserSMTP(u.Name), nil
	case ref.Work:
		l := u.WorkLocationLogin
		if !l.OAuth2() && u.WorkLocation != nil && u.WorkLocation.OAuth2() {
			l.AuthMethod, l.OAuth = u.WorkLocation.AuthMethod, u.WorkLocation.OAuth
		}
		return l.AuthMethod, l, domain.SecretUserWork(u.Name), nil
	}
	for i := range u.ImapAccounts {
		acc := &u.ImapAccounts[i]
		if (ref.AccountID == 0 && acc.IsDefault) || acc.ID == ref.AccountID {
			return a.accountLogin(c, u.Name, i, acc)
		}
	}
	if ref.AccountID == 0 && len(u.ImapAccounts) > 0 {
		return a.accountLogin(c, u.Name, 0, &u.ImapAccounts[0])
	}
	return "", domain.Login{}, "", fmt.Errorf("user %s, account %d: %w", u.Name, ref.AccountID, ErrUnknownLogin)
}

func (a *Actions) accountLogin(c storage.Company, user string, index int, acc *storage.ImapAccount) (domain.AuthMethod, domain.Login, string, error) {
	method, o := imapAuth(c, acc)
	l := acc.Login
	l.AuthMethod, l.OAuth = method, o
	return method, l, domain.SecretUserIMAP(user, index), nil
}

// SignIn signs the login in through the browser (open shows the address).
func (a *Actions) SignIn(ctx context.Context, l OAuthLogin, open oauth.Browser) (oauth.Status, error) {
	return a.tokens().SignIn(ctx, l.Key, l.OAuth, l.Hint, open)
}

// SignInWithCode signs the login in with a code typed on another device.
func (a *Actions) SignInWithCode(ctx context.Context, l OAuthLogin, show func(oauth.DeviceCode)) (oauth.Status, error) {
	return a.tokens().SignInWithCode(ctx, l.Key, l.OAuth, l.Hint, show)
}

// SignOut revokes the sign-in where the provider allows it and forgets it.
func (a *Actions) SignOut(ctx context.Context, l OAuthLogin) (revoked bool, err error) {
	return a.tokens().SignOut(ctx, l.Key, l.OAuth)
}

// SignInStatus says who is signed in on the login and until when.
func (a *Actions) SignInStatus(l OAuthLogin) (oauth.Status, error) {
	return a.tokens().Status(l.Key)
}

// SignInNeededError says that an account's OAuth2 sign-in must be done
// (again) before it can sync; a sync never opens a browser by itself.
type SignInNeededError struct {
	User      string
	AccountID uint
	Err       error
}

func (e *SignInNeededError) Error() string { return e.Err.Error() }
func (e *SignInNeededError) Unwrap() error { return e.Err }

// Command is the command line that signs the account in.
func (e *SignInNeededError) Command() string {
	return fmt.Sprintf("postbridge signin --user %q --account %d", e.User, e.AccountID)
}

// needsSignIn marks err as a *SignInNeededError when only a sign-in helps.
func needsSignIn(err error, user string, accountID uint) error {
	if errors.Is(err, oauth.ErrSignInAgain) || errors.Is(err, oauth.ErrNotSignedIn) {
		return &SignInNeededError{User: user, AccountID: accountID, Err: err}
	}
	return err
}
