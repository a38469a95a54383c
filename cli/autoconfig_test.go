package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"postbridge/mail/autoconfig"
	"postbridge/mail/autoconfig/dnstest"
)

// TestAutoconfigJSON: postbridge autoconfig ADDRESS --json names the
// chosen servers and found_by for each source, with the look-ups sent to
// a test DNS server through POSTBRIDGE_RESOLVER.
func TestAutoconfigJSON(t *testing.T) {
	t.Setenv(autoconfig.EnvResolver, dnstest.Start(t, 0,
		"_imaps._tcp.srv.test. 60 IN SRV 0 1 10993 imap.srv.test.",
		"_submission._tcp.srv.test. 60 IN SRV 0 1 10587 smtp.srv.test.",
		"m365.test. 60 IN MX 0 m365-test.mail.protection.outlook.com."))
	tests := []struct {
		address, foundBy, imap, smtpSecurity, oauth string
	}{
		{"anna@xs4all.nl", "provider", "imap.kpnmail.nl:993", "tls", ""},
		{"bo@srv.test", "srv", "imap.srv.test:10993", "starttls", ""},
		{"cy@m365.test", "mx", "outlook.office365.com:993", "starttls", "microsoft"},
	}
	for _, tt := range tests {
		r := run(t, "", "autoconfig", tt.address, "--json")
		if r.code != ExitOK {
			t.Fatalf("%s: exit %d: %s", tt.address, r.code, r.stderr)
		}
		var got struct {
			FoundBy string `json:"found_by"`
			IMAP    struct {
				Host string `json:"host"`
				Port int    `json:"port"`
			} `json:"imap"`
			SMTP struct {
				Security string `json:"security"`
				Auth     string `json:"auth"`
			} `json:"smtp"`
			OAuth string `json:"oauth_provider"`
			Tried []struct {
				Source string `json:"source"`
			} `json:"tried"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
			t.Fatalf("%s: %v\n%s", tt.address, err, r.stdout)
		}
		imap := got.IMAP.Host + ":" + itoa(got.IMAP.Port)
		if got.FoundBy != tt.foundBy || imap != tt.imap || got.SMTP.Security != tt.smtpSecurity ||
			got.OAuth != tt.oauth || len(got.Tried) != 5 {
			t.Errorf("%s: got %+v\n%s", tt.address, got, r.stdout)
		}
	}
}

func TestAutoconfigNothingFound(t *testing.T) {
	t.Setenv(autoconfig.EnvResolver, dnstest.Start(t, 0))
	r := run(t, "", "autoconfig", "x@nothing.test")
	if r.code != ExitFailure || !strings.Contains(r.stderr, "no settings were found") ||
		!strings.Contains(r.stdout, "5. probe") {
		t.Errorf("exit %d\nstdout %s\nstderr %s", r.code, r.stdout, r.stderr)
	}
	if r := run(t, "", "autoconfig"); r.code != ExitUsage {
		t.Errorf("no address: exit %d", r.code)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }
