package storage

import (
	"strings"
	"time"

	"gorm.io/gorm"
)

// A folder's batches commit one after the other, in the folder's order,
// and a batch commits only after the one before it has committed: the
// duplicate check of a batch must see the messages of the batch before,
// and a folder stops at its first failed commit (DESIGN.md section 4).
// That order used to be kept by starting a batch's transaction only once
// the one before had returned. On PostgreSQL each transaction then had
// the server to itself, one process on one core, while the program
// waited for it: the commits were most of a first import's time.
//
// Now a batch's transaction may run beside the one before it, on a
// connection of its own. The messages of the batch before count as the
// account's in its duplicate check (Preceding.Keys), and its commit
// waits until the one before has committed (Preceding.Outcome); when
// that failed, it rolls back. So the order of the commits and what each
// batch stores are as before. The two transactions insert rows with
// keys of their own (new message IDs, UIDs, queue entries) and only read
// or key-share the rows they both touch (the account, relations,
// projects), so neither waits for a lock the other holds. SQLite has one
// connection: there the second transaction begins once the first has
// ended, as before.

// Preceding is the batch before the one being imported, whose commit may
// still be running.
type Preceding struct {
	// Keys are its messages as the duplicate check knows them.
	Keys BatchKeys
	// Outcome blocks until its commit has returned, and returns an
	// error unless it committed.
	Outcome func() error
}

// BatchKeys are what the duplicate check (knownMessages) knows of a
// batch's messages. They are copies: the messages may be released once
// their batch has committed, while the batch after it still checks.
type BatchKeys []messageKey

type messageKey struct{ sha256, messageID, contentHash string }

// KeysOf copies the duplicate check's keys of batch.
func KeysOf(batch []NewMessage) BatchKeys {
	keys := make(BatchKeys, len(batch))
	for i := range batch {
		m := &batch[i].Message
		keys[i] = messageKey{strings.Clone(m.SHA256), strings.Clone(m.MessageID), strings.Clone(m.ContentHash)}
	}
	return keys
}

// ImportBatch stores batch, which follows no batch whose commit is still
// running (ImportFollowing).
func (s *Store) ImportBatch(account uint, batch []NewMessage, now time.Time) (ImportResult, error) {
	return s.ImportFollowing(account, batch, now, nil)
}

// addPreceding counts the messages of the batch before as stored.
func (k *knownMessages) addPreceding(prev *Preceding) {
	if prev == nil {
		return
	}
	for _, key := range prev.Keys {
		k.add(&Message{SHA256: key.sha256, MessageID: key.messageID, ContentHash: key.contentHash})
	}
}

// oneTransactionAtATime waits for the batch before when this database
// runs one transaction at a time (SQLite's one connection): begun first,
// the batch after would hold the connection that the one before waits
// for. Its outcome is then known; its keys still count.
func (s *Store) oneTransactionAtATime(prev *Preceding) (*Preceding, error) {
	if prev == nil || s.kind != "sqlite" {
		return prev, nil
	}
	return &Preceding{Keys: prev.Keys}, afterPreceding(prev)
}

// waitsIdle lifts, for the rest of this transaction only, a PostgreSQL
// idle_in_transaction_session_timeout: while the transaction waits for
// the commit of the batch before (afterPreceding) it sends nothing, and
// a server set to cut sessions idle in a transaction for longer than
// that commit takes would end it — and with it the batch — every time
// (TestImportFollowingOutlastsAShortIdleTimeout). The wait is bounded
// by one commit on the same server; the setting is the admin's guard
// against clients that forget a transaction, which this one does not.
// One statement, only when there is a commit to wait for.
func waitsIdle(tx *gorm.DB, prev *Preceding) error {
	if prev == nil || prev.Outcome == nil || tx.Dialector.Name() != "postgres" {
		return nil
	}
	return tx.Exec(`SET LOCAL idle_in_transaction_session_timeout = 0`).Error
}

// afterPreceding waits, at the end of a transaction, for the batch
// before to have committed.
func afterPreceding(prev *Preceding) error {
	if prev == nil || prev.Outcome == nil {
		return nil
	}
	return prev.Outcome()
}
