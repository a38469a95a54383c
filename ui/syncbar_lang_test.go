package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"postbridge/mail/imapsync"
)

// The toolbar, the sync log and the yes/no question follow the language.
func TestSyncBarAndLogSpeakDutch(t *testing.T) {
	switchLocaleForTest(t, "nl_NL.UTF-8")
	w := NewMainWindow(test.NewTempApp(t), emptyBackend(t))
	defer w.Window().Close()
	bar := w.toolbar
	for _, tt := range []struct{ got, want string }{
		{bar.syncBtn.Text, "Synchroniseren"},
		{bar.cancelBt.Text, "Annuleren"},
		{bar.user.PlaceHolder, "(kies de gebruiker)"},
		{doneLine(imapsync.Counts{Imported: 3, Moved: 2, Linked: 1}),
			"klaar: 3 ingelezen, 2 verplaatst, 1 gekoppeld, 0 te bekijken, 0 dubbel"},
	} {
		if tt.got != tt.want {
			t.Errorf("shows %q, want %q", tt.got, tt.want)
		}
	}

	asked := false
	confirm(w.Window(), "Vraag", "Doorgaan?", func() { asked = true })
	if m := missingTexts(overlayTexts(t, w.Window()), []string{"Ja", "Nee", "Doorgaan?"}); len(m) > 0 {
		t.Errorf("question lacks %q", m)
	}
	tapButton(t, w.Window(), "Ja")
	if !asked {
		t.Error("'Ja' did not answer yes")
	}
}
