package route

import (
	"errors"
	"reflect"
	"testing"

	"postbridge/domain"
)

var (
	accountEP = domain.Endpoint{Host: "smtp.provider.test", Port: 587, Security: domain.SecuritySTARTTLS}
	graphAuth = domain.OAuth{Provider: domain.ProviderMicrosoft, ClientID: "app-1", Tenant: "acme.test"}
)

// kantoor is Alice's mailbox at a provider, with its own SMTP server
// logging in as the IMAP login (the usual case).
func kantoor() domain.ImapAccount {
	return domain.ImapAccount{ID: 3, Description: "Kantoor", Address: "alice@provider.test",
		Login: domain.Login{Username: "alice@provider.test", SecretKey: "user/Alice/imap/1"},
		SMTP:  domain.AccountSMTP{Endpoint: accountEP, Auth: true}}
}

// accountRoute is rule 0's route with the IMAP login.
func accountRoute() Route {
	return Route{Via: ViaAccountSMTP, Name: "Kantoor", Endpoint: accountEP, Auth: true,
		Username: "alice@provider.test", SecretKey: "user/Alice/imap/1",
		Reason: Reason{"route.account_smtp", []string{"smtp.provider.test", "Kantoor"}}}
}

// accountTests start from office() with Alice sending from kantoor().
var accountTests = []struct {
	name   string
	change func(in *Input, a *domain.ImapAccount)
	want   func() Route
}{
	{"own SMTP with the IMAP login", func(*Input, *domain.ImapAccount) {}, accountRoute},
	{"own SMTP with a login of its own", func(_ *Input, a *domain.ImapAccount) {
		a.SMTP.OwnLogin = true
		a.SMTP.Login = domain.Login{Username: "relay@provider.test", SecretKey: "user/Alice/imap/1/smtp"}
	}, func() Route {
		r := accountRoute()
		r.Username, r.SecretKey = "relay@provider.test", "user/Alice/imap/1/smtp"
		return r
	}},
	{"own login's secret key defaults beside the IMAP key", func(_ *Input, a *domain.ImapAccount) {
		a.SMTP.OwnLogin, a.SMTP.Login = true, domain.Login{Username: "relay@provider.test"}
	}, func() Route {
		r := accountRoute()
		r.Username, r.SecretKey = "relay@provider.test", "user/Alice/imap/1/smtp"
		return r
	}},
	{"own SMTP without a login", func(_ *Input, a *domain.ImapAccount) { a.SMTP.Auth = false },
		func() Route { return without(accountRoute()) }},
	{"the IMAP login's OAuth2 sign-in", func(_ *Input, a *domain.ImapAccount) {
		a.AuthMethod, a.OAuth = domain.AuthOAuth2, graphAuth
	}, func() Route { r := accountRoute(); r.Method, r.OAuth = domain.AuthOAuth2, graphAuth; return r }},
	{"the IMAP login follows the company's OAuth2 default", func(in *Input, _ *domain.ImapAccount) {
		in.Company.IMAPAuth, in.Company.IMAPOAuth = domain.AuthOAuth2, graphAuth
	}, func() Route { r := accountRoute(); r.Method, r.OAuth = domain.AuthOAuth2, graphAuth; return r }},
	{"an own login's OAuth2 sign-in, not the IMAP one's", func(in *Input, a *domain.ImapAccount) {
		in.Company.IMAPAuth, in.Company.IMAPOAuth = domain.AuthOAuth2, graphAuth
		a.SMTP.OwnLogin = true
		a.SMTP.Login = domain.Login{Username: "alice@gmail.test", AuthMethod: domain.AuthOAuth2,
			OAuth: domain.OAuth{Provider: domain.ProviderGoogle, ClientID: "g"}}
	}, func() Route {
		r := accountRoute()
		r.Username, r.SecretKey, r.Method = "alice@gmail.test", "user/Alice/imap/1/smtp", domain.AuthOAuth2
		r.OAuth = domain.OAuth{Provider: domain.ProviderGoogle, ClientID: "g"}
		return r
	}},
	{"without a description the account is named by its address", func(_ *Input, a *domain.ImapAccount) { a.Description = "" },
		func() Route {
			r := accountRoute()
			r.Name, r.Reason.Args = "alice@provider.test", []string{"smtp.provider.test", "alice@provider.test"}
			return r
		}},
	// Precedence: the account's own server beats every other rule.
	{"beats always use user SMTP", func(in *Input, _ *domain.ImapAccount) { in.User.AlwaysOwnSMTP = true }, accountRoute},
	{"beats the work location", func(in *Input, _ *domain.ImapAccount) { in.User.WorkLocationID = ptr(uint(7)) }, accountRoute},
	{"beats the own mail server of a validated From domain", func(in *Input, _ *domain.ImapAccount) { in.From = "alice@acme.test" }, accountRoute},
	{"beats the company SMTP", func(in *Input, _ *domain.ImapAccount) { in.Company.OwnServer.Mode = domain.OwnServerOff }, accountRoute},
	{"a delegate sending from the mailbox uses its server", func(in *Input, _ *domain.ImapAccount) {
		in.User = domain.User{Name: "Bob", WorkLocationID: ptr(uint(9))}
	}, accountRoute},
	// "Bruke Standard" (manual 001): no own server, the other rules decide.
	{"use standard: the company SMTP for the provider's domain", func(_ *Input, a *domain.ImapAccount) { a.SMTP = domain.AccountSMTP{} },
		func() Route { return company("route.company_smtp.domain_unknown", "provider.test") }},
	{"use standard: the own mail server for a validated domain", func(in *Input, a *domain.ImapAccount) {
		a.SMTP, in.From = domain.AccountSMTP{}, "alice@acme.test"
	}, func() Route { return ownRoute }},
	{"use standard: a port without a host is no server", func(_ *Input, a *domain.ImapAccount) {
		a.SMTP = domain.AccountSMTP{Endpoint: domain.Endpoint{Port: 587}, Auth: true}
	}, func() Route { return company("route.company_smtp.domain_unknown", "provider.test") }},
	{"use standard: always use user SMTP", func(in *Input, a *domain.ImapAccount) {
		a.SMTP, in.User.AlwaysOwnSMTP = domain.AccountSMTP{}, true
	}, func() Route { return userRoute }},
}

