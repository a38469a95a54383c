package storage

import (
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// SendRecord remembers a POST /v1/send that carried an Idempotency-Key,
// so that a client which retries (its connection broke before the answer
// came) sends the mail once and gets the first answer again. It lives in
// the database, not in memory: the retry may reach Postbridge after a
// restart, or another `postbridge serve` on the same shared database.
type SendRecord struct {
	ID uint `gorm:"primaryKey"`
	// Key is the client's Idempotency-Key, unique per token name: two
	// integrations that happen to pick the same key do not collide.
	TokenName string `gorm:"uniqueIndex:idx_send_key;not null"`
	Key       string `gorm:"column:idem_key;uniqueIndex:idx_send_key;not null"`
	// RequestHash is the SHA-256 of the request body: the same key with
	// another body is a client's mistake, refused rather than guessed at.
	RequestHash string `gorm:"not null"`
	// Done is false while the send is under way; Response is the JSON
	// answer once it is done.
	Done      bool
	Status    int
	Response  string
	CreatedAt time.Time
}

// Outcomes of BeginSend for a key seen before.
var (
	// ErrSendInProgress: the first request with this key has not ended
	// (or ended with the process, leaving it unknown whether it sent).
	ErrSendInProgress = errors.New("a request with this idempotency key is in progress")
	// ErrKeyReused: the key came before with a different request body.
	ErrKeyReused = errors.New("the idempotency key was used for a different request")
)

// BeginSend claims key for a send. It returns the stored record when the
// key is done already (the caller answers with it and sends nothing);
// otherwise a new pending record that FinishSend or ForgetSend ends.
func (s *Store) BeginSend(token, key, requestHash string, now time.Time) (rec SendRecord, replay bool, err error) {
	err = s.db.Transaction(func(tx *gorm.DB) error {
		rec = SendRecord{TokenName: token, Key: key, RequestHash: requestHash, CreatedAt: now.UTC()}
		res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&rec)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 1 {
			return nil
		}
		if err := tx.Where("token_name = ? AND idem_key = ?", token, key).First(&rec).Error; err != nil {
			return err
		}
		switch {
		case rec.RequestHash != requestHash:
			return ErrKeyReused
		case !rec.Done:
			return ErrSendInProgress
		}
		replay = true
		return nil
	})
	if err != nil {
		return rec, false, fmt.Errorf("idempotency key: %w", err)
	}
	return rec, replay, nil
}

// FinishSend stores the answer of a send that went out.
func (s *Store) FinishSend(id uint, status int, response string) error {
	err := s.db.Model(&SendRecord{}).Where("id = ?", id).
		Updates(map[string]any{"done": true, "status": status, "response": response}).Error
	if err != nil {
		return fmt.Errorf("idempotency key: %w", err)
	}
	return nil
}

// ForgetSend drops the record of a send that certainly did not go out
// (the server refused it), so that a retry with the key tries again.
func (s *Store) ForgetSend(id uint) error {
	if err := s.db.Delete(&SendRecord{}, id).Error; err != nil {
		return fmt.Errorf("idempotency key: %w", err)
	}
	return nil
}
