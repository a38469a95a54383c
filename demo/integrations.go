package demo

import (
	"errors"
	"fmt"
	"time"

	"postbridge/app"
	"postbridge/storage"
	"postbridge/webhook"
)

// The demo office's webhooks: the CRM hears of new and sent mail; the
// planning tool of everything, but its receiver was down at the last try.
const (
	HookCRM      = "crm"
	HookPlanning = "planning"
)

// Integrations gives the demo office what the Integrations screen shows:
// two API tokens (the CRM's, used a quarter of an hour ago, and a
// reporting tool's that only reads) and two webhooks, set up through the
// settings file as an admin would, with the last delivery of each — one
// acknowledged, one refused by its receiver and waiting for the retry.
func Integrations(a *app.Actions) error {
	now := time.Now()
	if a.Now != nil {
		now = a.Now()
	}
	all := &storage.SettingsFile{Webhooks: []storage.WebhookJSON{
		{Name: HookCRM, URL: "https://crm.devriesbouw.nl/postbridge/webhook",
			Events: []string{storage.EventMessageNew, storage.EventMessageSent}},
		{Name: HookPlanning, URL: "http://planning.devriesbouw.lan:8080/hooks/postbridge"},
	}}
	if err := a.Store.ImportSettings(all); err != nil {
		return fmt.Errorf("demo webhooks: %w", err)
	}
	crm, err := a.Store.CreateAPIToken("crm", storage.ScopeRead+","+storage.ScopeSend, now.Add(-30*24*time.Hour))
	if err != nil {
		return err
	}
	if _, err := a.Store.APITokenFor(crm, now.Add(-14*time.Minute)); err != nil {
		return err
	}
	if _, err := a.Store.CreateAPIToken("rapportage", storage.ScopeRead, now.Add(-2*24*time.Hour)); err != nil {
		return err
	}
	// A mail sent through the API: message.sent for both webhooks.
	if err := a.Store.RecordMessageSent(0, "<offerte-210-01@devriesbouw.nl>", now.Add(-20*time.Minute)); err != nil {
		return err
	}
	return deliverDemoEvents(a.Store, now)
}

// deliverDemoEvents records one attempt for each waiting event: the
// CRM acknowledged, the planning tool answered 503.
func deliverDemoEvents(store *storage.Store, now time.Time) error {
	due, err := store.DueWebhookEvents(now, 50)
	if err != nil {
		return err
	}
	hooks, err := store.Webhooks()
	if err != nil {
		return err
	}
	names := map[uint]string{}
	for _, h := range hooks {
		names[h.ID] = h.Name
	}
	var errs []error
	for _, ev := range due {
		if _, err := store.ClaimWebhookEvent(&ev, now.Add(time.Minute)); err != nil {
			return err
		}
		at := now.Add(-18 * time.Minute)
		attempt := storage.WebhookAttempt{At: at, Status: 200, Next: at}
		if names[ev.WebhookID] == HookPlanning {
			at = now.Add(-6 * time.Minute)
			attempt = storage.WebhookAttempt{At: at, Status: 503, Next: now.Add(4 * time.Minute),
				Error: fmt.Errorf("%w: HTTP %d", webhook.ErrNotAcknowledged, 503).Error()}
		}
		errs = append(errs, store.RecordWebhookAttempt(ev, attempt))
	}
	return errors.Join(errs...)
}
