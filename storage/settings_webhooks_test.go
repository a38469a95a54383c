package storage

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// webhookErrorTests are the webhooks' refusals, for TestImportWithErrorChangesNothing.
var webhookErrorTests = []struct {
	name   string
	modify func(f *SettingsFile)
	want   string
}{
	{"webhook without a name", func(f *SettingsFile) { f.Webhooks[0].Name = "" }, "webhooks[0].name: is required"},
	{"webhook name with a space", func(f *SettingsFile) { f.Webhooks[1].Name = "the crm" },
		`webhooks[1].name: "the crm" is not a name of 1 to 64 letters`},
	{"duplicate webhook", func(f *SettingsFile) { f.Webhooks[1].Name = "crm" }, `webhooks[1].name: duplicate webhook "crm"`},
	{"webhook without a url", func(f *SettingsFile) { f.Webhooks[0].URL = "" }, "webhooks[0].url: is required"},
	{"webhook url not http", func(f *SettingsFile) { f.Webhooks[0].URL = "ftp://crm.acme.test/x" },
		`webhooks[0].url: "ftp://crm.acme.test/x" is not an absolute http or https URL`},
	{"webhook url relative", func(f *SettingsFile) { f.Webhooks[0].URL = "/hook" },
		`webhooks[0].url: "/hook" is not an absolute http or https URL`},
	{"unknown event", func(f *SettingsFile) { f.Webhooks[0].Events = []string{"message.new", "messageNew"} },
		`webhooks[0].events[1]: "messageNew" is not one of message.new, message.sent, account.failing, account.recovered`},
	{"webhook secret in the file", func(f *SettingsFile) { f.Webhooks[0].Secret = "whsec_0123" },
		"webhooks[0].secret: not a secret key"},
}

// The settings file carries the webhooks (URL, events, whether active,
// the secret's keyring key); an import matches them by name and leaves
// their last delivery and waiting events alone.
func TestSettingsWebhooks(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		if err := s.ImportSettings(loadExample(t)); err != nil {
			t.Fatal(err)
		}
		show := func() string {
			hooks, err := s.Webhooks()
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, h := range hooks {
				out = append(out, fmt.Sprintf("%s %s [%s] %s %v %d", h.Name, h.URL, h.Events, h.SecretKey, h.Active, h.LastStatus))
			}
			return strings.Join(out, "; ")
		}
		want := "bi http://127.0.0.1:9000/hook [] company/webhook/reports false 0; " +
			"crm https://crm.acme.test/postbridge [message.new,account.failing] company/webhook/crm true 0"
		if got := show(); got != want {
			t.Errorf("imported webhooks:\n got %s\nwant %s", got, want)
		}
		// A delivery and a waiting event, which a second import keeps.
		pageFixture(t, s, 1)
		due, err := s.DueWebhookEvents(time.Now().Add(time.Minute), 10)
		if err != nil || len(due) != 1 {
			t.Fatalf("the crm webhook's message.new: %+v, %v", due, err)
		}
		if err := s.RecordWebhookAttempt(due[0], WebhookAttempt{At: time.Now(), Status: 503, Error: "HTTP 503", Next: time.Now()}); err != nil {
			t.Fatal(err)
		}
		doc := loadExample(t)
		doc.Webhooks[0].URL, doc.Webhooks[0].Events = "https://crm.acme.test/v2", nil
		if err := s.ImportSettings(doc); err != nil {
			t.Fatal(err)
		}
		want = "bi http://127.0.0.1:9000/hook [] company/webhook/reports false 0; " +
			"crm https://crm.acme.test/v2 [] company/webhook/crm true 503"
		if got := show(); got != want {
			t.Errorf("after a second import:\n got %s\nwant %s", got, want)
		}
		if due, _ := s.DueWebhookEvents(time.Now().Add(time.Minute), 10); len(due) != 1 {
			t.Errorf("the waiting event after a second import: %d", len(due))
		}
		exp, err := s.ExportSettings()
		if err != nil {
			t.Fatal(err)
		}
		got := fmt.Sprintf("%+v %v %+v %v", exp.Webhooks[0], *exp.Webhooks[0].Active, exp.Webhooks[1], *exp.Webhooks[1].Active)
		if strings.Contains(got, "whsec_") || !strings.Contains(got, "Secret:company/webhook/crm") ||
			!strings.Contains(got, "URL:https://crm.acme.test/v2 Events:[]") {
			t.Errorf("exported webhooks: %s", got)
		}
	})
}
