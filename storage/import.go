package storage

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"gorm.io/gorm"

	"postbridge/problem"
)

// NewMessage is one message to import, with the addresses that link it.
type NewMessage struct {
	Message
	// LinkAddresses are the addresses that link the message to relations:
	// From for incoming mail, To/Cc/Bcc for outgoing (manual 000).
	LinkAddresses []string
	// ProjectNumber links the message to that project (manual 004); an
	// unknown number puts it on the needs-attention list.
	ProjectNumber string
}

// ImportResult counts what one ImportBatch did.
type ImportResult struct {
	Imported, Duplicates, Linked, Unlinked, NeedsAttention int
	// SharedMessageID lists the Message-IDs of imported messages that
	// another, different message of the account already carries.
	SharedMessageID []string
}

// UIDKey is a message's identity on the server (RFC 9051 §2.3.1.1).
type UIDKey struct {
	Folder      string
	UIDValidity uint32
	UID         uint32
}

// ImportedUIDs reports which of uids in folder (under uidValidity) are
// already in the database for account: after a crash between commit and
// move, those are filed without being fetched again.
func (s *Store) ImportedUIDs(account uint, folder string, uidValidity uint32, uids []uint32) (map[uint32]bool, error) {
	found := map[uint32]bool{}
	for start := 0; start < len(uids); start += 500 {
		end := min(start+500, len(uids))
		var got []uint32
		err := s.db.Model(&Message{}).
			Where("account_id = ? AND folder = ? AND uid_validity = ? AND uid IN ?", account, folder, uidValidity, uids[start:end]).
			Pluck("uid", &got).Error
		if err != nil {
			return nil, fmt.Errorf("look up imported messages: %w", err)
		}
		for _, u := range got {
			found[u] = true
		}
	}
	return found, nil
}

// ImportFollowing stores messages with their attachments and links in one
// transaction: either all of the batch is in the database or none of it,
// so the caller may file the messages on the server only after it returns
// without error. A message the account already has (see knownMessages) is
// counted as a duplicate and not stored again. The batch costs a fixed
// number of lookups, not a few per message: duplicates are looked up
// for the whole batch at once. The raw messages go to a pack file inside
// the transaction unless PackRaw has written them already.
//
// When prev is not nil, batch follows a batch whose commit may still run
// (import_following.go): its messages count as stored, and the commit
// waits for it, and fails when it failed.
func (s *Store) ImportFollowing(account uint, batch []NewMessage, now time.Time, prev *Preceding) (ImportResult, error) {
	var t importTx
	prev, err := s.oneTransactionAtATime(prev)
	if err == nil {
		err = s.importTransaction(func(tx *gorm.DB, conn *sql.Conn) error {
			t = importTx{}
			return t.run(s, tx, conn, account, batch, now, prev)
		})
	}
	written := packsNamed(batch)
	if t.pack != "" {
		written[filepath.Base(t.pack)] = true
	}
	if err != nil {
		s.removePacks(written, nil) // no committed row refers to them
		return ImportResult{}, fmt.Errorf("import messages: %w", err)
	}
	s.removePacks(written, t.inserted)
	return t.res, nil
}

// importTx is what one try of ImportFollowing's transaction did.
type importTx struct {
	res      ImportResult
	pack     string    // written inside the transaction
	inserted []Message // the rows, once inserted
}

func (t *importTx) run(s *Store, tx *gorm.DB, conn *sql.Conn, account uint, batch []NewMessage, now time.Time, prev *Preceding) error {
	known, err := loadKnownMessages(tx, account, batch)
	if err != nil {
		return err
	}
	known.addPreceding(prev)
	links, err := loadBatchLinks(tx, batch)
	if err != nil {
		return err
	}
	var rows []Message
	for i := range batch {
		nm := &batch[i]
		if known.has(&nm.Message) {
			t.res.Duplicates++
			continue
		}
		if known.sharesID(&nm.Message) {
			t.res.SharedMessageID = append(t.res.SharedMessageID, nm.MessageID)
		}
		known.add(&nm.Message) // the same mail twice in one batch
		rows = append(rows, newRow(links, account, nm, now, &t.res))
	}
	if len(rows) > 0 {
		// The raw messages reach the disk before the rows that name them
		// commit (rawpack.go).
		if t.pack, err = s.writePack(pointers(rows)); err != nil {
			return err
		}
		if err := s.insertIndexed(tx, conn, rows); err != nil {
			return err
		}
		t.inserted = rows
		if err := enqueueNewMessages(tx, rows, now); err != nil { // webhooks.go: the outbox commits with the rows
			return err
		}
	}
	if err := waitsIdle(tx, prev); err != nil {
		return err
	}
	return afterPreceding(prev)
}

// pointers lets writePack fill in the rows themselves.
func pointers(rows []Message) []*Message {
	p := make([]*Message, len(rows))
	for i := range rows {
		p[i] = &rows[i]
	}
	return p
}

// packsNamed are the packs that PackRaw wrote for batch ahead of its
// commit, by name.
func packsNamed(batch []NewMessage) map[string]bool {
	names := map[string]bool{}
	for i := range batch {
		if name := batch[i].RawPack; name != "" {
			names[name] = true
		}
	}
	return names
}

// removePacks removes the packs written for a batch that no committed
// row names: all of them after a failed transaction, and one written
// ahead whose messages all were duplicates.
func (s *Store) removePacks(ahead map[string]bool, committed []Message) {
	for i := range committed {
		delete(ahead, committed[i].RawPack)
	}
	for name := range ahead {
		os.Remove(filepath.Join(s.rawDir, name))
	}
}

// newRow prepares the row of a message that is not a duplicate: its
// links, its project, and whether it needs a person's attention.
func newRow(links *batchLinks, account uint, nm *NewMessage, now time.Time, res *ImportResult) Message {
	m := nm.Message
	m.ID, m.AccountID, m.ImportedAt = 0, account, now
	if m.State == "" {
		m.State = StateImported
	}
	relations, attention := links.relations(nm.LinkAddresses)
	if nm.ProjectNumber != "" {
		if id, ok := links.projects[nm.ProjectNumber]; ok {
			m.ProjectID = &id
		} else {
			attention = append(attention, problem.New(AttentionUnknownProject, "Number", nm.ProjectNumber))
		}
	}
	if len(attention) > 0 {
		m.State, m.Attention = StateNeedsAttention, attention
		res.NeedsAttention++
	}
	m.Relations = relations
	res.Imported++
	if len(relations) > 0 || m.ProjectID != nil {
		res.Linked++
	} else {
		res.Unlinked++
	}
	return m
}

// The kinds of a message's reasons to need attention.
const (
	// AttentionSharedAddress: several relations have the address
	// "Address"; a person chooses (manual 000).
	AttentionSharedAddress = "attention.shared_address"
	// AttentionUnknownProject: the message names project "Number", which
	// does not exist (manual 004).
	AttentionUnknownProject = "attention.unknown_project"
)

// MessageCount is the number of imported messages of an account.
func (s *Store) MessageCount(account uint) (int64, error) {
	var n int64
	err := s.db.Model(&Message{}).Where("account_id = ?", account).Count(&n).Error
	return n, err
}

// RawCount counts the distinct message contents (SHA-256) stored, to
// prove in tests that no message was stored twice.
func (s *Store) RawCount(n *int64) error {
	return s.db.Model(&Message{}).Distinct("sha256").Count(n).Error
}
