package route

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"postbridge/domain"
)

func ptr[T any](v T) *T { return &v }

var validated = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

var (
	companyEP = domain.Endpoint{Host: "smtp.acme.test", Port: 587, Security: domain.SecuritySTARTTLS}
	ownEP     = domain.Endpoint{Host: "mx.acme.test", Port: 587, Security: domain.SecuritySTARTTLS}
	aliceEP   = domain.Endpoint{Host: "smtp.alice.test", Port: 465, Security: domain.SecurityTLS}
	hqEP      = domain.Endpoint{Host: "smtp.hq.test", Port: 465, Security: domain.SecurityTLS}
	branchEP  = domain.Endpoint{Host: "smtp.branch.test", Port: 25, Security: domain.SecuritySTARTTLSOptional}
	mobileEP  = domain.Endpoint{Host: "smtp.mobile.test", Port: 25, Security: domain.SecurityNone}
)

// office is a company with every kind of server set; each case changes
// what it tests. Alice has her own SMTP filled in but not "always" set, no
// work location, and sends from the validated domain acme.test, so the
// baseline goes through the own mail server (rule 3).
func office() Input {
	return Input{
		Company: domain.Company{Name: "Acme BV", Email: "info@acme.test",
			SMTP: companyEP, SMTPAuth: true, SMTPLogin: domain.Login{Username: "info@acme.test", SecretKey: "company/smtp"},
			OwnServer: domain.OwnServer{Mode: domain.OwnServerRelay, Endpoint: ownEP,
				Auth: domain.OwnAuthPassword, Login: domain.Login{Username: "relay", SecretKey: "company/own-server"}}},
		MailServers: []domain.MailServer{
			{ID: 7, Identification: "Hoofdkantoor", Endpoint: hqEP, Auth: domain.MailAuthCentral,
				Login: domain.Login{Username: "central", SecretKey: "mailserver/Hoofdkantoor"}},
			{ID: 8, Identification: "Filiaal", Endpoint: branchEP, Auth: domain.MailAuthPerEmployee},
			{ID: 9, Identification: "Onderweg", Endpoint: mobileEP, Auth: domain.MailAuthNone},
		},
		Domains: []domain.SendingDomain{
			{Domain: "acme.test", ValidatedAt: &validated, ValidatedBy: "admin"},
			{Domain: "pending.test", CodeHash: "x"},
			{Domain: "off.test", ValidatedAt: &validated, Disabled: true},
			{Domain: "never.test", ValidatedAt: &validated, Excluded: true},
		},
		User: domain.User{Name: "Alice", Email: "alice@acme.test",
			OwnSMTP: aliceEP, OwnSMTPAuth: true, OwnSMTPLogin: domain.Login{Username: "alice", SecretKey: "user/Alice/smtp"}},
		From: "Alice <alice@acme.test>",
	}
}

var (
	userRoute = Route{Via: ViaUserSMTP, Endpoint: aliceEP, Auth: true, Username: "alice", SecretKey: "user/Alice/smtp",
		Reason: Reason{"route.user_smtp", []string{"smtp.alice.test", "Alice"}}}
	hqRoute = Route{Via: ViaWorkLocation, Name: "Hoofdkantoor", Endpoint: hqEP, Auth: true, Username: "central",
		SecretKey: "mailserver/Hoofdkantoor", Reason: Reason{"route.work_location", []string{"Hoofdkantoor", "Alice"}}}
	branchRoute = Route{Via: ViaWorkLocation, Name: "Filiaal", Endpoint: branchEP, Auth: true, Username: "alice.b",
		SecretKey: "user/Alice/work", Reason: Reason{"route.work_location", []string{"Filiaal", "Alice"}}}
	mobileRoute = Route{Via: ViaWorkLocation, Name: "Onderweg", Endpoint: mobileEP,
		Reason: Reason{"route.work_location", []string{"Onderweg", "Alice"}}}
	ownRoute = Route{Via: ViaOwnServer, Endpoint: ownEP, Auth: true, Username: "relay", SecretKey: "company/own-server",
		Reason: Reason{"route.own_server", []string{"mx.acme.test", "acme.test"}}}
)

// company is rule 4's route with the given reason key and arguments after the host.
func company(key string, args ...string) Route {
	return Route{Via: ViaCompanySMTP, Endpoint: companyEP, Auth: true, Username: "info@acme.test", SecretKey: "company/smtp",
		Reason: Reason{key, append([]string{"smtp.acme.test"}, args...)}}
}

