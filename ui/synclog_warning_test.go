package ui

import "testing"

// The engine's warnings about a misbehaving server (issue 21) are known,
// so the sync log says them in the window's language.
func TestServerWarningsAreKnown(t *testing.T) {
	tests := []struct{ text, key string }{
		{"the message was removed on the server meanwhile", "synclog.w.removedMeanwhile"},
		{"the server did not send it (removed meanwhile?)", "synclog.w.notSent"},
		{"999999999999 bytes, larger than the maximum message size of 256 MB: left on the server", "synclog.w.overMaximum"},
		{"5000000 bytes, larger than the 1200 bytes the server announced: left on the server", "synclog.w.overAnnounced"},
	}
	for _, tt := range tests {
		got := ""
		for _, p := range warningPatterns {
			if p.re.MatchString(tt.text) {
				got = p.key
				break
			}
		}
		if got != tt.key {
			t.Errorf("%q is known as %q, want %q", tt.text, got, tt.key)
		}
	}
}
