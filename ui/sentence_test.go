package ui

import (
	"errors"
	"fmt"
	"testing"

	"postbridge/mail/mailerr"
)

// A failed test whose Detail holds the conversation says only the
// sentence in the window's language; the server's English stays in
// Detail. An error without a sentence keeps its own text.
func TestSentenceOnly(t *testing.T) {
	loadTranslations()
	for _, c := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("smtp.example.nl:465: 535 5.7.8 Error: authentication failed: %w", mailerr.ErrAuthFailed),
			"The server refused the user name or password."},
		{errors.New("something odd"), "something odd"},
	} {
		if got := sentenceOnly(c.err); got != c.want {
			t.Errorf("sentenceOnly(%v) = %q, want %q", c.err, got, c.want)
		}
	}
}
