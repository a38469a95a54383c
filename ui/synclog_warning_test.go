package ui

import (
	"testing"

	"postbridge/mail/imapsync"
	"postbridge/problem"
)

// The sync's warnings are problems; the sync log words them in the
// window's language, a message's UID first, a refusal with its size.
func TestWarningsInTheWindowsLanguage(t *testing.T) {
	switchLocaleForTest(t, "nl_NL.UTF-8")
	tests := []struct {
		w    imapsync.Warning
		want string
	}{
		{imapsync.Warning{UID: 7, Problem: problem.New("message.no_date")}, "bericht UID 7: geen datum (Date)"},
		{imapsync.Warning{UID: 8, Problem: problem.New("sync.removed_meanwhile")}, "bericht UID 8: het bericht is intussen op de server verwijderd"},
		{imapsync.Warning{UID: 9, Problem: problem.New("refused.over_maximum", "MB", "256", "Size", "999999999")},
			"bericht UID 9: 999999999 bytes, groter dan de maximale berichtgrootte van 256 MB: op de server gelaten"},
		{imapsync.Warning{Problem: problem.New("sync.no_uidexpunge", "Count", "3", "Folder", "Archief")},
			"de server biedt MOVE noch UIDPLUS: 3 berichten zijn naar Archief gekopieerd en als verwijderd gemarkeerd, maar blijven in de map tot die wordt opgeschoond"},
		// A row of an older Postbridge holds its sentence: shown as it is.
		{imapsync.Warning{Problem: problem.Text("something new")}, "something new"},
	}
	for _, tt := range tests {
		if got := warningText(tt.w); got != tt.want {
			t.Errorf("warningText(%v) = %q, want %q", tt.w.Problem, got, tt.want)
		}
	}
}
