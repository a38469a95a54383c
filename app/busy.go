package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"postbridge/mail/imapsync"
	"postbridge/mail/mailerr"
	"postbridge/storage"
)

// ErrAccountBusy is what a sync of an account returns (inside an
// *AccountBusyError) while another process — on this computer or another
// workstation on the same database — synchronizes it.
var ErrAccountBusy = errors.New("the account is being synchronized by another process")

// AccountBusyError names who synchronizes the account, for the sentence
// "Alice's account is being synchronized by PC-0042 (pid 123) since
// 10:14"; errors.Is(err, ErrAccountBusy) holds. Nothing was done.
type AccountBusyError struct {
	User      string
	AccountID uint
	Account   string
	Host      string
	PID       int
	Since     time.Time
}

func (e *AccountBusyError) Error() string {
	return fmt.Sprintf("%s is being synchronized by %s (pid %d) since %s: %v",
		e.Account, e.Host, e.PID, e.Since.Local().Format("15:04"), ErrAccountBusy)
}

func (e *AccountBusyError) Unwrap() error { return ErrAccountBusy }

// leaseRetry is how often a sync told to wait (SyncFilter.Wait) asks
// again whether the account is free: Actions.LeaseRetry, 2 s by default.
func (a *Actions) leaseRetry() time.Duration {
	if a.LeaseRetry > 0 {
		return a.LeaseRetry
	}
	return 2 * time.Second
}

// lockInProcess waits for this process's other sync of the account, or
// for ctx to end (Cancel): then it returns at once.
func (a *Actions) lockInProcess(ctx context.Context, id uint) (unlock func(), err error) {
	unlock, err = a.locks.lock(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("wait for the account's other sync: %w", stopped(ctx))
	}
	return unlock, nil
}

// runLocked runs one account's sync holding the account: first in this
// process, then in the database, so that no other process or workstation
// synchronizes it meanwhile. A held account returns *AccountBusyError at
// once, or, with f.Wait, when ctx ends. The lease is renewed while the sync
// runs; should it be lost all the same (this process stalled past its
// expiry and another took the account), the sync is stopped.
func (a *Actions) runLocked(ctx context.Context, p plannedJob, f SyncFilter, events chan<- imapsync.Event) (imapsync.Counts, error) {
	unlock, err := a.lockInProcess(ctx, p.accountID)
	if err != nil {
		return imapsync.Counts{}, err
	}
	defer unlock()
	lease, err := a.takeLease(ctx, p, f)
	if err != nil {
		return imapsync.Counts{}, err
	}
	defer lease.Release()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	go func() {
		select {
		case <-lease.Lost():
			cancel(storage.ErrLeaseLost)
		case <-ctx.Done():
		}
	}()
	counts, err := runRenewing(ctx, p.job, events)
	if err != nil && errors.Is(context.Cause(ctx), storage.ErrLeaseLost) {
		err = fmt.Errorf("%w (%v)", storage.ErrLeaseLost, err)
	}
	return counts, err
}

// takeLease takes the account's lease; while another holds it, it
// returns who, or with f.Wait asks again every a.leaseRetry() until ctx ends.
func (a *Actions) takeLease(ctx context.Context, p plannedJob, f SyncFilter) (*storage.Lease, error) {
	for told := false; ; told = true {
		lease, err := a.Store.AcquireLease(p.accountID, a.LeaseTerms)
		var held *storage.LeaseHeldError
		if !errors.As(err, &held) {
			return lease, err
		}
		busy := &AccountBusyError{User: p.result.User, AccountID: p.accountID, Account: p.result.Account,
			Host: held.Host, PID: held.PID, Since: held.Since}
		if !f.Wait {
			return nil, busy
		}
		if !told && f.Waiting != nil {
			f.Waiting(busy)
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("wait for %s: %w", busy, stopped(ctx))
		case <-time.After(a.leaseRetry()):
		}
	}
}

// stopped is why ctx ended, as the sync's own errors say it: Cancel is
// mailerr.ErrCanceled.
func stopped(ctx context.Context) error {
	if errors.Is(ctx.Err(), context.Canceled) {
		return mailerr.ErrCanceled
	}
	return ctx.Err()
}
