package imapsync

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/emersion/go-imap/v2"
)

// AppendSent files a message the application sent into the sent folder,
// marked \Seen (manual 000: sent mail appears in the user's sent folder).
// The folder must exist; it is not created.
func (c *Conn) AppendSent(folder string, raw []byte, date time.Time) error {
	cmd := c.c.Append(folder, int64(len(raw)), &imap.AppendOptions{
		Flags: []imap.Flag{imap.FlagSeen},
		Time:  date,
	})
	if _, err := cmd.Write(raw); err != nil {
		cmd.Close()
		return fmt.Errorf("append to %q: %w", folder, c.classify(err))
	}
	if err := cmd.Close(); err != nil {
		return fmt.Errorf("append to %q: %w", folder, c.classify(err))
	}
	if _, err := cmd.Wait(); err != nil {
		if isTryCreate(err) {
			return fmt.Errorf("sent folder %q: %w", folder, ErrFolderMissing)
		}
		return fmt.Errorf("append to %q: %w", folder, c.classify(err))
	}
	return nil
}

// isTryCreate reports the TRYCREATE response code, which a server sends
// when APPEND names a folder that does not exist (RFC 9051 §7.1).
func isTryCreate(err error) bool {
	var imapErr *imap.Error
	return errors.As(err, &imapErr) && imapErr.Code == imap.ResponseCodeTryCreate
}

// folderMissing reports whether a command on folder failed because the
// folder does not exist: the NONEXISTENT response code (RFC 5530 §3), or,
// from a server that answers NO without a code (Dovecot on SELECT), a
// LIST of that name that finds no such mailbox (RFC 9051 §6.3.9).
func (c *Conn) folderMissing(folder string, err error) bool {
	var imapErr *imap.Error
	if !errors.As(err, &imapErr) || imapErr.Type != imap.StatusResponseTypeNo {
		return false
	}
	if imapErr.Code != "" {
		return imapErr.Code == imap.ResponseCodeNonExistent
	}
	listed, lerr := c.c.List("", folder, nil).Collect()
	if lerr != nil {
		return false
	}
	for _, l := range listed {
		if l.Mailbox == folder && !slices.Contains(l.Attrs, imap.MailboxAttrNonExistent) {
			return false
		}
	}
	return true
}