// without returns r with no login, for servers that need none.
func without(r Route) Route { r.Auth, r.Username, r.SecretKey = false, "", ""; return r }

// chooseTests start from office() and change one thing each.
var chooseTests = []struct {
	name   string
	change func(in *Input)
	want   Route
}{
	// Rule 1, manual 000.
	{"always use user SMTP", func(in *Input) { in.User.AlwaysOwnSMTP = true }, userRoute},
	{"user SMTP filled in but not always: not used", func(in *Input) {}, ownRoute},
	{"user SMTP without authorize", func(in *Input) { in.User.AlwaysOwnSMTP, in.User.OwnSMTPAuth = true, false }, without(userRoute)},
	{"user SMTP secret key defaults", func(in *Input) { in.User.AlwaysOwnSMTP, in.User.OwnSMTPLogin.SecretKey = true, "" }, userRoute},
	// Rule 2, manual 002.
	{"work location, central login", func(in *Input) { in.User.WorkLocationID = ptr(uint(7)) }, hqRoute},
	{"work location, per employee", func(in *Input) {
		in.User.WorkLocationID = ptr(uint(8))
		in.User.WorkLocationLogin = domain.Login{Username: "alice.b", SecretKey: "user/Alice/work"}
	}, branchRoute},
	{"work location, per employee, secret key defaults", func(in *Input) {
		in.User.WorkLocationID = ptr(uint(8))
		in.User.WorkLocationLogin = domain.Login{Username: "alice.b"}
	}, branchRoute},
	{"work location, no authentication", func(in *Input) { in.User.WorkLocationID = ptr(uint(9)) }, mobileRoute},
	{"work location, central secret key defaults", func(in *Input) {
		in.User.WorkLocationID = ptr(uint(7))
		in.MailServers[0].SecretKey = ""
	}, hqRoute},
	{"work location preloaded, list empty", func(in *Input) {
		in.User.WorkLocationID, in.User.WorkLocation = ptr(uint(9)), &in.MailServers[2]
		in.MailServers = nil
	}, mobileRoute},
	{"work location: list is fresher than the preloaded copy", func(in *Input) {
		in.User.WorkLocationID = ptr(uint(7))
		in.User.WorkLocation = &domain.MailServer{ID: 7, Identification: "Hoofdkantoor", Endpoint: mobileEP}
	}, hqRoute},
	// Rule 3, manual 003.
	{"validated domain", func(in *Input) {}, ownRoute},
	{"own server by IP whitelisting", func(in *Input) { in.Company.OwnServer.Auth = domain.OwnAuthIPWhitelist }, without(ownRoute)},
	{"own server in mailbox mode", func(in *Input) { in.Company.OwnServer.Mode = domain.OwnServerMailbox }, ownRoute},
	{"own server secret key defaults", func(in *Input) { in.Company.OwnServer.SecretKey = "" }, ownRoute},
	{"From domain in other case", func(in *Input) { in.From = "ALICE@Acme.TEST" }, ownRoute},
	{"domain row in other case", func(in *Input) { in.Domains[0].Domain = "ACME.test" }, ownRoute},
	{"From as bare address", func(in *Input) { in.From = "alice@acme.test" }, ownRoute},
	{"From with quoted, encoded name", func(in *Input) { in.From = `"=?utf-8?q?J=C3=B6rg?=, sales" <j@acme.test>` }, ownRoute},
	{"pending domain", func(in *Input) { in.From = "x@pending.test" }, company("route.company_smtp.domain_pending", "pending.test")},
	{"disabled domain", func(in *Input) { in.From = "x@off.test" }, company("route.company_smtp.domain_disabled", "off.test")},
	{"excluded domain", func(in *Input) { in.From = "x@never.test" }, company("route.company_smtp.domain_excluded", "never.test")},
	{"excluded row beats a validated row, whatever the order", func(in *Input) {
		in.Domains = append([]domain.SendingDomain{{Domain: "Acme.Test", Excluded: true}}, in.Domains...)
	}, company("route.company_smtp.domain_excluded", "acme.test")},
	{"disabled row beats a validated row, whatever the order", func(in *Input) {
		in.Domains = append(in.Domains, domain.SendingDomain{Domain: "ACME.TEST", ValidatedAt: &validated, Disabled: true})
	}, company("route.company_smtp.domain_disabled", "acme.test")},
	{"unknown domain", func(in *Input) { in.From = "x@elsewhere.test" }, company("route.company_smtp.domain_unknown", "elsewhere.test")},
	{"subdomain is not covered by its parent", func(in *Input) { in.From = "x@sales.acme.test" },
		company("route.company_smtp.domain_unknown", "sales.acme.test")},
	{"own server switched off", func(in *Input) { in.Company.OwnServer.Mode = domain.OwnServerOff }, company("route.company_smtp")},
	{"own server off: its missing host does not matter", func(in *Input) { in.Company.OwnServer = domain.OwnServer{} }, company("route.company_smtp")},
	{"domain not validated: own server's missing host does not matter", func(in *Input) {
		in.From, in.Company.OwnServer.Host = "x@pending.test", ""
	}, company("route.company_smtp.domain_pending", "pending.test")},
	// Rule 4, manual 000 / 001.
	{"company SMTP without authorize", func(in *Input) { in.Company.OwnServer.Mode, in.Company.SMTPAuth = domain.OwnServerOff, false },
		without(company("route.company_smtp"))},
	{"company SMTP secret key defaults", func(in *Input) { in.Company.OwnServer.Mode, in.Company.SMTPLogin.SecretKey = domain.OwnServerOff, "" },
		company("route.company_smtp")},
	// Precedence: each rule beats the ones after it.
	{"user SMTP beats work location", func(in *Input) { in.User.AlwaysOwnSMTP, in.User.WorkLocationID = true, ptr(uint(7)) }, userRoute},
	{"user SMTP beats own server", func(in *Input) { in.User.AlwaysOwnSMTP = true }, userRoute},
	{"user SMTP beats company SMTP", func(in *Input) { in.User.AlwaysOwnSMTP, in.From = true, "x@elsewhere.test" }, userRoute},
	{"work location beats own server", func(in *Input) { in.User.WorkLocationID = ptr(uint(7)) }, hqRoute},
	{"work location beats company SMTP", func(in *Input) { in.User.WorkLocationID, in.From = ptr(uint(7)), "x@elsewhere.test" }, hqRoute},
	{"work location ignores an excluded From domain", func(in *Input) { in.User.WorkLocationID, in.From = ptr(uint(7)), "x@never.test" }, hqRoute},
	{"own server beats company SMTP", func(in *Input) {}, ownRoute},
	// Delegation: routing follows the sender, rule 3 the From domain.
	{"delegate sends From the owner: sender's work location", func(in *Input) {
		in.User = domain.User{Name: "Bob", WorkLocationID: ptr(uint(9))}
		in.From = "Alice <alice@acme.test>"
	}, withUser(mobileRoute, "Bob")},
	{"delegate sends From the owner's validated domain", func(in *Input) {
		in.User = domain.User{Name: "Bob", Email: "bob@elsewhere.test"}
	}, ownRoute},
}

