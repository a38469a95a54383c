package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"postbridge/mail/autoconfig"
	"postbridge/mail/autoconfig/dnstest"
)

// domainCheckDB is an office whose validated acme.test goes out through
// the own mail server relay.acme.test, and everything else through the
// company SMTP smtp.acme.test; the DNS is a real test server reached
// through POSTBRIDGE_RESOLVER.
func domainCheckDB(t *testing.T) string {
	t.Helper()
	t.Setenv(autoconfig.EnvResolver, dnstest.Start(t, 0,
		`relay.acme.test. 60 IN A 192.0.2.25`,
		`smtp.acme.test. 60 IN A 198.51.100.7`,
		`acme.test. 60 IN TXT "v=spf1 ip4:192.0.2.25 -all"`,
		`_dmarc.acme.test. 60 IN TXT "v=DMARC1; p=reject"`,
		`acme.test. 60 IN MX 10 relay.acme.test.`,
		`25.2.0.192.in-addr.arpa. 60 IN PTR relay.acme.test.`,
		`other.test. 60 IN TXT "v=spf1 ip4:192.0.2.25 ~all"`,
		`other.test. 60 IN MX 10 relay.acme.test.`))
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	settings := writeFile(t, dir, "s.json", `{
	  "company": {"name": "Acme", "email": "info@acme.test",
	    "smtp": {"host": "smtp.acme.test", "port": 587, "security": "starttls"},
	    "imap": {"host": "imap.acme.test", "port": 993, "security": "tls"},
	    "own_server": {"mode": "relay", "host": "relay.acme.test", "port": 25, "security": "starttls", "auth": "ip"}},
	  "domains": [{"domain": "acme.test", "validated_at": "2026-12-01T10:00:00Z", "validated_by": "admin"}],
	  "users": []}`)
	if r := run(t, "", "--db", db, "settings", "import", settings); r.code != ExitOK {
		t.Fatalf("import: %+v", r)
	}
	return db
}

func TestDomainCheck(t *testing.T) {
	db := domainCheckDB(t)
	tests := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"validated domain through the own server", []string{"acme.test"}, ExitOK, []string{
			"Via the company's own mail server relay.acme.test because acme.test is a validated sending domain",
			"Sending address: 192.0.2.25",
			"SPF    ok       192.0.2.25 may send for acme.test",
			"DKIM   warning  DKIM was not checked",
			"DMARC  ok       the DMARC policy of acme.test is p=reject",
			"DMARC  ok       SPF passes for acme.test",
			"MX     ok       mail for acme.test is received by relay.acme.test",
			"rDNS   ok       192.0.2.25 has the reverse name relay.acme.test"}},
		{"another domain through the company SMTP", []string{"other.test"}, ExitFailure, []string{
			"Via the company SMTP server smtp.acme.test",
			"SPF    warning  the SPF record of other.test does not name 198.51.100.7 and ends in ~all",
			"DMARC  warning  other.test publishes no DMARC record",
			"rDNS   failing  198.51.100.7 has no reverse name"}},
		{"addresses the admin names", []string{"other.test", "--ip", "203.0.113.9,192.0.2.25"}, ExitFailure, []string{
			"Sending address: 203.0.113.9, 192.0.2.25",
			"SPF    warning  the SPF record of other.test does not name 203.0.113.9 and ends in ~all",
			"SPF    ok       192.0.2.25 may send for other.test",
			"rDNS   failing  203.0.113.9 has no reverse name"}},
	}
	if r := run(t, "", "--db", db, "domain", "list"); !strings.Contains(r.stdout, "DELIVERY") || !strings.Contains(r.stdout, "admin  -") {
		t.Errorf("domain list before a check:\n%s", r.stdout)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, "", append([]string{"--db", db, "domain", "check"}, tt.args...)...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d\n%s%s", r.code, tt.code, r.stdout, r.stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("output lacks %q:\n%s", w, r.stdout)
				}
			}
		})
	}
	// The last check of a listed domain is kept for the list; other.test
	// is not in the list.
	r := run(t, "", "--db", db, "domain", "list")
	if !strings.Contains(r.stdout, "admin  warning 20") || strings.Contains(r.stdout, "other.test") {
		t.Errorf("domain list after the checks:\n%s", r.stdout)
	}
}

