package storage

import (
	"time"

	"gorm.io/gorm"
)

// knownMessages recognises, for one batch, a message the account already
// has: the same bytes (SHA-256), or the same Message-ID with the same
// date and subject — the same mail delivered twice, whose Received
// headers differ. A Message-ID alone is not trusted: some mailers reuse
// them. Both are looked up once for the whole batch, with the indexes
// (account_id, sha256) and (account_id, message_id).
type knownMessages struct {
	sha map[string]bool
	mid map[midKey]bool
}

type midKey struct {
	messageID, subject string
	date               int64 // Unix microseconds: PostgreSQL keeps no finer
}

func keyOf(m *Message) midKey {
	return midKey{m.MessageID, m.Subject, m.Date.UnixMicro()}
}

func loadKnownMessages(tx *gorm.DB, account uint, batch []NewMessage) (*knownMessages, error) {
	k := &knownMessages{sha: map[string]bool{}, mid: map[midKey]bool{}}
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
			MessageID, Subject string
			Date               time.Time
		}
		if err := tx.Model(&Message{}).Select("message_id, subject, date").
			Where("account_id = ? AND message_id IN ?", account, mids).Find(&found).Error; err != nil {
			return nil, err
		}
		for _, f := range found {
			k.mid[midKey{f.MessageID, f.Subject, f.Date.UnixMicro()}] = true
		}
	}
	return k, nil
}

func (k *knownMessages) has(m *Message) bool {
	return k.sha[m.SHA256] || (m.MessageID != "" && k.mid[keyOf(m)])
}

func (k *knownMessages) add(m *Message) {
	k.sha[m.SHA256] = true
	if m.MessageID != "" {
		k.mid[keyOf(m)] = true
	}
}
