package imapsync

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// A probe is a mail Postbridge sent to a mailbox it can read, to see it
// as the recipient's server stored it (the deliverability check reads
// its DKIM signatures): find it by Message-ID, fetch it, delete it.

// ErrNotArrived is returned when the mail searched for did not arrive in
// the folder within the time allowed.
var ErrNotArrived = errors.New("the mail did not arrive in time")

// ErrProbeTooLarge is returned for a mail with the searched Message-ID
// that is larger than a probe can be: not the mail Postbridge sent.
var ErrProbeTooLarge = errors.New("the mail found is larger than a test mail")

// maxProbeBytes bounds the mail a probe reads back: a test mail is a few
// kilobytes, its signatures and the Received lines of its route included.
const maxProbeBytes = 1 << 20

// Probed is the mail found: where it is and its bytes (RFC 5322).
type Probed struct {
	Folder string
	UID    uint32
	Raw    []byte
}

// WaitForMessageID selects folder and looks for the mail whose
// Message-ID is messageID (with its angle brackets), every poll until it
// is there or wait has passed (ErrNotArrived) or ctx ends. The server
// reports mail that arrived since the last command with each SEARCH
// (RFC 9051 §5.2), so the search itself is the poll. The body is read
// with BODY.PEEK[] (RFC 9051 §6.4.5): nothing is marked read.
func (c *Conn) WaitForMessageID(ctx context.Context, folder, messageID string, wait, poll time.Duration) (Probed, error) {
	p := Probed{Folder: folder}
	if _, err := c.c.Select(folder, nil).Wait(); err != nil {
		return p, fmt.Errorf("select %s: %w", folder, c.classify(err))
	}
	deadline := time.Now().Add(wait)
	for {
		uid, err := c.searchMessageID(messageID)
		if err != nil {
			return p, err
		}
		if uid != 0 {
			p.UID = uint32(uid)
			p.Raw, err = c.fetchProbe(uid)
			return p, err
		}
		left := time.Until(deadline)
		if left <= 0 {
			return p, fmt.Errorf("%s in %s: %w", messageID, folder, ErrNotArrived)
		}
		select {
		case <-ctx.Done():
			return p, ctx.Err()
		case <-time.After(min(poll, left)):
		}
	}
}

// searchMessageID is UID SEARCH HEADER Message-ID (RFC 9051 §6.4.4: a
// substring match, so the brackets keep "<a@b>" from matching "<xa@b>");
// 0 when no mail has it. The last is taken if a relay doubled it.
func (c *Conn) searchMessageID(messageID string) (imap.UID, error) {
	crit := &imap.SearchCriteria{Header: []imap.SearchCriteriaHeaderField{{Key: "Message-ID", Value: messageID}}}
	data, err := c.c.UIDSearch(crit, nil).Wait()
	if err != nil {
		return 0, fmt.Errorf("search for %s: %w", messageID, c.classify(err))
	}
	uids := data.AllUIDs()
	if len(uids) == 0 {
		return 0, nil
	}
	return uids[len(uids)-1], nil
}

// fetchProbe reads the whole mail uid, at most maxProbeBytes of it.
func (c *Conn) fetchProbe(uid imap.UID) ([]byte, error) {
	cmd := c.c.Fetch(imap.UIDSetNum(uid), &imap.FetchOptions{
		UID: true, BodySection: []*imap.FetchItemBodySection{{Peek: true}}})
	defer cmd.Close()
	var raw []byte
	for msg := cmd.Next(); msg != nil; msg = cmd.Next() {
		for item := msg.Next(); item != nil; item = msg.Next() {
			body, ok := item.(imapclient.FetchItemDataBodySection)
			if !ok || body.Literal == nil || raw != nil {
				continue
			}
			b, err := io.ReadAll(io.LimitReader(body.Literal, maxProbeBytes+1))
			if err != nil {
				return nil, fmt.Errorf("fetch UID %d: %w", uid, c.classify(err))
			}
			if len(b) > maxProbeBytes {
				return nil, fmt.Errorf("UID %d: %w", uid, ErrProbeTooLarge)
			}
			raw = b
		}
	}
	if err := cmd.Close(); err != nil {
		return nil, fmt.Errorf("fetch UID %d: %w", uid, c.classify(err))
	}
	if raw == nil {
		return nil, fmt.Errorf("fetch UID %d: the server sent no body", uid)
	}
	return raw, nil
}

// DeleteProbe removes mail uid from the selected folder: UID STORE
// +FLAGS (\Deleted) then UID EXPUNGE of that one UID (RFC 4315 §2.1, part
// of IMAP4rev2), which leaves alone what others flagged \Deleted. Without
// UIDPLUS a plain EXPUNGE would remove those too, so the mail is left as
// it is and deleted reports false.
func (c *Conn) DeleteProbe(uid uint32) (deleted bool, err error) {
	if !c.hasUIDExpunge() {
		return false, nil
	}
	set := imap.UIDSetNum(imap.UID(uid))
	if err := c.flagDeleted(set); err != nil {
		return false, err
	}
	if err := c.c.UIDExpunge(set).Close(); err != nil {
		return false, fmt.Errorf("expunge UID %d: %w", uid, c.classify(err))
	}
	return true, nil
}
