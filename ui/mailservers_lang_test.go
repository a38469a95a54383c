package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"postbridge/assets"
	"postbridge/storage"
)

// switchLocaleForTest makes t(...) answer in locale (e.g. "nl_NL.UTF-8")
// until the test ends. Fyne reads the locale when translations are added,
// so they are added again both times; LANGUAGE is set too because it
// outranks LC_ALL (UseLanguage sets it for --lang).
func switchLocaleForTest(t *testing.T, locale string) {
	t.Helper()
	reload := func() {
		if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
			t.Error(err)
		}
	}
	// Registered before Setenv, so it runs after Setenv has restored the
	// environment: the next test gets the language it had.
	t.Cleanup(reload)
	base, _, _ := strings.Cut(locale, "_")
	t.Setenv("LC_ALL", locale)
	t.Setenv("LANGUAGE", base)
	reload()
}

// overlayTexts collects every text the top dialog shows: labels, buttons,
// check boxes, radio choices, form labels.
func overlayTexts(t *testing.T, w fyne.Window) []string {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog open")
	}
	var texts []string
	walk(top, func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Label:
			texts = append(texts, v.Text)
		case *widget.Button:
			texts = append(texts, v.Text)
		case *widget.Check:
			texts = append(texts, v.Text)
		case *widget.RadioGroup:
			texts = append(texts, v.Options...)
		case *canvas.Text:
			texts = append(texts, v.Text)
		}
	})
	return texts
}

func missingTexts(got, want []string) []string {
	shown := "\x00" + strings.Join(got, "\x00") + "\x00"
	var missing []string
	for _, w := range want {
		if !strings.Contains(shown, "\x00"+w+"\x00") {
			missing = append(missing, w)
		}
	}
	return missing
}

// The mail server card and its Delete question use manual 002's own
// Dutch words, and the Dutch answer 'Ja' really deletes.
func TestMailServersSpeakManual002(t *testing.T) {
	tests := []struct {
		locale       string
		card, delete []string
		save, yes    string
	}{
		{"nl_NL.UTF-8",
			[]string{"Identificatie (verplicht)", "Mail serveradres (verplicht)", "Poort", "Beveiligde verbinding (SSL)",
				"Authenticatie", "Geen", "Centraal", "Per medewerker", "Opslaan", "Annuleren",
				"Test e-mail versturen"},
			[]string{"Weet je zeker dat je dit serveradres wilt verwijderen?", "Identificatie", "Mail serveradres", "Poort", "Nee"},
			"Opslaan", "Ja"},
		{"de_DE.UTF-8",
			[]string{"Identifikation (Pflichtfeld)", "Port", "Sichere Verbindung (SSL)", "Keine", "Zentral", "Pro Mitarbeiter", "Speichern"},
			[]string{"Sind Sie sicher, dass Sie diese Serveradresse löschen möchten?", "Nein"},
			"Speichern", "Ja"},
		{"nb_NO.UTF-8",
			[]string{"Identifikasjon (påkrevd)", "Sikker tilkobling (SSL)", "Ingen", "Sentral", "Per ansatt", "Lagre"},
			[]string{"Er du sikker på at du vil slette denne serveradressen?", "Nei"},
			"Lagre", "Ja"},
	}
	for _, tt := range tests {
		t.Run(tt.locale, func(t *testing.T) {
			switchLocaleForTest(t, tt.locale)
			b := emptyBackend(t)
			b.Secrets = memSecrets{}
			w := NewMainWindow(test.NewTempApp(t), b)
			defer w.Window().Close()
			w.show(1) // Mail servers
			s := w.mailServers

			s.edit(storage.MailServer{Endpoint: storage.Endpoint{Port: 25}, Auth: storage.MailAuthNone})
			if m := missingTexts(overlayTexts(t, w.Window()), tt.card); len(m) > 0 {
				t.Errorf("card lacks %q; shows %q", m, overlayTexts(t, w.Window()))
			}
			test.Type(s.card.ident, "Hoofdkantoor")
			test.Type(s.card.host, "smtp.hq.test")
			s.card.auth.SetSelected(authLabel(storage.MailAuthPerEmployee))
			tapButton(t, w.Window(), tt.save)
			list, _ := b.Actions.Store.MailServers()
			if len(list) != 1 || list[0].Auth != storage.MailAuthPerEmployee {
				t.Fatalf("saved %+v, want one server with per-employee authentication", list)
			}

			s.list.Select(0)
			s.confirmDelete()
			if m := missingTexts(overlayTexts(t, w.Window()), tt.delete); len(m) > 0 {
				t.Errorf("delete question lacks %q; shows %q", m, overlayTexts(t, w.Window()))
			}
			tapButton(t, w.Window(), tt.yes)
			if list, _ := b.Actions.Store.MailServers(); len(list) != 0 {
				t.Errorf("%d servers after %q", len(list), tt.yes)
			}
		})
	}
}
