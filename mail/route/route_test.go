package route

import (
	"errors"
	"testing"
	"time"

	"postbridge/storage"
)

func ptr[T any](v T) *T { return &v }

var validated = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// settings is an office with every kind of server set, which each case
// then changes.
func settings() Input {
	return Input{
		Company: storage.Company{
			SMTP:     storage.Endpoint{Host: "smtp.company.test", Port: 587, Security: storage.SecuritySTARTTLS},
			SMTPAuth: true, SMTPLogin: storage.Login{Username: "info@acme.test", SecretKey: "company/smtp"},
			OwnServer: storage.OwnServer{Mode: storage.OwnServerRelay,
				Endpoint: storage.Endpoint{Host: "mx.own.test", Port: 25, Security: storage.SecuritySTARTTLSOptional},
				Auth:     storage.OwnAuthPassword, Login: storage.Login{Username: "relay", SecretKey: "company/own-server"}},
		},
		MailServers: []storage.MailServer{
			{ID: 7, Identification: "Hoofdkantoor", Endpoint: storage.Endpoint{Host: "smtp.hq.test", Port: 465, Security: storage.SecurityTLS},
				Auth: storage.MailAuthCentral, Login: storage.Login{Username: "central", SecretKey: "mailserver/Hoofdkantoor"}},
			{ID: 8, Identification: "Filiaal", Endpoint: storage.Endpoint{Host: "smtp.branch.test", Port: 25},
				Auth: storage.MailAuthPerEmployee},
			{ID: 9, Identification: "Open", Endpoint: storage.Endpoint{Host: "smtp.open.test", Port: 25}, Auth: storage.MailAuthNone},
		},
		Domains: []storage.SendingDomain{
			{Domain: "acme.test", ValidatedAt: &validated},
			{Domain: "pending.test"},
			{Domain: "off.test", ValidatedAt: &validated, Disabled: true},
			{Domain: "never.test", ValidatedAt: &validated, Excluded: true},
		},
		User: storage.User{Name: "Alice",
			OwnSMTP: storage.Endpoint{Host: "smtp.alice.test", Port: 587}, OwnSMTPAuth: true,
			OwnSMTPLogin: storage.Login{Username: "alice", SecretKey: "user/Alice/smtp"}},
		From: "Alice <alice@acme.test>",
	}
}

func TestChoose(t *testing.T) {
	tests := []struct {
		name    string
		change  func(in *Input)
		via     Via
		host    string
		user    string
		reason  string
		wantErr error
	}{
		{"own SMTP when always set", func(in *Input) { in.User.AlwaysOwnSMTP = true; in.User.WorkLocationID = ptr(uint(7)) },
			ViaUserSMTP, "smtp.alice.test", "alice", `sent through smtp.alice.test, the own SMTP server of Alice, because "always use own SMTP" is set`, nil},
		{"own SMTP set but not always: not used", func(in *Input) {}, ViaOwnServer, "mx.own.test", "relay", "", nil},
		{"always own SMTP without a server", func(in *Input) { in.User.AlwaysOwnSMTP = true; in.User.OwnSMTP.Host = "" },
			"", "", "", "", ErrNoOwnSMTP},
		{"work location beats own mail server, central login", func(in *Input) { in.User.WorkLocationID = ptr(uint(7)) },
			ViaWorkLocation, "smtp.hq.test", "central", "sent through Hoofdkantoor because Alice works there", nil},
		{"work location per employee", func(in *Input) {
			in.User.WorkLocationID = ptr(uint(8))
			in.User.WorkLocationLogin = storage.Login{Username: "alice.b", SecretKey: "user/Alice/work"}
		}, ViaWorkLocation, "smtp.branch.test", "alice.b", "", nil},
		{"work location per employee without login", func(in *Input) { in.User.WorkLocationID = ptr(uint(8)) },
			"", "", "", "", ErrMissingEmployeeCredentials},
		{"work location without authentication", func(in *Input) { in.User.WorkLocationID = ptr(uint(9)) },
			ViaWorkLocation, "smtp.open.test", "", "", nil},
		{"work location that no longer exists", func(in *Input) { in.User.WorkLocationID = ptr(uint(99)) },
			"", "", "", "", ErrWorkLocationUnknown},
		{"central server without user name", func(in *Input) {
			in.User.WorkLocationID = ptr(uint(7))
			in.MailServers[0].Username = ""
		}, "", "", "", "", ErrMissingCentralCredentials},
		{"validated domain beats company SMTP", func(in *Input) {}, ViaOwnServer, "mx.own.test", "relay",
			"sent through the company's own mail server because acme.test is a validated sending domain", nil},
		{"domain compared without case", func(in *Input) { in.From = "ALICE@ACME.TEST" }, ViaOwnServer, "mx.own.test", "relay", "", nil},
		{"own server by IP whitelisting sends without login", func(in *Input) { in.Company.OwnServer.Auth = storage.OwnAuthIPWhitelist },
			ViaOwnServer, "mx.own.test", "", "", nil},
		{"pending domain goes through company SMTP", func(in *Input) { in.From = "x@pending.test" },
			ViaCompanySMTP, "smtp.company.test", "info@acme.test", "sent through the company SMTP server smtp.company.test", nil},
		{"disabled domain goes through company SMTP", func(in *Input) { in.From = "x@off.test" }, ViaCompanySMTP, "smtp.company.test", "info@acme.test", "", nil},
		{"excluded domain goes through company SMTP", func(in *Input) { in.From = "x@never.test" }, ViaCompanySMTP, "smtp.company.test", "info@acme.test", "", nil},
		{"unknown domain goes through company SMTP", func(in *Input) { in.From = "x@elsewhere.test" }, ViaCompanySMTP, "smtp.company.test", "info@acme.test", "", nil},
		{"own server switched off", func(in *Input) { in.Company.OwnServer.Mode = storage.OwnServerOff }, ViaCompanySMTP, "smtp.company.test", "info@acme.test", "", nil},
		{"company SMTP without authentication", func(in *Input) { in.From = "x@elsewhere.test"; in.Company.SMTPAuth = false },
			ViaCompanySMTP, "smtp.company.test", "", "", nil},
		{"no server at all", func(in *Input) { in.From = "x@elsewhere.test"; in.Company.SMTP.Host = "" }, "", "", "", "", ErrNoCompanySMTP},
		{"bad From", func(in *Input) { in.From = "not an address" }, "", "", "", "", ErrBadFrom},
	}
	for _, tt := range tests {
		in := settings()
		tt.change(&in)
		got, err := Choose(in)
		if tt.wantErr != nil {
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("%s: error %v, want %v", tt.name, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got.Via != tt.via || got.Endpoint.Host != tt.host || got.Username != tt.user || got.Auth != (tt.user != "") {
			t.Errorf("%s: got via %s host %s user %q auth %v; want via %s host %s user %q",
				tt.name, got.Via, got.Endpoint.Host, got.Username, got.Auth, tt.via, tt.host, tt.user)
		}
		if tt.reason != "" && got.Reason.English() != tt.reason {
			t.Errorf("%s: reason %q, want %q", tt.name, got.Reason.English(), tt.reason)
		}
	}
}
