package route

import (
	"slices"
	"testing"
)

// Every key has an English sentence that reads well with its arguments.
func TestReasonEnglish(t *testing.T) {
	tests := []struct {
		reason Reason
		want   string
	}{
		{Reason{"route.account_smtp", []string{"smtp.office365.com", "Kantoor"}},
			"via smtp.office365.com, the own SMTP server of the IMAP account Kantoor"},
		{Reason{"route.user_smtp", []string{"smtp.gmail.com", "Alice"}},
			`via smtp.gmail.com because "always use user SMTP" is set for Alice`},
		{Reason{"route.work_location", []string{"Hoofdkantoor", "Alice"}},
			"via Hoofdkantoor because Alice works there"},
		{Reason{"route.own_server", []string{"mail.acme.test", "acme.test"}},
			"via the company's own mail server mail.acme.test because acme.test is a validated sending domain"},
		{Reason{"route.company_smtp", []string{"smtp.acme.test"}},
			"via the company SMTP server smtp.acme.test, the standard server"},
		{Reason{"route.company_smtp.domain_unknown", []string{"smtp.acme.test", "gmail.com"}},
			"via the company SMTP server smtp.acme.test because gmail.com is not a sending domain of the own mail server"},
		{Reason{"route.company_smtp.domain_pending", []string{"smtp.acme.test", "acme.test"}},
			"via the company SMTP server smtp.acme.test because acme.test is not validated yet"},
		{Reason{"route.company_smtp.domain_disabled", []string{"smtp.acme.test", "acme.test"}},
			"via the company SMTP server smtp.acme.test because acme.test is disabled for the own mail server"},
		{Reason{"route.company_smtp.domain_excluded", []string{"smtp.acme.test", "acme.test"}},
			"via the company SMTP server smtp.acme.test because acme.test is excluded from the own mail server"},
		{Reason{"route.own_server_validation", []string{"acme.test"}},
			"sent through the company's own mail server to validate acme.test"},
		{Reason{"route.no_such_key", []string{"a", "b"}}, "route.no_such_key a b"},
	}
	var tested []string
	for _, tt := range tests {
		if got := tt.reason.English(); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.reason.Key, got, tt.want)
		}
		tested = append(tested, tt.reason.Key)
	}
	for _, k := range Keys() {
		if !slices.Contains(tested, k) {
			t.Errorf("key %s has no English test", k)
		}
	}
}