func TestChoose(t *testing.T) {
	for _, tt := range chooseTests {
		in := office()
		tt.change(&in)
		got, err := Choose(in)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.name, got, tt.want)
		}
		if s := got.Reason.English(); strings.Contains(s, "%!") {
			t.Errorf("%s: reason %q does not format", tt.name, s)
		}
	}
}

// withUser returns a work location route r as chosen for user.
func withUser(r Route, user string) Route {
	r.Reason = Reason{r.Reason.Key, []string{r.Reason.Args[0], user}}
	return r
}

// A per-employee mail server that signs in with OAuth2: the employee's
// own login (their key) with the server's app registration.
func TestPerEmployeeLoginFollowsServersOAuth(t *testing.T) {
	o := domain.OAuth{Provider: domain.ProviderMicrosoft, ClientID: "c"}
	srv := domain.MailServer{ID: 7, Identification: "Cloud", Endpoint: domain.Endpoint{Host: "smtp.office365.com", Port: 587,
		Security: domain.SecuritySTARTTLS}, Auth: domain.MailAuthPerEmployee,
		Login: domain.Login{AuthMethod: domain.AuthOAuth2, OAuth: o}}
	id := srv.ID
	u := domain.User{Name: "Bob", WorkLocationID: &id, WorkLocationLogin: domain.Login{Username: "bob@acme.test"}}
	r, err := Choose(Input{User: u, MailServers: []domain.MailServer{srv}, From: "bob@acme.test"})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Method.IsOAuth2() || r.OAuth != o || r.Username != "bob@acme.test" || r.SecretKey != domain.SecretUserWork("Bob") {
		t.Errorf("route %+v, want Bob's own OAuth2 login with the server's registration", r)
	}
}
