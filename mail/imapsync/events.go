package imapsync

// EventKind says what an Event reports.
type EventKind int

// The events a sync emits, in the order they happen.
const (
	EventAccountStarted EventKind = iota
	EventFolderStarted
	EventProgress // Done of Total messages of the folder, Bytes so far
	EventImported // one message stored; Subject names it
	EventWarning  // something the user should know; the sync goes on
	EventError    // a folder failed; the sync goes on with the next
	EventDone     // the account is finished; Counts has the totals
)

// Event is one report from a running sync. The UI turns it into progress
// and the sync log; the command line into lines.
type Event struct {
	Kind      EventKind
	AccountID uint
	Account   string
	Folder    string
	Done      int
	Total     int
	Bytes     int64
	Subject   string
	Text      string // warning text
	Err       error
	Counts    Counts
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
}
