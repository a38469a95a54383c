package imapsync

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/emersion/go-imap/v2"

	"postbridge/mail/mailerr"

	"postbridge/problem"
)

// ErrNoUIDExpunge is reported (as a warning) when a server offers neither
// MOVE nor UIDPLUS: filed messages stay in the folder flagged \Deleted.
var ErrNoUIDExpunge = errors.New("the server offers neither MOVE nor UIDPLUS")

// fileMessages moves uids from the selected folder to dest and returns
// how many were moved. Only UID-based commands touch the source folder:
// UID MOVE (RFC 6851), or UID COPY + \Deleted + UID EXPUNGE (RFC 4315).
// A plain EXPUNGE is never sent: it would also remove messages that
// someone else had flagged \Deleted. Without UIDPLUS the copies are made
// and the originals flagged, and warn says so.
func (c *Conn) fileMessages(uids []imap.UID, dest string, warn func(problem.P)) (int, error) {
	if len(uids) == 0 {
		return 0, nil
	}
	set := imap.UIDSetNum(uids...)
	caps := c.c.Caps()
	if caps.Has(imap.CapMove) || caps.Has(imap.CapIMAP4rev2) {
		if _, err := c.c.Move(set, dest).Wait(); err != nil {
			return 0, fmt.Errorf("move to %s: %w", dest, c.classify(err))
		}
		return len(uids), nil
	}
	if _, err := c.c.Copy(set, dest).Wait(); err != nil {
		return 0, fmt.Errorf("copy to %s: %w", dest, c.classify(err))
	}
	if err := c.flagDeleted(set); err != nil {
		return 0, fmt.Errorf("filed messages: %w", err)
	}
	if !c.hasUIDExpunge() {
		warn(problem.New(WarnNoUIDExpunge, "Count", strconv.Itoa(len(uids)), "Folder", dest))
		return len(uids), nil
	}
	if err := c.c.UIDExpunge(set).Close(); err != nil {
		return 0, fmt.Errorf("expunge filed messages: %w", c.classify(err))
	}
	return len(uids), nil
}

// hasUIDExpunge reports whether the server can expunge by UID (UIDPLUS,
// RFC 4315, or IMAP4rev2, which includes it).
func (c *Conn) hasUIDExpunge() bool {
	caps := c.c.Caps()
	return caps.Has(imap.CapUIDPlus) || caps.Has(imap.CapIMAP4rev2)
}

// flagDeleted adds \Deleted to the messages of set.
func (c *Conn) flagDeleted(set imap.UIDSet) error {
	store := c.c.Store(set, &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true,
		Flags: []imap.Flag{imap.FlagDeleted}}, nil)
	if err := store.Close(); err != nil {
		return fmt.Errorf("flag deleted: %w", c.classify(err))
	}
	return nil
}

// ensureFolder creates name when it does not exist yet.
func (c *Conn) ensureFolder(name string) error {
	list, err := c.c.List("", name, nil).Collect()
	if err != nil {
		return fmt.Errorf("look for folder %s: %w", name, c.classify(err))
	}
	if len(list) > 0 {
		return nil
	}
	if err := c.c.Create(name, nil).Wait(); err != nil {
		return fmt.Errorf("create folder %s: %w", name, c.classify(err))
	}
	return nil
}

// classify names failures of this connection: a server's refusal by its
// response code (RFC 5530), otherwise the network's.
// A failure the guard (deadline.go) caused comes first: go-imap hands it
// on as text only.
func (c *Conn) classify(err error) error {
	if gerr := c.g.failed(); gerr != nil {
		return fmt.Errorf("%s: %w", c.srv.Addr(), gerr)
	}
	return classify(c.srv.Addr(), err)
}

// classify is Conn.classify for a server address.
func classify(addr string, err error) error {
	var imapErr *imap.Error
	if errors.As(err, &imapErr) {
		if kind := mailerr.IMAPCode(string(imapErr.Code)); kind != nil {
			return fmt.Errorf("%s: %w: %w", addr, kind, err) // the kind, and go-imap's *imap.Error for errors.As
		}
	}
	return mailerr.Network(addr, err)
}
