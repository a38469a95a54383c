package storage

import (
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"postbridge/problem"
)

// DefaultAutoSyncMinutes is the interval of the automatic send/receive's
// full pass when an account sets none.
const DefaultAutoSyncMinutes = 5

// AccountHealth is how the syncs of one IMAP account have gone lately,
// for the health view: written after every sync, by the window, by
// `postbridge sync` and by `sync --watch`, so whoever looks sees the
// last word of any of them.
type AccountHealth struct {
	ID          uint `gorm:"primaryKey"`
	AccountID   uint `gorm:"uniqueIndex;not null"`
	LastRun     *time.Time
	LastSuccess *time.Time
	// LastError is the last run's error text, empty when that run
	// succeeded: the error's own words (what failed on which server),
	// never a sentence in someone's language. Problem is the same
	// failure as a value (kind and arguments), which the health view and
	// `postbridge status` word in their reader's language; ErrorKind is
	// its kind. A row written before problems were stored has no Problem
	// and may hold a sentence in LastError: it is shown as it is.
	// ErrorSince is when the current run of failures began; Temporary
	// says whether a retry may help.
	LastError  string
	ErrorKind  string
	Problem    problem.P
	ErrorSince *time.Time
	Temporary  bool
	Warnings   int // warnings of the last run
	// NextSync is when an automatic sync runs this account next; nil when
	// none is running. WatchedBy names the process (host and PID).
	NextSync  *time.Time
	WatchedBy string
	// QuotaUsed and QuotaLimit are the server's storage quota in bytes
	// (RFC 9208); a zero limit means the server did not say.
	QuotaUsed, QuotaLimit int64
}

// Failing reports whether the last run failed.
func (h AccountHealth) Failing() bool { return h.LastError != "" || !h.Problem.IsZero() }

// SyncOutcome is one run's result as RecordSync keeps it.
type SyncOutcome struct {
	At        time.Time
	Error     string // the error's text; empty for success
	ErrorKind string // the problem's kind, when Problem is not given
	Problem   problem.P
	Temporary bool
	Warnings  int
}

// problem is the outcome's failure as a problem: Problem when given, else
// its kind with the error's text as the detail.
func (o SyncOutcome) problem() problem.P {
	if !o.Problem.IsZero() {
		return o.Problem
	}
	kind := o.ErrorKind
	if kind == "" {
		kind = ErrorProblem
	}
	return problem.New(kind, "detail", o.Error)
}

// ErrorProblem is the kind of a failure no sentence explains: its one
// argument, "detail", is the error's own text.
const ErrorProblem = "error"

// RecordSync keeps the outcome of one sync of account. When the outcome
// turns the account failing or back to working, the webhook event that
// says so (account.failing, account.recovered) is written to the outbox
// in the same transaction as the new state: a crash between the two can
// neither lose the event nor queue one for a change that was not kept.
func (s *Store) RecordSync(account uint, o SyncOutcome) error {
	return s.updateHealthTx(account, func(tx *gorm.DB, h *AccountHealth) error {
		wasFailing := h.LastError != ""
		at := o.At
		h.LastRun, h.Warnings = &at, o.Warnings
		if o.Error == "" {
			h.LastSuccess, h.LastError, h.ErrorKind, h.Problem, h.ErrorSince, h.Temporary = &at, "", "", problem.P{}, nil, false
		} else {
			if h.LastError == "" || h.ErrorSince == nil {
				h.ErrorSince = &at
			}
			p := o.problem()
			h.LastError, h.ErrorKind, h.Problem, h.Temporary = o.Error, p.Kind, p, o.Temporary
			if p.Kind == ErrorProblem {
				h.ErrorKind = "" // no explanation: the API's error_kind stays empty, as before
			}
		}
		return enqueueAccountChange(tx, account, wasFailing, *h, o.At) // webhooks.go
	})
}

// SetNextSync records when the automatic sync runs account next, and
// who runs it; a nil next says no automatic sync runs it any more.
func (s *Store) SetNextSync(account uint, next *time.Time, by string) error {
	return s.updateHealth(account, func(h *AccountHealth) {
		h.NextSync, h.WatchedBy = next, by
		if next == nil {
			h.WatchedBy = ""
		}
	})
}

// SetQuota records the server's storage quota of account in bytes.
func (s *Store) SetQuota(account uint, used, limit int64) error {
	return s.updateHealth(account, func(h *AccountHealth) { h.QuotaUsed, h.QuotaLimit = used, limit })
}

// updateHealth reads, changes and writes account's row in one
// transaction; a neighbour's long commit makes it wait and try again
// rather than lose the record (retryBusy).
func (s *Store) updateHealth(account uint, change func(*AccountHealth)) error {
	return s.updateHealthTx(account, func(_ *gorm.DB, h *AccountHealth) error { change(h); return nil })
}

// updateHealthTx is updateHealth whose change may write more rows in
// the same transaction (the webhook outbox); its error rolls back all.
func (s *Store) updateHealthTx(account uint, change func(*gorm.DB, *AccountHealth) error) error {
	err := retryBusy(func() error { return s.updateHealthOnce(account, change) })
	if err != nil {
		return fmt.Errorf("record the sync health of account %d: %w", account, err)
	}
	return nil
}

func (s *Store) updateHealthOnce(account uint, change func(*gorm.DB, *AccountHealth) error) error {
	return s.db.Transaction(func(tx *gorm.DB) error {
		var h AccountHealth
		if err := tx.Where("account_id = ?", account).Limit(1).Find(&h).Error; err != nil {
			return err
		}
		h.AccountID = account
		if err := change(tx, &h); err != nil {
			return err
		}
		if h.ID != 0 {
			return tx.Save(&h).Error
		}
		// An upsert: a manual sync and the watch may write the first row at once.
		return tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "account_id"}}, UpdateAll: true}).Create(&h).Error
	})
}
