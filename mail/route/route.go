// Package route answers, for a user and a From address, which SMTP server a
// message goes out through, with which credentials, and why (DESIGN.md
// section 2). Choose is a pure function of the settings passed in: no I/O,
// no clock, no globals that change.
//
// The order, first match wins:
//  0. the own SMTP server of the IMAP account the message goes out from,
//     when it has one (manual 001's "egen e-postleverandørs utgående
//     server", manual 004's SMTP server on the account);
//  1. the user's own SMTP server, when "always use user SMTP" is set (manual 000);
//  2. the mail server of the user's work location, with no, the central or
//     the employee's own credentials (manual 002);
//  3. the company's own mail server, when the From domain is a validated
//     sending domain that is neither disabled nor excluded (manual 003);
//  4. the company SMTP server (manual 000; manual 001's "use standard").
//
// Missing data is an error, never a silent fallback to the next rule: once
// a rule applies, a gap in its settings (no host, no user name, a work
// location that no longer exists) stops the message rather than sending it
// through a server the admin did not mean. A rule that does not apply is
// not checked, so a half-filled own SMTP server without "always" set is no
// error.
//
// Rule 0 comes first because it is the most particular choice: an admin
// set it on the one mailbox whose address the message carries, and a
// provider's mailbox (Microsoft 365, Google, a hosting company) takes
// mail for its address only through its own server. An account without
// its own server is manual 001's "Bruke Standard": rules 1-4 decide.
package route

import (
	"fmt"
	"net/mail"
	"strings"

	"postbridge/domain"
)

// Via names the rule that chose the server.
type Via string

// The rules of DESIGN.md section 2, and the account's own server before them.
const (
	ViaAccountSMTP  Via = "account_smtp"
	ViaUserSMTP     Via = "user_smtp"
	ViaWorkLocation Via = "work_location"
	ViaOwnServer    Via = "own_server"
	ViaCompanySMTP  Via = "company_smtp"
)

// Input is everything the choice depends on.
type Input struct {
	Company domain.Company
	// User is the person who sends. When a delegate sends on someone's
	// behalf (manual 000's "tot deze mailbox gemachtigde gebruikers"),
	// pass the delegate, not the mailbox owner: rules 1 and 2 follow the
	// person at the keyboard — their own SMTP account, the location they
	// work from today (manual 002: the employee says where they work) and
	// their own per-employee login. Only rule 3 looks at From, because the
	// own mail server is validated per sending domain (manual 003), and
	// From is the mailbox owner's address.
	User domain.User
	// MailServers is where User.WorkLocationID is looked up; a preloaded
	// User.WorkLocation is used when the list does not hold it.
	MailServers []domain.MailServer
	Domains     []domain.SendingDomain
	// Account is the IMAP account the message goes out from (manual
	// 001: the "Standard" account sends the system's mail), nil for
	// none. Its own SMTP server, when set, is rule 0; it belongs to the
	// mailbox, so a delegate sending from it uses it too.
	Account *domain.ImapAccount
	// From is the message's From address: "a@b.test" or "Name <a@b.test>",
	// parsed with net/mail (RFC 5322). Its domain is compared with the
	// sending domains case-insensitively and exactly: a validated
	// acme.test does not cover sales.acme.test, which has to be validated
	// on its own. IDNA is not applied; both sides are taken as written.
	From string
}

// Route is the chosen server, its credentials and why.
type Route struct {
	Via Via
	// Name is the mail server's identification (manual 002) for
	// ViaWorkLocation, the account's name for ViaAccountSMTP, empty
	// otherwise.
	Name string
	// Endpoint is passed on as set; a port of 0 is left for the sender to
	// default from the security mode.
	Endpoint domain.Endpoint
	// Auth says whether to log in; Username and SecretKey (the keyring
	// entry holding the password) are set only then.
	Auth      bool
	Username  string
	SecretKey string
	// Method and OAuth say how to log in: with the password under
	// SecretKey, or with OAuth2 (the refresh token under SecretKey).
	Method domain.AuthMethod
	OAuth  domain.OAuth
	Reason Reason
}

