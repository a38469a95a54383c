package ui

import (
	"regexp"
	"testing"

	"fyne.io/fyne/v2/test"

	"postbridge/storage"
)

// Synchronize of an account that another workstation synchronizes says
// on the status line who has it, in the window's language, and imports
// nothing.
func TestSynchronizeHeldAccountSaysWhoHasIt(t *testing.T) {
	tests := []struct {
		locale string
		want   *regexp.Regexp
	}{
		{"en_US.UTF-8", regexp.MustCompile(`^Alice's account is being synchronized by PC-0042 \(pid 123\) since \d\d:\d\d$`)},
		{"nl_NL.UTF-8", regexp.MustCompile(`^het account van Alice wordt gesynchroniseerd door PC-0042 \(pid 123\) sinds \d\d:\d\d$`)},
	}
	for _, tt := range tests {
		t.Run(tt.locale, func(t *testing.T) {
			switchLocaleForTest(t, tt.locale)
			b, _, _ := syncBackend(t, 2)
			lease, err := b.Actions.Store.AcquireLease(1, storage.LeaseTerms{Host: "PC-0042", PID: 123})
			if err != nil {
				t.Fatal(err)
			}
			defer lease.Release()
			w := NewMainWindow(test.NewTempApp(t), b)
			defer w.Window().Close()
			test.Tap(w.toolbar.syncBtn)
			w.toolbar.wait()
			waitFor(t, func() bool { return !w.toolbar.running() })
			if got := w.toolbar.status.Text; !tt.want.MatchString(got) {
				t.Errorf("status %q, want it to match %s", got, tt.want)
			}
			if n, _ := b.Actions.Store.MessageCount(1); n != 0 {
				t.Errorf("%d messages imported while another workstation held the account", n)
			}
		})
	}
}
