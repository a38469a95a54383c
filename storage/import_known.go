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
		var found []string
		if err := tx.Model(&Message{}).Where("account_id = ? AND sha256 IN ?", account, shas).
			Pluck("sha256", &found).Error; err != nil {
			return nil, err
		}
		for _, h := range found {
			k.sha[h] = true
		}
	}
	if len(mids) > 0 {
		var found []struct {
			MessageID, ContentHash, Subject string
			Date                            time.Time
		}
		if err := tx.Model(&Message{}).Select("message_id, content_hash, subject, date").
			Where("account_id = ? AND message_id IN ?", account, mids).Find(&found).Error; err != nil {
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
