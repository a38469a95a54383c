package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

// The card refuses numbers outside their range on the field, with the
// range in the sentence (200000000 minutes once overflowed into a loop
// that logged in 15 times a second), and stores nothing.
func TestAccountCardRefusesNumbersOutOfRange(t *testing.T) {
	b, _, _ := officeBackend(t)
	_, _, c := openAccountCard(t, b)
	test.Type(c.username, "alice")
	test.Type(c.autoMinutes, "200000000")
	test.Type(c.timeout, "0.5")
	test.Type(c.syncDays, "-3")
	test.Tap(c.saveButton)
	tests := []struct{ field, want string }{
		{"auto_sync_minutes", "200000000 is not a number of minutes (1-1440, or empty for the default)"},
		{"timeout", "-1 is not a number of seconds (1-3600, or empty for the default)"},
		{"sync_days", "-3 is not a number of days (0-36500)"},
	}
	for _, tt := range tests {
		if got := c.marks.problem(tt.field); got != tt.want {
			t.Errorf("at %s: %q, want %q", tt.field, got, tt.want)
		}
	}
	if u, _ := b.Actions.Store.UserByName("Alice"); len(u.ImapAccounts) != 0 {
		t.Errorf("a refused account was stored: %+v", u.ImapAccounts)
	}
}
