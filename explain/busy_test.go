package explain

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"postbridge/app"
)

// A busy account is one sentence naming the holder, wherever the error
// sits in what a sync of several accounts returns.
func TestAccountBusySentence(t *testing.T) {
	now := time.Now()
	today := time.Date(now.Year(), now.Month(), now.Day(), 10, 14, 0, 0, time.Local)
	busy := &app.AccountBusyError{User: "Alice", AccountID: 1, Account: "alice", Host: "PC-0042", PID: 123, Since: today}
	earlier := *busy
	earlier.Since = time.Date(2026, 11, 30, 9, 5, 0, 0, time.Local)
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"alone", busy, "Alice's account is being synchronized by PC-0042 (pid 123) since 10:14"},
		{"among others", errors.Join(errors.New("bob: refused"), fmt.Errorf("alice: %w", busy)),
			"Alice's account is being synchronized by PC-0042 (pid 123) since 10:14"},
		{"since another day", &earlier, "Alice's account is being synchronized by PC-0042 (pid 123) since 2026-11-30 09:05"},
	}
	for _, tt := range tests {
		if got := Error(tt.err); got != tt.want {
			t.Errorf("%s: Error = %q, want %q", tt.name, got, tt.want)
		}
	}
	if !errors.Is(busy, app.ErrAccountBusy) {
		t.Error("an *AccountBusyError is not ErrAccountBusy")
	}
}
