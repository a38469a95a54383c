package storage

import (
	"strings"
	"testing"
	"time"
)

// The outbox on both databases: an import queues message.new, a claim
// holds an event once, a failed attempt waits, a delivered one is done.
func TestAPIWebhookOutbox(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		if err := s.SaveWebhook(&Webhook{Name: "crm", URL: "https://crm.test/hook", Events: "message.new", SecretKey: "company/webhook/crm", Active: true}); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveWebhook(&Webhook{Name: "bad", URL: "ftp://x"}); err == nil {
			t.Error("an ftp URL was accepted")
		}
		pageFixture(t, s, 2)
		now := time.Now()
		due, err := s.DueWebhookEvents(now, 10)
		if err != nil || len(due) != 2 || due[0].Type != EventMessageNew || !strings.Contains(due[0].Payload, `"subject":"Bericht 0"`) {
			t.Fatalf("due after an import of 2: %+v, %v", due, err)
		}
		ev := due[0]
		stale := ev
		if ok, err := s.ClaimWebhookEvent(&ev, now.Add(time.Minute)); !ok || err != nil {
			t.Fatalf("first claim: %v %v", ok, err)
		}
		if ok, _ := s.ClaimWebhookEvent(&stale, now.Add(time.Minute)); ok {
			t.Error("a second claim of the same event succeeded")
		}
		next := now.Add(10 * time.Minute)
		if err := s.RecordWebhookAttempt(ev, WebhookAttempt{At: now, Status: 503, Error: "HTTP 503", Next: next}); err != nil {
			t.Fatal(err)
		}
		if due, _ := s.DueWebhookEvents(now.Add(time.Minute), 10); len(due) != 1 {
			t.Errorf("a failed event waits: %d due", len(due))
		}
		later, _ := s.DueWebhookEvents(next.Add(time.Second), 10)
		if len(later) != 2 || later[0].Attempts != 1 {
			t.Fatalf("after its wait: %+v", later)
		}
		ev = later[0]
		s.ClaimWebhookEvent(&ev, next.Add(time.Minute))
		if err := s.RecordWebhookAttempt(ev, WebhookAttempt{At: next, Status: 200, Next: next}); err != nil {
			t.Fatal(err)
		}
		if due, _ := s.DueWebhookEvents(next.Add(time.Hour), 10); len(due) != 1 {
			t.Errorf("the delivered event is still due: %d", len(due))
		}
		hooks, _ := s.Webhooks()
		if len(hooks) != 1 || hooks[0].LastStatus != 200 || hooks[0].LastError != "" || hooks[0].LastDeliveryAt == nil {
			t.Errorf("the webhook's last delivery: %+v", hooks)
		}
		if err := s.DeleteWebhook("crm"); err != nil {
			t.Fatal(err)
		}
		if due, _ := s.DueWebhookEvents(next.Add(time.Hour), 10); len(due) != 0 {
			t.Errorf("events of a removed webhook: %d", len(due))
		}
	})
}
