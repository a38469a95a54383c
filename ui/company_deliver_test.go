package ui

import (
	"context"
	"net"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/mail/autoconfig"
	"postbridge/mail/autoconfig/dnstest"
	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// labelsIn are the texts of the labels in the top dialog, with the
// importance each is drawn in.
func labelsIn(w fyne.Window) map[string]widget.Importance {
	out := map[string]widget.Importance{}
	if top := w.Canvas().Overlays().Top(); top != nil {
		walk(top, func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok {
				out[l.Text] = l.Importance
			}
		})
	}
	return out
}

// Check delivery on the Domains tab shows the table of the selected
// domain, from a real DNS server reached through POSTBRIDGE_RESOLVER.
func TestCompanyDeliveryCheck(t *testing.T) {
	t.Setenv(autoconfig.EnvResolver, dnstest.Start(t, 0,
		`relay.acme.test. 60 IN A 192.0.2.25`,
		`acme.test. 60 IN TXT "v=spf1 ip4:192.0.2.25 -all"`,
		`_dmarc.acme.test. 60 IN TXT "v=DMARC1; p=reject"`,
		`acme.test. 60 IN MX 10 relay.acme.test.`))
	b := emptyBackend(t)
	err := b.Actions.Store.ImportSettings(&storage.SettingsFile{
		Company: &storage.CompanyJSON{Name: "Acme", Email: "info@acme.test",
			SMTP:      &storage.SMTPJSON{Host: "smtp.acme.test", Port: 587, Security: "starttls"},
			OwnServer: &storage.OwnServerJSON{Mode: "relay", Host: "relay.acme.test", Port: 25, Security: "starttls", Auth: "ip"}},
		Domains: []storage.DomainJSON{{Domain: "acme.test", ValidatedAt: "2026-12-01T10:00:00Z", ValidatedBy: "admin"}}})
	if err != nil {
		t.Fatal(err)
	}
	w, s := openCompany(t, b)
	test.Tap(s.domains.checkBtn)
	if !s.message.Visible() || !strings.Contains(s.message.Text, "Choose a domain") {
		t.Errorf("without a selection: %q", s.message.Text)
	}
	s.domains.list.Select(0)
	// The check itself, on the test's goroutine: the button runs it on
	// another (runLong), whose widgets a polling test would race with.
	s.domains.showCheck(b.Actions.CheckDomain(context.Background(), "acme.test", app.DomainCheckOptions{}))
	got := labelsIn(w.Window())
	want := map[string]widget.Importance{
		"192.0.2.25 may send for acme.test: its SPF record names it (v=spf1 ip4:192.0.2.25 -all)":                                           widget.MediumImportance,
		"192.0.2.25 has no reverse name (PTR), and large receivers refuse or mark mail from it: ask the provider of the address to set one": widget.MediumImportance,
		"ok":      widget.SuccessImportance,
		"warning": widget.WarningImportance,
		"failing": widget.DangerImportance,
	}
	for text, imp := range want {
		if g, ok := got[text]; !ok || g != imp {
			t.Errorf("label %q: present %v, importance %v, want %v", text, ok, g, imp)
		}
	}
	if s.domains.lastCheck == nil || s.domains.lastCheck.Report.Domain != "acme.test" {
		t.Errorf("last check not kept: %+v", s.domains.lastCheck)
	}
	if got := deliveryState(&s.domains.rows[0]); !strings.HasPrefix(got, "failing — 20") {
		t.Errorf("Delivery column %q, want the failing check with its time", got)
	}
	// The health view warns about the domain, with what failed.
	w.show(navHealth)
	if got := w.health.domains; len(got) != 1 || got[0] != "acme.test" {
		t.Fatalf("health shows domains %v, want acme.test", got)
	}
	var texts []string
	walk(w.health.rows, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	})
	all := strings.Join(texts, "\n")
	if !strings.Contains(all, "acme.test: delivery checked 20") || !strings.Contains(all, "rDNS: 192.0.2.25 has no reverse name") {
		t.Errorf("health view:\n%s", all)
	}
}

// The send-as check on the Own mail server tab, against the test
// Postfix's send-as listener: Alice's address is granted, Jan's is not.
func TestCompanySendAsCheck(t *testing.T) {
	stack := mailtest.Servers(t)
	addr, service := stack.SendAsServer(t)
	b := emptyBackend(t)
	secrets := memSecrets{"company/own-server": service.Password}
	b.Secrets, b.Actions.Secrets, b.Actions.Roots = secrets, secrets, stack.CA
	host, port := splitHostPort(t, addr)
	err := b.Actions.Store.ImportSettings(&storage.SettingsFile{
		Company: &storage.CompanyJSON{Name: "Acme", Email: stack.NewUser(t).Address(),
			SMTP: &storage.SMTPJSON{Host: "smtp.invalid", Port: 587, Security: "starttls"},
			OwnServer: &storage.OwnServerJSON{Mode: "mailbox", Host: host, Port: port, Security: "starttls",
				Auth: "password", Username: service.Name, Secret: "company/own-server"}},
		Domains: []storage.DomainJSON{{Domain: "acme.test", ValidatedAt: "2026-12-01T10:00:00Z", ValidatedBy: "admin"},
			{Domain: "klant.test", ValidatedAt: "2026-12-01T10:00:00Z", ValidatedBy: "admin"}},
		Users: []storage.UserJSON{{Name: "Alice", Email: "alice@acme.test"}, {Name: "Jan", Email: "jan@klant.test"}}})
	if err != nil {
		t.Fatal(err)
	}
	_, s := openCompany(t, b)
	c := s.own.sendAs
	tests := []struct {
		user string
		ok   bool
		want string
	}{
		{"Alice", true, "the server accepts alice@acme.test as sender for the login tsendas"},
		{"Jan", false, "the server refuses jan@klant.test as sender for the login tsendas"},
	}
	for _, tt := range tests {
		c.user.SetSelected(tt.user)
		test.Tap(c.btn)
		waitShown(t, c.result)
		if shownOK(c.result) != tt.ok || !strings.HasPrefix(c.result.outcome.Text, tt.want) {
			t.Errorf("%s: ok %v, %q", tt.user, shownOK(c.result), c.result.outcome.Text)
		}
		if !strings.Contains(c.result.reason.Text, "own mail server "+host) || !c.result.detail.Visible() {
			t.Errorf("%s: reason %q, Detail shown %v", tt.user, c.result.reason.Text, c.result.detail.Visible())
		}
	}
	// With a real test mail (Microsoft 365 judges Send As after DATA).
	c.user.SetSelected("Alice")
	c.send.SetChecked(true)
	test.Tap(c.btn)
	waitShown(t, c.result)
	if !shownOK(c.result) || !strings.HasPrefix(c.result.outcome.Text, "the server accepted the test mail From alice@acme.test") {
		t.Errorf("--send Alice: ok %v, %q", shownOK(c.result), c.result.outcome.Text)
	}
}

func splitHostPort(t *testing.T, addr string) (string, int) {
	t.Helper()
	host, p, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatal(err)
	}
	port, _ := strconv.Atoi(p)
	return host, port
}
