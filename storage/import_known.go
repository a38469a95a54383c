package storage

import (
	"time"

	"gorm.io/gorm"
)

// knownMessages recognises, for one batch, a message the account already
// has: the same bytes (SHA-256), or the same Message-ID with the same
// content without transport headers (ContentHash) — the same mail
// delivered twice, whose Received headers differ. A Message-ID alone is
// not trusted: broken mailers, list software and scanners reuse them, and
// a different mail under a known Message-ID is imported as its own
// message (and counted in SharedMessageID). Both are looked up once for
// the whole batch, with the indexes (account_id, sha256) and (account_id,
// message_id).
type knownMessages struct {
	sha    map[string]bool
	mid    map[midKey]bool
	ids    map[string]bool    // Message-IDs the account has, with any content
	legacy map[legacyKey]bool // rows stored before ContentHash existed
}

// legacyKey is how a row without ContentHash (stored by an older
// Postbridge) is recognised: Message-ID with the same date and subject,
// the rule of that version.
type legacyKey struct {
	messageID, subject string
	date               int64 // Unix microseconds: PostgreSQL keeps no finer
}

type midKey struct{ messageID, contentHash string }

func keyOf(m *Message) midKey { return midKey{m.MessageID, m.ContentHash} }

func loadKnownMessages(tx *gorm.DB, account uint, batch []NewMessage) (*knownMessages, error) {
	k := &knownMessages{sha: map[string]bool{}, mid: map[midKey]bool{}, ids: map[string]bool{}, legacy: map[legacyKey]bool{}}
	var shas, mids []string
	for i := range batch {
		shas = append(shas, batch[i].SHA256)
		if batch[i].MessageID != "" {
			mids = append(mids, batch[i].MessageID)
		}
	}
	if len(shas) > 0 {
		found, err := storedHashes(tx, account, shas)
		if err != nil {
			return nil, err
		}
		for _, h := range found {
			k.sha[h] = true
		}
	}
	if len(mids) > 0 {
		found, err := storedMessageIDs(tx, account, mids)
		if err != nil {
			return nil, err
		}
		for _, f := range found {
			k.ids[f.MessageID] = true
			if f.ContentHash != "" {
				k.mid[midKey{f.MessageID, f.ContentHash}] = true
			} else {
				k.legacy[legacyKey{f.MessageID, f.Subject, f.Date.UnixMicro()}] = true
			}
		}
	}
	return k, nil
}

// storedMessageID is what the duplicate check needs of a stored row
// that shares a Message-ID with the batch.
type storedMessageID struct {
	MessageID, ContentHash, Subject string
	Date                            time.Time
}

// storedHashes and storedMessageIDs look the batch's keys up. On
// PostgreSQL they probe the index once per key (a LATERAL subquery):
// with "account_id = ? AND sha256 IN (…)" the planner, whose statistics
// lag behind a table that a first import fills, chose to read every row
// of the account through the (account_id, …) prefix of another index
// and filter them — two lookups per batch grew with the mailbox, 4–15 ms
// each at 2,000–10,000 messages (auto_explain), where one probe per key
// takes 0.3 ms. SQLite plans the IN list on the right index.
func storedHashes(tx *gorm.DB, account uint, shas []string) ([]string, error) {
	var found []string
	var err error
	if tx.Dialector.Name() == "postgres" {
		err = tx.Raw(`SELECT k.sha FROM unnest(?::text[]) AS k(sha)
			CROSS JOIN LATERAL (SELECT 1 FROM messages m
				WHERE m.account_id = ? AND m.sha256 = k.sha LIMIT 1) AS stored`,
			textArray(shas), account).Scan(&found).Error
	} else {
		err = tx.Model(&Message{}).Where("account_id = ? AND sha256 IN ?", account, shas).
			Pluck("sha256", &found).Error
	}
	return found, err
}

func storedMessageIDs(tx *gorm.DB, account uint, mids []string) ([]storedMessageID, error) {
	var found []storedMessageID
	var err error
	if tx.Dialector.Name() == "postgres" {
		// OFFSET 0 keeps the subquery a subquery: flattened into a
		// join, it is planned as the IN list was.
		err = tx.Raw(`SELECT stored.* FROM unnest(?::text[]) AS k(mid)
			CROSS JOIN LATERAL (SELECT m.message_id, m.content_hash, m.subject, m.date
				FROM messages m WHERE m.account_id = ? AND m.message_id = k.mid OFFSET 0) AS stored`,
			textArray(mids), account).Scan(&found).Error
	} else {
		err = tx.Model(&Message{}).Select("message_id, content_hash, subject, date").
			Where("account_id = ? AND message_id IN ?", account, mids).Find(&found).Error
	}
	return found, err
}

// has reports whether m is already stored. Without a ContentHash (a
// converter that does not compute one) only identical bytes match.
func (k *knownMessages) has(m *Message) bool {
	return k.sha[m.SHA256] || (m.MessageID != "" && m.ContentHash != "" && k.mid[keyOf(m)]) ||
		(m.MessageID != "" && k.legacy[legacyKey{m.MessageID, m.Subject, m.Date.UnixMicro()}])
}

// sharesID reports whether another message with m's Message-ID is stored.
func (k *knownMessages) sharesID(m *Message) bool { return m.MessageID != "" && k.ids[m.MessageID] }

func (k *knownMessages) add(m *Message) {
	k.sha[m.SHA256] = true
	if m.MessageID != "" {
		k.ids[m.MessageID] = true
		if m.ContentHash != "" {
			k.mid[keyOf(m)] = true
		}
	}
}
