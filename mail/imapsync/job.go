package imapsync

import (
	"time"

	"postbridge/storage"

	"postbridge/problem"
)

// Importer is the database as the sync engine uses it.
type Importer interface {
	ImportedUIDs(account uint, folder string, uidValidity uint32, uids []uint32) (map[uint32]bool, error)
	// ImportFollowing commits a batch, beside the commit of the batch
	// before it (prev) when that still runs: storage keeps their order.
	ImportFollowing(account uint, batch []storage.NewMessage, now time.Time, prev *storage.Preceding) (storage.ImportResult, error)
	// PackRaw writes a batch's raw messages ahead of ImportFollowing (the
	// SQLite pack files), so that the disk work overlaps the commit before.
	PackRaw(batch []storage.NewMessage) (*storage.Pack, error)
	// Mirror mode keeps per-folder state and follows the server.
	FolderStateOf(account uint, folder string) (storage.FolderState, error)
	SaveFolderState(fs storage.FolderState) error
	FolderUIDs(account uint, folder string, uidValidity uint32) ([]uint32, error)
	MarkDeletedOnServer(account uint, folder string, uidValidity uint32, uids []uint32) error
	MarkArchived(account uint, folder string, uidValidity uint32, uids []uint32) error
	// ForgetFolder removes a folder's stored messages that the server still
	// has, and its folder state, for ReIndex.
	ForgetFolder(account uint, folder string) error
	SetFlags(account uint, folder string, uidValidity, uid uint32, flags string) error
	// A message refused for its size stays on the server; it is recorded
	// so that the health view lists it and no later sync fetches it.
	RefuseMessage(r storage.RefusedMessage) error
	RefusedUIDs(account uint, folder string, uidValidity uint32) (map[uint32]bool, error)
}

// Converter turns a fetched message into what is stored: it parses the
// MIME, saves the attachments and names the addresses that link it. It
// never fails on a malformed mail — it returns what it could read and
// warnings — but may fail on I/O (a full disk), which stops the folder
// before anything of the batch is committed or moved.
type Converter func(f Fetched) (storage.NewMessage, []problem.P, error)

// Fetched is one message as it came from the server.
type Fetched struct {
	Folder      string
	UIDValidity uint32
	UID         uint32
	Flags       []string
	Internal    time.Time
	Raw         []byte
	Direction   storage.Direction
	// Project is the project number of a project folder (manual 004),
	// empty elsewhere.
	Project string
}

// Job is one account to synchronise.
type Job struct {
	AccountID   uint
	AccountName string
	Server      Server
	Mode        storage.SyncMode
	// Transfer mode folders (manual 000): messages in Inbox are incoming,
	// in Outbox outgoing; both are filed in their Completed subfolder.
	Inbox, Outbox string
	// Mirror mode folders (manual 001, 004): the folders marked for sync.
	Folders []SyncFolder
	// ProjectRoot is the folder whose subfolders "<number> <description>"
	// link mail to projects (manual 004); empty means DefaultProjectRoot.
	ProjectRoot string
	// The sync time limit (manual 004): mirror-mode messages older than
	// SyncDays are, once stored, moved to Archive or, with
	// DeleteAfterLimit, deleted on the server. 0 days means no limit.
	SyncDays         int
	Archive          string
	DeleteAfterLimit bool
	Store            Importer
	Convert          Converter
	// BeforeCommit, when set, runs for a batch just before its
	// transaction, on the committing goroutine: it makes what Convert
	// wrote to disk durable (the attachment files). An error keeps the
	// batch from being committed.
	BeforeCommit func([]storage.NewMessage) error
	// Stop asks the run to end at the next batch boundary — after a batch
	// is committed and filed, before the next is fetched — so that a
	// service stop (SIGTERM) cuts nothing off; Run then returns
	// ErrStopped. Cancelling ctx instead ends a run at once. nil never asks.
	Stop <-chan struct{}
	// BatchSize is how many messages are fetched, committed and moved
	// together at most; 0 means DefaultBatchSize.
	BatchSize int
	// BatchBytes bounds a batch by the RFC822.SIZE of its messages; a
	// larger message is a batch of its own, spooled to SpoolDir (the
	// system's temporary directory when empty). 0 means DefaultBatchBytes.
	BatchBytes int64
	SpoolDir   string
	// MaxMessageBytes refuses larger messages (the company's maximum
	// message size): they stay on the server. 0 means DefaultMaxMessageBytes.
	MaxMessageBytes int64
	Now             func() time.Time
}

// DefaultBatchSize caps the messages of one batch. Memory is bounded by
// DefaultBatchBytes; the count only keeps the SQL lists of a batch short.
// Every commit costs an fsync, so batches are as large as memory allows.
const DefaultBatchSize = 1000

func (j *Job) batchSize() int {
	if j.BatchSize > 0 {
		return j.BatchSize
	}
	return DefaultBatchSize
}

func (j *Job) now() time.Time {
	if j.Now != nil {
		return j.Now()
	}
	return time.Now()
}

// SyncFolder is a mirror-mode folder and the direction of its mail: the
// sent folder holds outgoing mail, drafts drafts, the rest incoming.
type SyncFolder struct {
	Name      string
	Direction storage.Direction
}