func TestChooseAccountSMTP(t *testing.T) {
	for _, tt := range accountTests {
		in, a := office(), kantoor()
		in.From = "Alice <alice@provider.test>"
		tt.change(&in, &a)
		in.Account = &a
		got, err := Choose(in)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if want := tt.want(); !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.name, got, want)
		}
	}
}

// No message goes out from an account without any: nil is rule 1-4's
// business, as before accounts had servers of their own.
func TestChooseWithoutAccount(t *testing.T) {
	in := office()
	in.Account = nil
	got, err := Choose(in)
	if err != nil || !reflect.DeepEqual(got, ownRoute) {
		t.Errorf("got %+v, %v; want the own mail server", got, err)
	}
}

// A login that is on but names nobody stops the message at rule 0; it
// never falls through to the user's or the company's server.
func TestAccountSMTPMissingLogin(t *testing.T) {
	for _, tt := range []struct {
		name   string
		change func(a *domain.ImapAccount)
	}{
		{"own login without a user name", func(a *domain.ImapAccount) { a.SMTP.OwnLogin = true }},
		{"IMAP login without a user name", func(a *domain.ImapAccount) { a.Username = "" }},
	} {
		in, a := office(), kantoor()
		tt.change(&a)
		in.Account = &a
		_, err := Choose(in)
		var re *Error
		if !errors.Is(err, ErrMissingLogin) || !errors.As(err, &re) || re.Via != ViaAccountSMTP {
			t.Errorf("%s: got %v, want ErrMissingLogin at the account SMTP", tt.name, err)
			continue
		}
		if want := `route for Alice: account SMTP "smtp.provider.test": authentication is on, but no user name is set`; err.Error() != want {
			t.Errorf("%s: message %q, want %q", tt.name, err, want)
		}
	}
}
