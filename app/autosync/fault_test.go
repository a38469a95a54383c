//go:build fault

package autosync

import (
	"testing"
	"time"
)

// The long load run (make fault): 20 mailboxes, one watch, one
// PostgreSQL, 25 mails each arriving through Postfix while it runs.
func TestWatchLoad20Mailboxes(t *testing.T) {
	r := runLoad(t, 25)
	t.Logf("%d mails in %d mailboxes stored and filed once in %s (%.0f mails/s from the first delivery)",
		r.messages, loadMailboxes, r.elapsed.Round(time.Millisecond), float64(r.messages)/r.elapsed.Seconds())
}
