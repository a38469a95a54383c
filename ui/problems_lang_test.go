package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"postbridge/problem"
	"postbridge/storage"
)

// Stored problems are kept as kinds and arguments, so the window words
// them in its language when it shows them: the health view's last error
// and refusal and a message's attention reasons change language with the
// window; a row of an older Postbridge shows its sentence as written.
func TestStoredProblemsFollowTheWindowsLanguage(t *testing.T) {
	b, bob, carol := healthOffice(t)
	err := b.Actions.Store.RefuseMessage(storage.RefusedMessage{AccountID: bob, Folder: "In", UIDValidity: 1, UID: 9, Size: 99 << 20,
		Reason: problem.New("refused.over_maximum", "MB", "50"), RefusedAt: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	// Carol's row was written by an older Postbridge: a sentence.
	if err := b.Actions.Store.RecordSync(carol, storage.SyncOutcome{At: time.Now(), Error: "eine ältere Meldung",
		Problem: problem.Text("eine ältere Meldung")}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Aannemersbedrijf Smit", "Van Dijk Architecten"} {
		r := storage.Relation{Name: name, Emails: []storage.RelationEmail{{Address: "info@bouwcombinatie.nl"}}}
		if err := b.Actions.Store.SaveRelation(&r); err != nil {
			t.Fatal(err)
		}
	}
	_, err = b.Actions.Store.ImportBatch(bob, []storage.NewMessage{{Message: storage.Message{Folder: "In", UIDValidity: 1, UID: 1,
		SHA256: "m1", Direction: storage.DirectionIn, From: "info@bouwcombinatie.nl", Subject: "Planning",
		Date: time.Date(2024, 5, 14, 9, 30, 0, 0, time.UTC)},
		LinkAddresses: []string{"info@bouwcombinatie.nl"}, ProjectNumber: "1999; 001"}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	waiting, err := b.Actions.Store.ListMessages(storage.MessageFilter{NeedsAttention: true})
	if err != nil || len(waiting) != 1 {
		t.Fatalf("%d messages need attention (%v), want 1", len(waiting), err)
	}

	w := NewMainWindow(test.NewTempApp(t), b)
	t.Cleanup(func() { w.Window().Close() })
	for _, tt := range []struct {
		locale string
		want   []string
	}{
		{"de_DE.UTF-8", []string{"der Server lehnt Benutzername oder Passwort ab", "größer als die maximale Nachrichtengröße von 50 MB",
			"eine ältere Meldung", "mehrere Kontakte haben info@bouwcombinatie.nl; es gibt kein Projekt 1999; 001"}},
		{"nl_NL.UTF-8", []string{"de server weigert de gebruikersnaam of het wachtwoord", "groter dan de maximale berichtgrootte van 50 MB",
			"eine ältere Meldung", "meerdere relaties hebben info@bouwcombinatie.nl; er is geen project 1999; 001"}},
	} {
		switchLocaleForTest(t, tt.locale)
		w.display(navHealth)
		d := newMessageDetail(w, func() {})
		d.show(waiting[0])
		shown := labelsOf(w.health.rows) + labelsOf(d.object())
		for _, want := range tt.want {
			if !strings.Contains(shown, want) {
				t.Errorf("%s: the window lacks %q:\n%s", tt.locale, want, shown)
			}
		}
	}
}
