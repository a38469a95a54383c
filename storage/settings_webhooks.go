package storage

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// WebhookJSON is a webhook in the settings file: where the business
// software hears of Postbridge's events. The signing secret stays in the
// keyring; the file names only its key.
type WebhookJSON struct {
	Name string `json:"name"`
	URL  string `json:"url"`
	// Events are the event types it receives; left out or empty: all,
	// including types a later version adds.
	Events []string `json:"events,omitempty"`
	// Secret is the keyring key of the signing secret; default
	// company/webhook/NAME, as `postbridge webhook add` keeps it.
	Secret string `json:"secret,omitempty"`
	Active *bool  `json:"active,omitempty"` // default true
}

// SecretWebhook is the default keyring key of a webhook's signing secret.
func SecretWebhook(name string) string { return "company/webhook/" + name }

// webhookURLOK reports whether u is an absolute http or https URL.
func webhookURLOK(u string) bool {
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Host != ""
}

func (v *validator) webhooks(list []WebhookJSON) {
	names := unique{}
	for i, w := range list {
		p := fmt.Sprintf("webhooks[%d]", i)
		switch {
		case w.Name == "":
			v.fail(p+".name", "required")
		case !validTokenName(w.Name):
			v.fail(p+".name", "not_webhook_name", w.Name)
		case names.seen(w.Name):
			v.fail(p+".name", "duplicate_webhook", w.Name)
		}
		switch {
		case w.URL == "":
			v.fail(p+".url", "required")
		case !webhookURLOK(w.URL):
			v.fail(p+".url", "not_http_url", w.URL)
		}
		for j, e := range w.Events {
			if !slices.Contains(WebhookEvents, e) {
				v.fail(fmt.Sprintf("%s.events[%d]", p, j),
					"not_event", e)
			}
		}
		v.secret(p+".secret", w.Secret)
	}
}

// importWebhooks adds or changes the file's webhooks by name. The last
// delivery and the events waiting in the outbox stay as they are.
func importWebhooks(tx *gorm.DB, f *SettingsFile) error {
	for _, j := range f.Webhooks {
		var w Webhook
		if err := findBy(tx, &w, "name", j.Name); err != nil {
			return err
		}
		w.Name, w.URL, w.Events = j.Name, j.URL, strings.Join(j.Events, ",")
		w.SecretKey = j.Secret
		if w.SecretKey == "" {
			w.SecretKey = SecretWebhook(j.Name)
		}
		w.Active = j.Active == nil || *j.Active
		if w.CreatedAt.IsZero() {
			w.CreatedAt = time.Now().UTC()
		}
		if err := save(tx, &w); err != nil {
			return err
		}
	}
	return nil
}

func exportWebhooks(tx *gorm.DB, f *SettingsFile) error {
	var list []Webhook
	if err := tx.Order("name").Find(&list).Error; err != nil {
		return err
	}
	for _, w := range list {
		j := WebhookJSON{Name: w.Name, URL: w.URL, Secret: w.SecretKey, Active: &w.Active}
		if w.Events != "" {
			j.Events = strings.Split(w.Events, ",")
		}
		f.Webhooks = append(f.Webhooks, j)
	}
	return nil
}