func TestDomainCheckJSON(t *testing.T) {
	db := domainCheckDB(t)
	r := run(t, "", "--db", db, "domain", "check", "acme.test", "--json")
	if r.code != ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var got struct {
		Domain string `json:"domain"`
		Route  struct {
			Via  string `json:"via"`
			Host string `json:"host"`
		} `json:"route"`
		Worst    string `json:"worst"`
		Findings []struct {
			Check  string            `json:"check"`
			Status string            `json:"status"`
			Kind   string            `json:"kind"`
			Args   map[string]string `json:"args"`
			Text   string            `json:"text"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if got.Domain != "acme.test" || got.Route.Via != "own_server" || got.Route.Host != "relay.acme.test" ||
		got.Worst != "warning" || len(got.Findings) != 6 {
		t.Fatalf("got %+v", got)
	}
	first := got.Findings[0]
	if first.Check != "spf" || first.Status != "ok" || first.Kind != "spf_pass" ||
		first.Args["ip"] != "192.0.2.25" || !strings.HasPrefix(first.Text, "192.0.2.25 may send") {
		t.Errorf("first finding = %+v", first)
	}
	if r := run(t, "", "--db", db, "domain", "check", "acme.test", "--ip", "nonsense"); r.code != ExitUsage {
		t.Errorf("--ip nonsense: exit %d", r.code)
	}
	// This office relays: there is no service mailbox to check send-as for.
	r = run(t, "", "--db", db, "check", "send-as")
	if r.code != ExitFailure || !strings.HasPrefix(r.stderr, "postbridge: the own mail server does not send from a service mailbox") {
		t.Errorf("send-as in relay mode: %+v", r)
	}
}

// status lists the sending domains with their last delivery check, and
// exits 1 once a domain's check failed.
func TestStatusListsDomains(t *testing.T) {
	db := domainCheckDB(t)
	steps := []struct {
		name  string
		zone  []string // a new DNS before the check; nil: no check
		code  int
		want  string
		check int
	}{
		{"before any check", nil, ExitOK, "-      acme.test  -", 0},
		{"after a check with a warning", []string{}, ExitOK,
			"warning  acme.test  20", ExitOK},
		{"after a failing check", []string{`acme.test. 60 IN TXT "v=spf1 -all"`, `relay.acme.test. 60 IN A 192.0.2.25`}, ExitFailure,
			"failing  acme.test  20", ExitFailure},
	}
	for _, st := range steps {
		if st.zone != nil {
			if len(st.zone) > 0 {
				t.Setenv(autoconfig.EnvResolver, dnstest.Start(t, 0, st.zone...))
			}
			if r := run(t, "", "--db", db, "domain", "check", "acme.test", "--no-send"); r.code != st.check {
				t.Fatalf("%s: domain check exit %d, want %d: %s", st.name, r.code, st.check, r.stderr)
			}
		}
		r := run(t, "", "--db", db, "status")
		if r.code != st.code {
			t.Errorf("%s: status exit %d, want %d", st.name, r.code, st.code)
		}
		if !strings.Contains(r.stdout, "Sending domains, last delivery check") || !strings.Contains(r.stdout, st.want) {
			t.Errorf("%s: status lacks %q:\n%s", st.name, st.want, r.stdout)
		}
	}
	r := run(t, "", "--db", db, "status")
	want := "SPF: the SPF record of acme.test does not name 192.0.2.25 and ends in -all"
	if !strings.Contains(r.stdout, want) {
		t.Errorf("status lacks the first problem %q:\n%s", want, r.stdout)
	}
}
