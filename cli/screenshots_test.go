package cli

import (
	"strings"
	"testing"
)

// The shipped program has no screenshot generator; its command says in
// one line how to get the pictures and fails, whatever flags it is given.
func TestScreenshotsSaysHowToGetThem(t *testing.T) {
	for _, args := range [][]string{
		{"screenshots"},
		{"screenshots", "--out", "x"},
		{"screenshots", "--out", "x", "--lang", "nl"},
	} {
		r := run(t, "", args...)
		if r.code != ExitFailure {
			t.Errorf("postbridge %v = exit %d, want %d", args, r.code, ExitFailure)
		}
		if got := strings.TrimSpace(r.stderr); strings.Count(got, "\n") != 0 || !strings.Contains(got, "make screenshots") {
			t.Errorf("postbridge %v said %q, want one line naming make screenshots", args, got)
		}
	}
}
