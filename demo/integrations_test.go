package demo

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"postbridge/app"
	"postbridge/storage"
)

// The Integrations screen's demo data: two tokens, one used; two
// webhooks, the CRM's last delivery acknowledged, the planning tool's
// refused and its event waiting for the retry.
func TestIntegrationsForTheScreens(t *testing.T) {
	store, err := storage.Open(filepath.Join(t.TempDir(), "d.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	now := time.Date(2024, 5, 21, 9, 30, 0, 0, time.UTC)
	a := &app.Actions{Store: store, Now: func() time.Time { return now }}
	if err := Fill(store); err != nil {
		t.Fatal(err)
	}
	if err := Integrations(a); err != nil {
		t.Fatal(err)
	}
	tokens, err := store.APITokens()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tok := range tokens {
		got = append(got, fmt.Sprintf("%s %s used:%v", tok.Name, tok.Scopes, tok.LastUsedAt != nil))
	}
	if want := "crm read,send used:true; rapportage read used:false"; strings.Join(got, "; ") != want {
		t.Errorf("tokens: got %q, want %q", strings.Join(got, "; "), want)
	}
	hooks, err := store.Webhooks()
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	for _, h := range hooks {
		got = append(got, fmt.Sprintf("%s %d %q", h.Name, h.LastStatus, h.LastError))
	}
	if want := `crm 200 ""; planning 503 "the receiver did not acknowledge: HTTP 503"`; strings.Join(got, "; ") != want {
		t.Errorf("webhooks: got %s, want %s", strings.Join(got, "; "), want)
	}
	if due, _ := store.DueWebhookEvents(now.Add(5*time.Minute), 10); len(due) != 1 || due[0].WebhookID != hooks[1].ID {
		t.Errorf("waiting for the retry: %+v", due)
	}
}
