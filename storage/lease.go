package storage

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// AccountLease says who synchronizes an IMAP account right now: one row
// per account, held by one run of one process on one computer. It is what
// makes "one sync per account" hold across processes and workstations
// that share a database, where an in-process mutex cannot reach.
//
// Clock: every time in this row is the database's. On PostgreSQL that is
// the server's clock_timestamp(), so workstations whose clocks disagree
// still agree on when a lease expires (a workstation five minutes fast
// would otherwise take a live lease, one five minutes slow would wait
// too long for a dead one). An SQLite file has no server: its WAL needs
// shared memory, so every process that opens it runs on the same
// computer, and that computer's clock is the one clock they all read.
type AccountLease struct {
	ID          uint   `gorm:"primaryKey"`
	AccountID   uint   `gorm:"uniqueIndex;not null"`
	Holder      string `gorm:"not null"` // a random token per run: who may renew and release it
	Host        string // the holder's computer (os.Hostname)
	PID         int    `gorm:"column:pid"` // the holder's process on that computer
	StartedAt   time.Time
	HeartbeatAt time.Time
	ExpiresAt   time.Time
}

func (AccountLease) TableName() string { return "account_leases" }

// The lease terms: renewed every 10 s while the sync runs, it outlives a
// missed heartbeat or five (a database busy with a large commit, a
// laptop's short stall), and a holder that died without releasing it
// frees the account within a minute.
const (
	DefaultLeaseTTL       = 60 * time.Second
	DefaultLeaseHeartbeat = 10 * time.Second
)

// LeaseTerms is how a lease is taken; the zero value is the defaults and
// this process on this computer.
type LeaseTerms struct {
	TTL, Heartbeat time.Duration
	// Host and PID name the holder; empty and 0 mean this process. A
	// lease of this same host whose PID no longer runs has ended.
	Host string
	PID  int
}

func (t LeaseTerms) withDefaults() LeaseTerms {
	if t.TTL <= 0 {
		t.TTL = DefaultLeaseTTL
	}
	if t.Heartbeat <= 0 {
		t.Heartbeat = min(DefaultLeaseHeartbeat, t.TTL/3)
	}
	if t.Host == "" {
		t.Host = hostName()
	}
	if t.PID == 0 {
		t.PID = os.Getpid()
	}
	return t
}

// hostName is this computer's name as a lease records it.
func hostName() string {
	h, err := os.Hostname()
	if err != nil || h == "" {
		return "unknown host"
	}
	return h
}

// ErrLeaseHeld is what AcquireLease returns (inside a *LeaseHeldError)
// when another run holds the account.
var ErrLeaseHeld = errors.New("another process holds the account")

// ErrLeaseLost is the cause a lease's Lost channel stands for: its
// heartbeat found the row taken by someone else (the holder stalled past
// its expiry).
var ErrLeaseLost = errors.New("the account's lease was lost")

// LeaseHeldError names who holds an account; errors.Is(err, ErrLeaseHeld).
type LeaseHeldError struct {
	AccountID uint
	Host      string
	PID       int
	Since     time.Time // when the holder started
	Expires   time.Time // when the lease ends unless it is renewed
}

func (e *LeaseHeldError) Error() string {
	return fmt.Sprintf("account %d is being synchronized by %s (pid %d) since %s: %v",
		e.AccountID, e.Host, e.PID, e.Since.Local().Format("15:04:05"), ErrLeaseHeld)
}

func (e *LeaseHeldError) Unwrap() error { return ErrLeaseHeld }

// Lease is a held account lease; a goroutine renews it until Release.
type Lease struct {
	s       *Store
	account uint
	holder  string
	terms   LeaseTerms

	lost     chan struct{}
	lostOnce sync.Once
	stop     chan struct{}
	stopped  chan struct{}
}

// Lost is closed when the heartbeat finds that the lease is no longer
// this run's; whoever syncs under it should stop.
func (l *Lease) Lost() <-chan struct{} { return l.lost }

// AcquireLease takes the lease of account for this run when nobody holds
// it, when its holder's lease has expired, or when its holder was a
// process of this computer that no longer runs. Otherwise it returns a
// *LeaseHeldError naming the holder. The taking is one transaction
// (BEGIN IMMEDIATE on SQLite; on PostgreSQL an insert that conflicts and
// an update guarded by the previous holder's token), so of two runs that
// try at once exactly one gets it.
func (s *Store) AcquireLease(account uint, terms LeaseTerms) (*Lease, error) {
	terms = terms.withDefaults()
	holder, err := leaseToken()
	if err != nil {
		return nil, err
	}
	var held *LeaseHeldError
	err = retryBusy(func() error {
		held = nil
		return s.db.Transaction(func(tx *gorm.DB) error {
			var err error
			held, err = s.takeLease(tx, account, holder, terms)
			return err
		})
	})
	if err != nil {
		return nil, fmt.Errorf("take the lease of account %d: %w", account, err)
	}
	if held != nil {
		return nil, held
	}
	l := &Lease{s: s, account: account, holder: holder, terms: terms,
		lost: make(chan struct{}), stop: make(chan struct{}), stopped: make(chan struct{})}
	go l.heartbeat()
	return l, nil
}

