package imapsync

import (
	"context"
	"time"

	"postbridge/problem"
)

// Event is one report from a running sync: one of the types below, each
// holding only what it reports, so that no field is valid "depending on
// the kind". A reader switches on the type, as aerc's worker messages are
// read. The UI turns events into progress and the sync log; the command
// line into lines.
//
// A run sends AccountStarted first and AccountDone last. Between them,
// per folder: FolderStarted, then Imported, Warning and Progress as they
// happen, and FolderFailed when the folder failed; or, when no connection
// came about, AccountFailed alone.
type Event interface {
	// Origin is the account the event is about.
	Origin() Source
	// from returns the event with its Source set. The engine sets it on
	// every event it sends, so that no call site can forget the account;
	// being unexported, it also keeps Event to the types of this file.
	from(Source) Event
}

// Source names the account an event is about; every event embeds it.
type Source struct {
	AccountID uint
	Account   string
}

// Origin is the account the event is about.
func (s Source) Origin() Source { return s }

// AccountStarted: the sync of an account begins.
type AccountStarted struct {
	Source
}

// FolderStarted: the sync of one folder begins.
type FolderStarted struct {
	Source
	Folder string
}

// Progress: Done of Total messages of Folder are stored, Bytes of them
// so far (their filing on the server may follow, filer.go). A reader
// that falls behind may miss one; the next says where the folder stands.
type Progress struct {
	Source
	Folder      string
	Done, Total int
	Bytes       int64
}

// Imported: one message of Folder is read; it is stored with its batch.
type Imported struct {
	Source
	Folder  string
	Subject string
}

// Warning is something the user should know about; the sync goes on.
// UID is the message it is about, 0 when it is about none; the window
// and the command line word Problem in their reader's language.
type Warning struct {
	Source
	Folder  string
	UID     uint32
	Problem problem.P
}

// FolderFailed: a folder could not be synchronised; the sync goes on
// with the next.
type FolderFailed struct {
	Source
	Folder string
	Err    error
}

// AccountFailed: the account could not be synchronised at all — no
// connection, or the login was refused. AccountDone follows.
type AccountFailed struct {
	Source
	Err error
}

// AccountDone: the account is finished. Counts has its totals; Err is
// what Run returns, nil when nothing failed.
type AccountDone struct {
	Source
	Counts Counts
	Err    error
}

func (e AccountStarted) from(s Source) Event { e.Source = s; return e }
func (e FolderStarted) from(s Source) Event  { e.Source = s; return e }
func (e Progress) from(s Source) Event       { e.Source = s; return e }
func (e Imported) from(s Source) Event       { e.Source = s; return e }
func (e Warning) from(s Source) Event        { e.Source = s; return e }
func (e FolderFailed) from(s Source) Event   { e.Source = s; return e }
func (e AccountFailed) from(s Source) Event  { e.Source = s; return e }
func (e AccountDone) from(s Source) Event    { e.Source = s; return e }

// send hands e to events unless ctx ends first, and reports whether it
// did; a nil channel discards every event. A reader that falls behind
// misses a Progress, which the next one makes good, never another event;
// but a reader that is slow or gone must never hold a cancelled sync, so
// the wait for it ends with ctx.
func send(ctx context.Context, events chan<- Event, e Event) bool {
	if events == nil {
		return false
	}
	select {
	case events <- e:
		return true
	default:
	}
	if _, ok := e.(Progress); ok {
		return false
	}
	select {
	case events <- e:
		return true
	case <-ctx.Done():
		return false
	}
}

// Counts are what a sync did, per folder or for a whole account.
type Counts struct {
	Imported       int `json:"imported"`
	Moved          int `json:"moved"`
	Linked         int `json:"linked"`
	Unlinked       int `json:"unlinked"`
	NeedsAttention int `json:"needs_attention"`
	Duplicates     int `json:"duplicates"`
	Warnings       int `json:"warnings"`
	// Archived and Deleted count what the sync time limit did (manual 004).
	Archived int `json:"archived,omitempty"`
	Deleted  int `json:"deleted,omitempty"`
	// Purged counts what Purge deleted removed (manual 001).
	Purged int `json:"purged,omitempty"`
	// Refused counts messages left on the server for their size (bounds.go).
	Refused int `json:"refused,omitempty"`
}

// Add adds o to c.
func (c *Counts) Add(o Counts) {
	c.Imported += o.Imported
	c.Moved += o.Moved
	c.Archived += o.Archived
	c.Deleted += o.Deleted
	c.Purged += o.Purged
	c.Linked += o.Linked
	c.Unlinked += o.Unlinked
	c.NeedsAttention += o.NeedsAttention
	c.Duplicates += o.Duplicates
	c.Warnings += o.Warnings
	c.Refused += o.Refused
}

// Reconnecting: the connection was lost (or stopped answering) while
// Folder was synchronised; what had arrived whole is stored, and the
// folder goes on over a new connection after Wait. Err is why.
type Reconnecting struct {
	Source
	Folder  string
	Attempt int
	Err     error
	Wait    time.Duration
}

func (e Reconnecting) from(s Source) Event { e.Source = s; return e }

// settled counts the messages a run has moved forward for good: stored,
// recognised as stored, filed, or refused for its size (and so left out
// from now on). A reconnect that raises it made progress.
func (c Counts) settled() int { return c.Imported + c.Duplicates + c.Moved + c.Refused }

// Renamed returns e with its account named name, for a reader that names
// accounts its own way (the watch log: "Inbox (Alice, #3)").
func Renamed(e Event, name string) Event {
	src := e.Origin()
	src.Account = name
	return e.from(src)
}

// The kinds of the warnings the sync itself gives (those of a message's
// content are mail/message's).
const (
	WarnRemovedMeanwhile = "sync.removed_meanwhile" // the message was expunged while the sync ran
	WarnNotSent          = "sync.not_sent"          // the server did not send a message it listed
	WarnNoUIDExpunge     = "sync.no_uidexpunge"     // Count, Folder: copied and flagged, not expunged (RFC 4315)
	WarnSharedMessageID  = "sync.shared_message_id" // ID: another stored message has this Message-ID
)
