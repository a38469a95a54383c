package route

import (
	"errors"
	"testing"

	"postbridge/domain"
)

// Missing data stops the message with an error naming the rule, the user
// and the server; it never falls through to the next rule.
var missingDataTests = []struct {
	name    string
	change  func(in *Input)
	wantErr error
	wantVia Via
	wantMsg string
}{
	{"always user SMTP without a host", func(in *Input) { in.User.AlwaysOwnSMTP, in.User.OwnSMTP.Host = true, "" },
		ErrNoServer, ViaUserSMTP, "route for Alice: user SMTP: no server address is set"},
	{"user SMTP authorize without user name", func(in *Input) { in.User.AlwaysOwnSMTP, in.User.OwnSMTPLogin.Username = true, "" },
		ErrMissingLogin, ViaUserSMTP, `route for Alice: user SMTP "smtp.alice.test": authentication is on, but no user name is set`},
	{"work location deleted", func(in *Input) { in.User.WorkLocationID = ptr(uint(99)) },
		ErrWorkLocationUnknown, ViaWorkLocation, `route for Alice: work location "#99": the work location's mail server does not exist`},
	{"preloaded work location is another server", func(in *Input) {
		in.User.WorkLocationID, in.User.WorkLocation = ptr(uint(99)), &in.MailServers[0]
	}, ErrWorkLocationUnknown, ViaWorkLocation, ""},
	{"work location server without a host", func(in *Input) { in.User.WorkLocationID, in.MailServers[0].Host = ptr(uint(7)), "" },
		ErrNoServer, ViaWorkLocation, `route for Alice: work location "Hoofdkantoor": no server address is set`},
	{"per employee without employee login", func(in *Input) { in.User.WorkLocationID = ptr(uint(8)) },
		ErrMissingEmployeeCredentials, ViaWorkLocation,
		`route for Alice: work location "Filiaal": the server authenticates per employee, but the user has no user name for it`},
	{"per employee does not borrow the central login", func(in *Input) {
		in.User.WorkLocationID = ptr(uint(8))
		in.MailServers[1].Login = domain.Login{Username: "central", SecretKey: "mailserver/Filiaal"}
	}, ErrMissingEmployeeCredentials, ViaWorkLocation, ""},
	{"central without user name", func(in *Input) { in.User.WorkLocationID, in.MailServers[0].Username = ptr(uint(7)), "" },
		ErrMissingLogin, ViaWorkLocation, ""},
	{"work location with unknown authentication", func(in *Input) { in.User.WorkLocationID, in.MailServers[0].Auth = ptr(uint(7)), "" },
		ErrInvalidSetting, ViaWorkLocation, `route for Alice: work location "Hoofdkantoor": invalid setting: authentication ""`},
	{"validated domain, own server without a host", func(in *Input) { in.Company.OwnServer.Host = "" },
		ErrNoServer, ViaOwnServer, "route for Alice: own mail server: no server address is set"},
	{"own server password without user name", func(in *Input) { in.Company.OwnServer.Username = "" },
		ErrMissingLogin, ViaOwnServer, ""},
	{"own server with unknown authentication", func(in *Input) { in.Company.OwnServer.Auth = "oauth" },
		ErrInvalidSetting, ViaOwnServer, ""},
	{"own server with unknown mode", func(in *Input) { in.Company.OwnServer.Mode = "smarthost" },
		ErrInvalidSetting, ViaOwnServer, `route for Alice: own mail server "mx.acme.test": invalid setting: mode "smarthost"`},
	{"no company SMTP host", func(in *Input) { in.From, in.Company.SMTP.Host = "x@elsewhere.test", "" },
		ErrNoServer, ViaCompanySMTP, "route for Alice: company SMTP: no server address is set"},
	{"company SMTP authorize without user name", func(in *Input) { in.From, in.Company.SMTPLogin.Username = "x@elsewhere.test", "" },
		ErrMissingLogin, ViaCompanySMTP, ""},
	{"From not an address", func(in *Input) { in.From = "Alice" },
		ErrBadFrom, "", `route for Alice: from "Alice": not an e-mail address`},
	{"From empty", func(in *Input) { in.From = "" }, ErrBadFrom, "", ""},
	{"From with two addresses", func(in *Input) { in.From = "a@acme.test, b@acme.test" }, ErrBadFrom, "", ""},
	{"From checked before rule 1", func(in *Input) { in.User.AlwaysOwnSMTP, in.From = true, "alice@" }, ErrBadFrom, "", ""},
}

// TestChooseMissingData checks the sentinel, the rule and the message.
func TestChooseMissingData(t *testing.T) {
	for _, tt := range missingDataTests {
		in := office()
		tt.change(&in)
		got, err := Choose(in)
		if !errors.Is(err, tt.wantErr) {
			t.Errorf("%s: got %+v, %v; want error %v", tt.name, got, err, tt.wantErr)
			continue
		}
		var re *Error
		if !errors.As(err, &re) || re.Via != tt.wantVia {
			t.Errorf("%s: error %#v, want an *Error via %q", tt.name, err, tt.wantVia)
		}
		if tt.wantMsg != "" && err.Error() != tt.wantMsg {
			t.Errorf("%s: message\n got %q\nwant %q", tt.name, err.Error(), tt.wantMsg)
		}
	}
}
