package app

import (
	"testing"

	"postbridge/mail/route"
	"postbridge/storage"
)

// The test mail goes From the route's own login when it is an address of
// the domain (a server that checks senders lets a login send as itself),
// else the company's or a user's address there, else postmaster; and to
// the account that reads the address, by its address, login, or the
// user's e-mail address for the default account.
func TestProbeAddresses(t *testing.T) {
	users := []storage.User{
		{Name: "Alice", Email: "alice@acme.test", ImapAccounts: []storage.ImapAccount{{ID: 1, Login: storage.Login{Username: "alice"}}, {ID: 2, Login: storage.Login{Username: "a2"}, IsDefault: true}}},
		{Name: "Info", ImapAccounts: []storage.ImapAccount{{ID: 3, Address: "info@acme.test", Login: storage.Login{Username: "info"}}}},
		{Name: "Box", ImapAccounts: []storage.ImapAccount{{ID: 4, Login: storage.Login{Username: "box@klant.test"}}}},
	}
	froms := []struct {
		name, domain, login, company, want string
	}{
		{"the route's login", "acme.test", "send@acme.test", "info@acme.test", "send@acme.test"},
		{"the company's address", "acme.test", "send", "info@acme.test", "info@acme.test"},
		{"a user's address", "acme.test", "", "office@klant.test", "alice@acme.test"},
		{"nobody in the domain", "other.test", "", "info@acme.test", "postmaster@other.test"},
	}
	for _, tt := range froms {
		got := probeFrom(tt.domain, route.Route{Username: tt.login}, storage.Company{Email: tt.company}, users)
		if got != tt.want {
			t.Errorf("from, %s: got %q, want %q", tt.name, got, tt.want)
		}
	}
	tos := []struct {
		to     string
		wantID uint // 0: none
	}{
		{"INFO@acme.test", 3}, {"box@klant.test", 4}, {"alice@acme.test", 2}, {"nobody@acme.test", 0}, {"", 0},
	}
	for _, tt := range tos {
		var got uint
		if acc := probeAccount(users, tt.to); acc != nil {
			got = acc.ID
		}
		if got != tt.wantID {
			t.Errorf("account for %q: got %d, want %d", tt.to, got, tt.wantID)
		}
	}
}
