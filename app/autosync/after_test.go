package autosync

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"postbridge/app"
	"postbridge/mail/imapsync"
	"postbridge/mail/mailerr"
)

// A folder's own permanent problem (a mirror folder gone from the server)
// leaves the account its interval and its IDLE watch; joined with a lost
// network the account is retried soon, never dropped to the hourly retry
// of a failure that will not pass; only the account's own permanent
// failure (a wrong password) is.
func TestAFolderProblemKeepsTheAccountsIntervalAndIdle(t *testing.T) {
	r := &Runner{Backoff: func(int) time.Duration { return 7 * time.Second }, PermanentRetry: time.Hour}
	acc := app.AutoAccount{Name: "Kantoor", Interval: 5 * time.Minute}
	missing := &imapsync.FolderError{Folder: "Projecten/Oud", Err: fmt.Errorf("select: %w", imapsync.ErrFolderMissing)}
	lost := &imapsync.FolderError{Folder: "INBOX", Err: mailerr.Network("127.0.0.1:143", fmt.Errorf("read: %w", mailerr.ErrTimeout))}
	tests := []struct {
		name      string
		err       error
		wait      time.Duration
		keepWatch bool
	}{
		{"a missing folder", errors.Join(missing), 5 * time.Minute, true},
		{"a missing folder and a lost network", errors.Join(missing, lost), 7 * time.Second, false},
		{"a wrong password", fmt.Errorf("login: %w", mailerr.ErrAuthFailed), time.Hour, false},
		{"success", nil, 5 * time.Minute, true},
	}
	for _, tt := range tests {
		wait, keepWatch, _ := r.after(acc, tt.err, 0, false)
		if wait != tt.wait || keepWatch != tt.keepWatch {
			t.Errorf("%s: next pass in %s, IDLE kept %v; want %s, %v", tt.name, wait, keepWatch, tt.wait, tt.keepWatch)
		}
	}
}
