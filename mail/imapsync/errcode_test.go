package imapsync

import (
	"errors"
	"fmt"
	"testing"

	"github.com/emersion/go-imap/v2"

	"postbridge/mail/mailerr"
)

// Temporary and FolderOnly decide per folder: one folder the server does
// not have (a permanent NO [NONEXISTENT]) does not make a lost network in
// another folder permanent, and alone it is that folder's problem only.
func TestTemporaryIsDecidedPerFolder(t *testing.T) {
	missing := &FolderError{Folder: "Projecten/Oud", Err: fmt.Errorf("select: %w",
		&imap.Error{Type: imap.StatusResponseTypeNo, Code: imap.ResponseCodeNonExistent, Text: "Mailbox doesn't exist"})}
	lost := &FolderError{Folder: "INBOX", Err: mailerr.Network("127.0.0.1:143", fmt.Errorf("read: %w", mailerr.ErrTimeout))}
	login := fmt.Errorf("127.0.0.1:143: %w", mailerr.ErrAuthFailed)
	tests := []struct {
		name                 string
		err                  error
		temporary, folderOne bool
	}{
		{"a missing folder", errors.Join(missing), false, true},
		{"a missing folder and a lost network", errors.Join(errors.Join(missing), errors.Join(lost)), true, false},
		{"a lost network", errors.Join(lost), true, false},
		{"a wrong password", login, false, false},
		{"a wrong password and a missing folder", errors.Join(login, missing), false, false},
		{"nothing", nil, false, false},
	}
	for _, tt := range tests {
		if got := Temporary(tt.err); got != tt.temporary {
			t.Errorf("%s: Temporary = %v, want %v", tt.name, got, tt.temporary)
		}
		if got := FolderOnly(tt.err); got != tt.folderOne {
			t.Errorf("%s: FolderOnly = %v, want %v", tt.name, got, tt.folderOne)
		}
	}
}