// Choose picks the server a message from in.User with in.From goes out
// through. Errors are *Error wrapping one of the sentinel errors.
func Choose(in Input) (Route, error) {
	u := in.User
	fromDom, ok := fromDomain(in.From)
	if !ok {
		return Route{}, &Error{User: u.Name, Server: in.From, Err: ErrBadFrom}
	}
	if in.Account != nil && in.Account.SMTP.IsSet() {
		return accountSMTP(in.Company, u, *in.Account)
	}
	if u.AlwaysOwnSMTP {
		return userSMTP(u)
	}
	if u.WorkLocationID != nil || u.WorkLocation != nil {
		return workLocation(u, in.MailServers)
	}
	// Rules 3 and 4. With no own mail server in use the fromDom list says
	// nothing; otherwise the reason says why a fromDom was passed over, so
	// an admin sees "not validated yet" next to the Test button (manual 003).
	c := in.Company
	if c.OwnServer.Mode == domain.OwnServerOff {
		return companySMTP(c, u, "route.company_smtp", "")
	}
	switch lookupDomain(in.Domains, fromDom) {
	case domainValidated:
		return ownServer(c, u, fromDom)
	case domainExcluded:
		return companySMTP(c, u, "route.company_smtp.domain_excluded", fromDom)
	case domainDisabled:
		return companySMTP(c, u, "route.company_smtp.domain_disabled", fromDom)
	case domainPending:
		return companySMTP(c, u, "route.company_smtp.domain_pending", fromDom)
	}
	return companySMTP(c, u, "route.company_smtp.domain_unknown", fromDom)
}

// fromDomain returns the lower-cased domain of a single RFC 5322 mailbox.
// A list of addresses or a bare name is refused: a message has one sender
// to route for.
func fromDomain(from string) (string, bool) {
	a, err := mail.ParseAddress(from)
	if err != nil {
		return "", false
	}
	at := strings.LastIndex(a.Address, "@")
	if at < 0 || at == len(a.Address)-1 {
		return "", false
	}
	return strings.ToLower(a.Address[at+1:]), true
}

// accountSMTP is rule 0: the account's own server, logging in with the
// account's IMAP login or a login of its own (domain.SMTPLogin).
func accountSMTP(c domain.Company, u domain.User, a domain.ImapAccount) (Route, error) {
	s := a.SMTP
	name := domain.AccountName(a)
	r := Route{Via: ViaAccountSMTP, Name: name, Endpoint: s.Endpoint,
		Reason: Reason{"route.account_smtp", []string{s.Host, name}}}
	if !s.Auth {
		return r, nil
	}
	l := domain.SMTPLogin(c, a)
	if l.Username == "" {
		return Route{}, &Error{Via: ViaAccountSMTP, User: u.Name, Server: s.Host, Err: ErrMissingLogin}
	}
	// No standard key to fall back on: storage gives every account its
	// IMAP key and SMTPLogin the own login's, so an empty one is a
	// settings error that actions reports in words (ErrNoSecretKey).
	r.login(l, "")
	return r, nil
}

// userSMTP is rule 1 (manual 000, "gebruik altijd gebruiker smtp").
func userSMTP(u domain.User) (Route, error) {
	fail := func(err error) (Route, error) {
		return Route{}, &Error{Via: ViaUserSMTP, User: u.Name, Server: u.OwnSMTP.Host, Err: err}
	}
	if u.OwnSMTP.Host == "" {
		return fail(ErrNoServer)
	}
	r := Route{Via: ViaUserSMTP, Endpoint: u.OwnSMTP,
		Reason: Reason{"route.user_smtp", []string{u.OwnSMTP.Host, u.Name}}}
	if u.OwnSMTPAuth {
		if u.OwnSMTPLogin.Username == "" {
			return fail(ErrMissingLogin)
		}
		r.login(u.OwnSMTPLogin, domain.SecretUserSMTP(u.Name))
	}
	return r, nil
}