// takeLease is AcquireLease's transaction: nil, nil when the lease is now
// holder's; the holder's description when it is someone else's.
func (s *Store) takeLease(tx *gorm.DB, account uint, holder string, t LeaseTerms) (*LeaseHeldError, error) {
	now, err := s.dbNow(tx)
	if err != nil {
		return nil, err
	}
	row := AccountLease{AccountID: account, Holder: holder, Host: t.Host, PID: t.PID,
		StartedAt: now, HeartbeatAt: now, ExpiresAt: now.Add(t.TTL)}
	ins := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&row)
	if ins.Error != nil || ins.RowsAffected == 1 {
		return nil, ins.Error
	}
	var cur AccountLease
	if err := tx.Where("account_id = ?", account).Limit(1).Find(&cur).Error; err != nil {
		return nil, err
	}
	if !cur.ExpiresAt.Before(now) && !deadOnThisHost(cur, t.Host) {
		return heldBy(cur), nil
	}
	// The update names the holder it replaces: should another run have
	// taken the expired lease first, this one changes nothing.
	upd := tx.Model(&AccountLease{}).Where("account_id = ? AND holder = ?", account, cur.Holder).
		Updates(map[string]any{"holder": holder, "host": t.Host, "pid": t.PID,
			"started_at": now, "heartbeat_at": now, "expires_at": now.Add(t.TTL)})
	if upd.Error != nil || upd.RowsAffected == 1 {
		return nil, upd.Error
	}
	if err := tx.Where("account_id = ?", account).Limit(1).Find(&cur).Error; err != nil {
		return nil, err
	}
	return heldBy(cur), nil
}

func heldBy(l AccountLease) *LeaseHeldError {
	return &LeaseHeldError{AccountID: l.AccountID, Host: l.Host, PID: l.PID, Since: l.StartedAt, Expires: l.ExpiresAt}
}

// deadOnThisHost: the holder ran on this computer and its process is
// gone (it crashed or was killed), so its lease ends now rather than at
// expiry. A PID reused by another program keeps the lease to its expiry,
// which is merely slower.
func deadOnThisHost(l AccountLease, host string) bool {
	return l.Host == host && l.PID > 0 && l.PID != os.Getpid() && !processRuns(l.PID)
}

// dbNow is the lease clock (see AccountLease): the PostgreSQL server's,
// else this computer's. clock_timestamp, not now(): now() is when the
// transaction began.
func (s *Store) dbNow(tx *gorm.DB) (time.Time, error) {
	if s.kind != "postgres" {
		return time.Now().UTC(), nil
	}
	var now time.Time
	if err := tx.Raw(`SELECT clock_timestamp()`).Row().Scan(&now); err != nil {
		return time.Time{}, fmt.Errorf("read the database clock: %w", err)
	}
	return now.UTC(), nil
}

func leaseToken() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("make a lease token: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// heartbeat renews the lease every Heartbeat until Release. A renewal
// that fails for a database error is tried again at the next tick (the
// TTL leaves room for several); one that finds the row no longer this
// run's closes Lost.
func (l *Lease) heartbeat() {
	defer close(l.stopped)
	tick := time.NewTicker(l.terms.Heartbeat)
	defer tick.Stop()
	for {
		select {
		case <-l.stop:
			return
		case <-tick.C:
			if ok, err := l.renew(); err == nil && !ok {
				l.lostOnce.Do(func() { close(l.lost) })
				return
			}
		}
	}
}

// renew moves the lease's expiry on; false when it is no longer ours.
func (l *Lease) renew() (bool, error) {
	var n int64
	err := retryBusy(func() error {
		return l.s.db.Transaction(func(tx *gorm.DB) error {
			now, err := l.s.dbNow(tx)
			if err != nil {
				return err
			}
			r := tx.Model(&AccountLease{}).Where("account_id = ? AND holder = ?", l.account, l.holder).
				Updates(map[string]any{"heartbeat_at": now, "expires_at": now.Add(l.terms.TTL)})
			n = r.RowsAffected
			return r.Error
		})
	})
	return n == 1, err
}

// Release stops the heartbeat and gives the account free. Releasing a
// lease that was lost changes nothing: the row belongs to its new holder.
// Calling it twice is harmless.
func (l *Lease) Release() error {
	select {
	case <-l.stop:
		return nil
	default:
		close(l.stop)
	}
	<-l.stopped
	err := retryBusy(func() error {
		return l.s.db.Where("account_id = ? AND holder = ?", l.account, l.holder).Delete(&AccountLease{}).Error
	})
	if err != nil {
		return fmt.Errorf("release the lease of account %d: %w", l.account, err)
	}
	return nil
}
