package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"postbridge/storage"
)

// find returns the first object under o that match accepts.
func find[T fyne.CanvasObject](t *testing.T, o fyne.CanvasObject, what string, match func(T) bool) T {
	t.Helper()
	var found T
	var ok bool
	walk(o, func(c fyne.CanvasObject) {
		if x, is := c.(T); is && !ok && match(x) {
			found, ok = x, true
		}
	})
	if !ok {
		t.Fatalf("no %s on the screen", what)
	}
	return found
}

func shownSecret(t *testing.T, w fyne.Window, prefix string) string {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog shows the new secret")
	}
	e := find(t, top, "entry with the secret", func(e *widget.Entry) bool { return strings.HasPrefix(e.Text, prefix) })
	test.Type(e, "x") // it cannot be changed by mistake
	return e.Text
}

// A token is shown once, listed by name and scope, and revoked; a
// webhook's secret goes to the keyring and is shown once.
func TestIntegrationsScreenMakesTokensAndWebhooks(t *testing.T) {
	switchLocaleForTest(t, "de_DE.UTF-8")
	b, secrets, _ := officeBackend(t)
	w := NewMainWindow(test.NewTempApp(t), b)
	t.Cleanup(func() { w.Window().Close() })
	w.show(navIntegrations)
	screen := w.content
	entries := func(hint string) *widget.Entry {
		return find(t, screen, "entry "+hint, func(e *widget.Entry) bool { return e.PlaceHolder == hint })
	}
	button := func(text string) *widget.Button {
		return find(t, screen, "button "+text, func(b *widget.Button) bool { return b.Text == text })
	}
	test.Type(entries("Name, z. B. crm"), "crm")
	test.Tap(find(t, screen, "send check", func(c *widget.Check) bool { return c.Text == "Darf E-Mails senden" }))
	test.Tap(button("Token erstellen"))
	token := shownSecret(t, w.Window(), "pbt_")
	got, err := b.Actions.Store.APITokenFor(token, time.Now())
	if err != nil || got.Name != "crm" || !got.HasScope(storage.ScopeSend) {
		t.Fatalf("the shown token: %+v, %v", got, err)
	}
	w.Window().Canvas().Overlays().Top().Hide()
	if text := labelsOf(screen); !strings.Contains(text, "crm") || !strings.Contains(text, "darf lesen und senden") || strings.Contains(text, token) {
		t.Errorf("token list:\n%s", text)
	}
	test.Tap(button("Widerrufen"))
	tapButton(t, w.Window(), "Ja")
	if list, _ := b.Actions.Store.APITokens(); len(list) != 0 {
		t.Errorf("after revoke: %+v", list)
	}

	hooks := find(t, screen, "webhook entries", func(e *widget.Entry) bool { return e.PlaceHolder == "https://crm.example/postbridge" })
	var names []*widget.Entry
	walk(screen, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && e.PlaceHolder == "Name, z. B. crm" {
			names = append(names, e)
		}
	})
	test.Type(names[len(names)-1], "crm")
	test.Type(hooks, "https://crm.example/hook")
	test.Tap(button("Webhook hinzufügen"))
	secret := shownSecret(t, w.Window(), "whsec_")
	if secrets["company/webhook/crm"] != secret {
		t.Errorf("the keyring holds %q, the dialog showed %q", secrets["company/webhook/crm"], secret)
	}
	list, err := b.Actions.Store.Webhooks()
	if err != nil || len(list) != 1 || list[0].URL != "https://crm.example/hook" || list[0].Events != storage.EventMessageNew {
		t.Errorf("webhooks: %+v, %v", list, err)
	}
	if text := labelsOf(screen); !strings.Contains(text, "noch nichts zugestellt") {
		t.Errorf("webhook list:\n%s", text)
	}
}

// A webhook's last delivery is said in the reader's language: a refusal
// by its HTTP status, not by the dispatcher's English error; only a
// connection that failed shows the system's own words.
func TestWebhookRowSaysTheLastDelivery(t *testing.T) {
	switchLocaleForTest(t, "de_DE.UTF-8")
	b, _, _ := officeBackend(t)
	w := NewMainWindow(test.NewTempApp(t), b)
	t.Cleanup(func() { w.Window().Close() })
	v := &integrationsView{w: w}
	at := time.Date(2024, 5, 21, 9, 12, 0, 0, time.Local)
	tests := []struct {
		name      string
		h         storage.Webhook
		want, not string
	}{
		{"never", storage.Webhook{Name: "crm", URL: "https://crm.test/h"}, "noch nichts zugestellt", "HTTP"},
		{"acknowledged", storage.Webhook{Name: "crm", LastDeliveryAt: &at, LastStatus: 200}, "bestätigt (HTTP 200)", "abgelehnt"},
		{"refused", storage.Webhook{Name: "crm", LastDeliveryAt: &at, LastStatus: 503,
			LastError: "the receiver did not acknowledge: HTTP 503"}, "abgelehnt (HTTP 503), wird später erneut versucht", "receiver"},
		{"no answer", storage.Webhook{Name: "crm", LastDeliveryAt: &at, LastError: "dial tcp 10.0.0.9:80: connection refused"},
			"fehlgeschlagen, wird später wiederholt: dial tcp 10.0.0.9:80: connection refused", "abgelehnt"},
	}
	for _, tt := range tests {
		got := labelsOf(v.hookRow(tt.h))
		if !strings.Contains(got, tt.want) || strings.Contains(got, tt.not) {
			t.Errorf("%s: got %q, want %q without %q", tt.name, got, tt.want, tt.not)
		}
	}
}
