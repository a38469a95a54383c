package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"postbridge/storage"
)

// memSecrets records what a card stores in the keyring.
type memSecrets map[string]string

func (m memSecrets) Set(k, v string) error { m[k] = v; return nil }

// tapButton taps the button with the given text in the top overlay (a dialog).
func tapButton(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog open to tap %q in", text)
	}
	var found *widget.Button
	walk(top, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q in the dialog", text)
	}
	test.Tap(found)
}

func walk(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	f(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			walk(child, f)
		}
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(c).Objects() {
			walk(child, f)
		}
	}
}

func TestMailServerCard(t *testing.T) {
	b := emptyBackend(t)
	secrets := memSecrets{}
	b.Secrets = secrets
	a := test.NewTempApp(t)
	w := NewMainWindow(a, b)
	defer w.Window().Close()
	w.show(1) // Mail servers
	s := w.mailServers

	s.edit(storage.MailServer{Endpoint: storage.Endpoint{Port: 25}, Auth: storage.MailAuthNone})
	c := s.card
	test.Type(c.ident, "Hoofdkantoor")
	test.Type(c.host, "smtp.hq.test")
	test.Tap(c.ssl)
	if c.port.Text != "465" {
		t.Errorf("port %q after ticking SSL, want 465 (manual 002)", c.port.Text)
	}
	c.auth.SetSelected("Central")
	test.Type(c.user, "relay")
	test.Type(c.password, "pw-1")
	if n, _ := b.Actions.Store.MailServers(); len(n) != 0 {
		t.Fatal("stored before Save")
	}
	tapButton(t, w.Window(), "Save")
	list, _ := b.Actions.Store.MailServers()
	if len(list) != 1 || list[0].Identification != "Hoofdkantoor" || list[0].Port != 465 ||
		list[0].Security != storage.SecurityTLS || list[0].Auth != storage.MailAuthCentral {
		t.Fatalf("saved %+v", list)
	}
	if secrets["mailserver/Hoofdkantoor"] != "pw-1" {
		t.Errorf("keyring holds %v", secrets)
	}

	// Reopen: the card shows what was saved, and no password.
	s.list.Select(0)
	s.edit(s.rows[0])
	if s.card.host.Text != "smtp.hq.test" || !s.card.ssl.Checked || s.card.password.Text != "" {
		t.Errorf("reopened card: host %q ssl %v password %q", s.card.host.Text, s.card.ssl.Checked, s.card.password.Text)
	}
	tapButton(t, w.Window(), "Cancel")

	// A second server with the same identification is refused, in words, and nothing typed is lost.
	s.edit(storage.MailServer{Endpoint: storage.Endpoint{Port: 25}})
	test.Type(s.card.ident, "Hoofdkantoor")
	test.Type(s.card.host, "smtp.other.test")
	tapButton(t, w.Window(), "Save")
	if got := s.card.lastError; !strings.Contains(got, "Identification already exists") {
		t.Errorf("duplicate refused with %q", got)
	}
	if s.card.host.Text != "smtp.other.test" {
		t.Error("the refused card lost what was typed")
	}
	tapButton(t, w.Window(), "Cancel")
	if list, _ := b.Actions.Store.MailServers(); len(list) != 1 {
		t.Errorf("%d servers after a refused save", len(list))
	}

	// Delete shows the record and asks first.
	s.list.Select(0)
	s.confirmDelete()
	if list, _ := b.Actions.Store.MailServers(); len(list) != 1 {
		t.Fatal("deleted before the answer")
	}
	tapButton(t, w.Window(), "Yes")
	if list, _ := b.Actions.Store.MailServers(); len(list) != 0 {
		t.Errorf("%d servers after Yes", len(list))
	}
}