// workLocation is rule 2 (manual 002): the work location's server with no,
// the central, or the employee's own login.
func workLocation(u domain.User, servers []domain.MailServer) (Route, error) {
	m, ok := findServer(u, servers)
	fail := func(err error) (Route, error) {
		return Route{}, &Error{Via: ViaWorkLocation, User: u.Name, Server: m.Identification, Err: err}
	}
	if !ok {
		if u.WorkLocationID != nil {
			m.Identification = fmt.Sprintf("#%d", *u.WorkLocationID) // for support: which row is gone
		}
		return fail(ErrWorkLocationUnknown)
	}
	if m.Host == "" {
		return fail(ErrNoServer)
	}
	r := Route{Via: ViaWorkLocation, Name: m.Identification, Endpoint: m.Endpoint,
		Reason: Reason{"route.work_location", []string{m.Identification, u.Name}}}
	switch m.Auth {
	case domain.MailAuthNone:
	case domain.MailAuthCentral:
		if m.Username == "" {
			return fail(ErrMissingLogin)
		}
		r.login(m.Login, domain.SecretMailServer(m.Identification))
	case domain.MailAuthPerEmployee:
		// "Per medewerker": each employee enters their own login under
		// Mijn gegevens > Werklocatie; the central one must not stand in.
		if u.WorkLocationLogin.Username == "" {
			return fail(ErrMissingEmployeeCredentials)
		}
		r.login(u.WorkLocationLogin, domain.SecretUserWork(u.Name))
		if !u.WorkLocationLogin.OAuth2() && m.OAuth2() {
			// The server says how its employees sign in; each signs in
			// with their own account, whose token is under their key.
			r.Method, r.OAuth = m.AuthMethod, m.OAuth
		}
	default:
		return fail(invalid("authentication", string(m.Auth)))
	}
	return r, nil
}

// findServer looks the work location up by ID in servers, which the caller
// loaded fresh, and otherwise takes the preloaded User.WorkLocation if it
// is the same server. An ID that matches neither is a deleted server.
func findServer(u domain.User, servers []domain.MailServer) (domain.MailServer, bool) {
	if u.WorkLocationID != nil {
		for _, m := range servers {
			if m.ID == *u.WorkLocationID {
				return m, true
			}
		}
	}
	p := u.WorkLocation
	if p != nil && (u.WorkLocationID == nil || p.ID == *u.WorkLocationID) {
		return *p, true
	}
	return domain.MailServer{}, false
}

// ownServer is rule 3 (manual 003), once the From domain is validated.
// Relay and mailbox mode route alike; they differ in which account the
// admin enters and what rights it needs on the server.
func ownServer(c domain.Company, u domain.User, fromDom string) (Route, error) {
	o := c.OwnServer
	fail := func(err error) (Route, error) {
		return Route{}, &Error{Via: ViaOwnServer, User: u.Name, Server: o.Host, Err: err}
	}
	if o.Mode != domain.OwnServerRelay && o.Mode != domain.OwnServerMailbox {
		return fail(invalid("mode", string(o.Mode)))
	}
	if o.Host == "" {
		return fail(ErrNoServer)
	}
	r := Route{Via: ViaOwnServer, Endpoint: o.Endpoint,
		Reason: Reason{"route.own_server", []string{o.Host, fromDom}}}
	switch o.Auth {
	case domain.OwnAuthIPWhitelist:
		// The server accepts Postbridge's address range; no login.
	case domain.OwnAuthPassword:
		// Manual 003: the user name is required "om misbruik te voorkomen".
		if o.Username == "" {
			return fail(ErrMissingLogin)
		}
		r.login(o.Login, domain.SecretOwnServer)
	default:
		return fail(invalid("authentication", string(o.Auth)))
	}
	return r, nil
}

// companySMTP is rule 4 (manual 000's company SMTP; manual 001's "Bruke
// Standard"). key says why the own mail server was not used; domain is its
// second argument, when there is one.
func companySMTP(c domain.Company, u domain.User, key, fromDom string) (Route, error) {
	fail := func(err error) (Route, error) {
		return Route{}, &Error{Via: ViaCompanySMTP, User: u.Name, Server: c.SMTP.Host, Err: err}
	}
	if c.SMTP.Host == "" {
		return fail(ErrNoServer)
	}
	args := []string{c.SMTP.Host}
	if fromDom != "" {
		args = append(args, fromDom)
	}
	r := Route{Via: ViaCompanySMTP, Endpoint: c.SMTP, Reason: Reason{key, args}}
	if c.SMTPAuth {
		if c.SMTPLogin.Username == "" {
			return fail(ErrMissingLogin)
		}
		r.login(c.SMTPLogin, domain.SecretCompanySMTP)
	}
	return r, nil
}

// login sets the credentials. An empty secret key takes the standard key
// for that server, as the settings import does (storage.defaultedKey): the
// password is then looked up there, and asked for if it is missing.
func (r *Route) login(l domain.Login, defaultKey string) {
	r.Auth, r.Username, r.SecretKey = true, l.Username, l.SecretKey
	r.Method, r.OAuth = l.AuthMethod, l.OAuth
	if r.SecretKey == "" {
		r.SecretKey = defaultKey
	}
}
