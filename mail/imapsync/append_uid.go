package imapsync

import (
	"fmt"
	"time"

	"github.com/emersion/go-imap/v2"
)

// Appended is where an APPEND put a message: the folder's UIDVALIDITY and
// the message's UID, from the APPENDUID response code (RFC 4315 §3,
// part of IMAP4rev2, RFC 9051 §7.1). Zero when the server does not say.
type Appended struct {
	UIDValidity, UID uint32
}

// AppendSentUID is AppendSent that also says where the message went, so
// that the caller can import it under the identity a later sync of the
// folder will see (the HTTP API's send).
func (c *Conn) AppendSentUID(folder string, raw []byte, date time.Time) (Appended, error) {
	cmd := c.c.Append(folder, int64(len(raw)), &imap.AppendOptions{
		Flags: []imap.Flag{imap.FlagSeen},
		Time:  date,
	})
	if _, err := cmd.Write(raw); err != nil {
		cmd.Close()
		return Appended{}, fmt.Errorf("append to %q: %w", folder, c.classify(err))
	}
	if err := cmd.Close(); err != nil {
		return Appended{}, fmt.Errorf("append to %q: %w", folder, c.classify(err))
	}
	data, err := cmd.Wait()
	if err != nil {
		if isTryCreate(err) {
			return Appended{}, fmt.Errorf("sent folder %q: %w", folder, ErrFolderMissing)
		}
		return Appended{}, fmt.Errorf("append to %q: %w", folder, c.classify(err))
	}
	if data == nil {
		return Appended{}, nil
	}
	return Appended{UIDValidity: data.UIDValidity, UID: uint32(data.UID)}, nil
}
