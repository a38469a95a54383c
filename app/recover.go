package app

import (
	"context"
	"errors"
	"fmt"
	"log"
	"runtime/debug"

	"postbridge/mail/imapsync"
)

// ErrPanic is an account's sync ended by an unexpected panic: a fault in
// Postbridge, not in the user's settings.
var ErrPanic = errors.New("an internal error stopped this account's sync")

// runRecovered runs one account's sync (runLocked) and turns an
// unexpected panic into that account's error, logged with its stack:
// the caller records it as the account's failure (health view, log) and
// the other accounts — and `sync --watch`, which runs every account in
// one process — go on. The account lock is released on the
// way out (runLocked defers it).
func (a *Actions) runRecovered(ctx context.Context, p plannedJob, f SyncFilter, events chan<- imapsync.Event) (counts imapsync.Counts, err error) {
	defer func() {
		if v := recover(); v != nil {
			log.Printf("sync of %s: panic: %v\n%s", p.job.AccountName, v, debug.Stack())
			err = panicked(v)
		}
	}()
	return a.runLocked(ctx, p, f, events)
}

// panicked is a recovered panic as ErrPanic. A panic value that is an
// error (a runtime.Error such as a nil dereference) stays reachable by
// errors.As; any other value (panic("...") with a string) is no error and
// can only be kept as its text.
func panicked(v any) error {
	if e, ok := v.(error); ok {
		return fmt.Errorf("%w: %w", ErrPanic, e)
	}
	return fmt.Errorf("%w: %v", ErrPanic, v)
}
