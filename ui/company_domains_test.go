package ui

import (
	"net"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"postbridge/storage"
)

func TestCompanyDomainsList(t *testing.T) {
	b := emptyBackend(t)
	b.Secrets = memSecrets{}
	err := b.Actions.Store.ImportSettings(&storage.SettingsFile{Domains: []storage.DomainJSON{
		{Domain: "acme.test", ValidatedAt: "2026-11-30T10:00:00Z", ValidatedBy: "Alice"},
		{Domain: "klant.test", Excluded: true}}})
	if err != nil {
		t.Fatal(err)
	}
	w, s := openCompany(t, b)
	d := s.domains
	if len(d.rows) != 1 || len(d.excluded) != 1 || !strings.Contains(domainLine(d.rows[0]), "by Alice") {
		t.Fatalf("lists: %v / %v", d.rows, d.excluded)
	}

	// Disable, and the button then offers Enable.
	d.list.Select(0)
	test.Tap(d.disableBtn)
	if list, _ := b.Actions.Store.Domains(); !list[0].Disabled {
		t.Fatal("Disable did not disable")
	}
	d.list.Select(0)
	if d.disableBtn.Text != "Enable" {
		t.Errorf("button %q on a disabled domain, want Enable", d.disableBtn.Text)
	}

	// Excluded domains: add, refuse what is no domain, remove.
	typeInto(d.exEntry, "Spam.Test")
	test.Tap(d.exAdd)
	typeInto(d.exEntry, "not a domain")
	test.Tap(d.exAdd)
	if len(d.excluded) != 2 || d.excluded[1].Domain != "spam.test" {
		t.Errorf("excluded %v, want klant.test and spam.test", d.excluded)
	}
	tapButton(t, w.Window(), "OK") // the refusal of "not a domain"
	d.exList.Select(0)
	test.Tap(d.exRemove)
	if list, _ := b.Actions.Store.Domains(); len(list) != 2 {
		t.Errorf("after removing klant.test from the excluded: %v", list)
	}

	// Delete asks; No keeps the domain, Yes deletes it.
	d.list.Select(0)
	test.Tap(d.deleteBtn)
	tapButton(t, w.Window(), "No")
	if list, _ := b.Actions.Store.Domains(); len(list) != 2 {
		t.Fatal("deleted without a Yes")
	}
	d.list.Select(0)
	test.Tap(d.deleteBtn)
	tapButton(t, w.Window(), "Yes")
	if list, _ := b.Actions.Store.Domains(); len(list) != 1 || list[0].Domain != "spam.test" {
		t.Errorf("after Yes: %v", list)
	}
}

var validationCode = regexp.MustCompile(`(?m)^ {4}([A-Z0-9]{8})\s*$`)

// The own mail server is the real Postfix; the code travels through a real
// mailbox and is typed back, after which the domain is validated.
func TestOwnMailServerValidatesADomainWithTheMailedCode(t *testing.T) {
	b, _, stack, alice := mailOffice(t)
	reader := stack.NewUser(t)
	w, s := openCompany(t, b)
	host, port, _ := net.SplitHostPort(stack.Submission)
	s.own.mode.SetSelected(ownModeLabels()[storage.OwnServerRelay])
	typeInto(s.own.host, host)
	typeInto(s.own.port, port)
	s.own.encryption.SetSelected(securityLabel(storage.SecuritySTARTTLS))
	s.own.auth.SetSelected(ownAuthLabels()[storage.OwnAuthPassword])
	typeInto(s.own.username, alice.Name)
	typeInto(s.own.password, alice.Password)
	test.Tap(s.saveBtn)
	if s.message.Visible() {
		t.Fatalf("Save refused: %s", s.message.Text)
	}

	test.Tap(s.own.validateBtn)
	v := s.own.validation
	if v.domain.Text != "" {
		t.Errorf("domain %q filled in without a company address", v.domain.Text)
	}
	typeInto(v.domain, "acme.test")
	typeInto(v.from, alice.Address())
	typeInto(v.to, reader.Address())
	tapButton(t, w.Window(), "Send validation code")
	waitShown(t, v.result)
	if !shownOK(v.result) {
		t.Fatalf("validation mail: %s", v.result.outcome.Text)
	}
	if got := v.result.reason.Text; !strings.Contains(got, "own mail server to validate acme.test") {
		t.Errorf("reason %q", got)
	}
	if len(s.domains.rows) != 1 || !strings.Contains(domainLine(s.domains.rows[0]), "waiting") {
		t.Errorf("domain list while waiting: %v", s.domains.rows)
	}

	waitMessages(t, stack, reader, "INBOX", 1)
	body := stack.Doveadm(t, nil, "fetch", "-u", reader.Name, "body", "mailbox", "INBOX")
	m := validationCode.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no code in the mail:\n%s", body)
	}
	typeInto(v.code, "WRONG234")
	tapButton(t, w.Window(), "Validate")
	if shownOK(v.result) {
		t.Fatal("a wrong code was accepted")
	}
	tapButton(t, w.Window(), "OK") // the error
	v.askCode("acme.test")
	typeInto(v.code, m[1])
	tapButton(t, w.Window(), "Validate")
	waitShown(t, v.result)
	if !shownOK(v.result) {
		t.Fatalf("right code: %s", v.result.outcome.Text)
	}
	list, _ := b.Actions.Store.Domains()
	if len(list) != 1 || list[0].ValidatedAt == nil || list[0].ValidatedBy != "Alice" ||
		time.Since(*list[0].ValidatedAt) > time.Minute {
		t.Errorf("domains after the code: %+v", list)
	}
}
