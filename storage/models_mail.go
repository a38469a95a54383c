package storage

import (
	"time"

	"postbridge/problem"
)

// Relation is a contact card whose addresses link mail to it (manual 000).
type Relation struct {
	ID      uint   `gorm:"primaryKey"`
	Name    string `gorm:"uniqueIndex;not null"`
	Company string
	Emails  []RelationEmail `gorm:"constraint:OnDelete:CASCADE"`
}

// RelationEmail is one address of a relation, stored lower-case so
// linking compares addresses case-insensitively.
type RelationEmail struct {
	ID         uint   `gorm:"primaryKey"`
	RelationID uint   `gorm:"index;not null"`
	Address    string `gorm:"index;not null"`
}

// Project is linked to mail filed in a project folder (manual 004).
type Project struct {
	ID          uint   `gorm:"primaryKey"`
	Number      string `gorm:"uniqueIndex;not null"`
	Description string
}

// Direction tells whether a message came in, went out or is a draft.
type Direction string

// Message directions.
const (
	DirectionIn    Direction = "in"
	DirectionOut   Direction = "out"
	DirectionDraft Direction = "draft"
)

// MessageState is where an imported message stands.
type MessageState string

// Message states.
const (
	StateImported        MessageState = "imported"
	StateNeedsAttention  MessageState = "needs_attention"
	StateDeletedOnServer MessageState = "deleted_on_server"
	// StateArchived: moved to the archive folder by the sync time limit
	// (manual 004); it stays in Postbridge.
	StateArchived MessageState = "archived"
)

// Message is one imported e-mail. Its server identity is (account, folder,
// UIDVALIDITY, UID) per RFC 9051 §2.3.1.1; MessageID and SHA256 recognise
// the same mail after a move or re-delivery.
type Message struct {
	ID          uint   `gorm:"primaryKey"`
	AccountID   uint   `gorm:"uniqueIndex:idx_message_uid;index:idx_message_sha,priority:1;index:idx_message_mid,priority:1;not null"`
	Folder      string `gorm:"uniqueIndex:idx_message_uid;not null"`
	UIDValidity uint32 `gorm:"uniqueIndex:idx_message_uid;not null"`
	UID         uint32 `gorm:"uniqueIndex:idx_message_uid;not null"`
	// Duplicates are looked up per account by content and by Message-ID;
	// without the account in the index SQLite walks the account's rows.
	MessageID string `gorm:"index:idx_message_mid,priority:2"`
	SHA256    string `gorm:"index:idx_message_sha,priority:2"`
	// ContentHash is the SHA-256 of the message without its transport
	// header fields (message.ContentHash): with MessageID it tells a
	// re-delivery from a different mail that reuses a Message-ID. Empty
	// on rows stored before it existed.
	ContentHash string
	Direction   Direction
	From        string
	To          string
	Cc          string
	Date        time.Time
	Subject     string
	TextBody    string
	// HTMLBody is empty but in rows that an older Postbridge stored on
	// PostgreSQL: the HTML alternative is read from the raw message.
	HTMLBody string
	// Raw is the message as fetched, in the row for PostgreSQL and for
	// rows from before schema 2; an SQLite database keeps it in the pack
	// file RawPack at RawOffset (rawpack.go). Read it with RawMessage.
	Raw       []byte
	RawPack   string
	RawOffset int64
	RawSize   int64
	// TextOffset and TextSize place the text body in RawPack, after the
	// raw message, for rows of schema 3 in an SQLite database: TextBody
	// is then empty in the row and filled when the row is read (the
	// detail pane, ListMessages). SQLite no longer writes every body
	// twice (as the WAL and again at the checkpoint); that was a quarter
	// of a first import (BENCHMARKS.md).
	TextOffset int64
	TextSize   int64
	// SearchWords are the text body's words as the search index takes
	// them (SearchWords), when an importer had them made beside the
	// parse; not a column.
	SearchWords string `gorm:"-"`
	Flags       string
	State       MessageState
	// Attention are the reasons the message waits for a person
	// (import.go), as problems: the window words them when it shows them.
	Attention   problem.List
	ProjectID   *uint
	Project     *Project
	Relations   []Relation   `gorm:"many2many:message_relations"`
	Attachments []Attachment `gorm:"constraint:OnDelete:CASCADE"`
	ImportedAt  time.Time
}

// Attachment is a file saved from a message under the company attachment path.
type Attachment struct {
	ID          uint `gorm:"primaryKey"`
	MessageID   uint `gorm:"index;not null"`
	FileName    string
	ContentType string
	Size        int64
	Path        string
}

// FolderState is what the last sync of one folder saw (RFC 9051 UIDVALIDITY
// and UIDNEXT, RFC 7162 HIGHESTMODSEQ), so an unchanged folder costs one
// round trip.
type FolderState struct {
	ID            uint   `gorm:"primaryKey"`
	AccountID     uint   `gorm:"uniqueIndex:idx_folderstate;not null"`
	Folder        string `gorm:"uniqueIndex:idx_folderstate;not null"`
	UIDValidity   uint32
	UIDNext       uint32
	HighestModSeq uint64
	LastSync      *time.Time
	LastError     string
}

// allModels lists every table, in an order that satisfies foreign keys.
func allModels() []any {
	return []any{
		&Company{}, &MailServer{}, &SendingDomain{}, &Role{}, &User{},
		&ImapAccount{}, &ImapFolder{}, &Relation{}, &RelationEmail{},
		&Project{}, &Message{}, &Attachment{}, &FolderState{}, &AccountHealth{},
		&AccountLease{},
		&RefusedMessage{},
		&APIToken{}, &SendRecord{}, &Webhook{}, &WebhookEvent{}, // the HTTP API (apitokens.go, idempotency.go, webhooks.go)
	}
}
