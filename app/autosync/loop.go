package autosync

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"postbridge/app"
	"postbridge/mail/imapsync"
	"postbridge/storage"
)

// Syncer is what a loop needs of app.Actions.
type Syncer interface {
	Sync(ctx context.Context, f app.SyncFilter, events chan<- imapsync.Event) ([]app.SyncResult, error)
	WatchTarget(accountID uint) (imapsync.Server, []string, error)
}

// HealthStore keeps what the loops find, for the health view.
type HealthStore interface {
	RecordSync(account uint, o storage.SyncOutcome) error
	SetNextSync(account uint, next *time.Time, by string) error
	SetQuota(account uint, used, limit int64) error
}

// Runner runs the automatic send/receive of a set of accounts.
type Runner struct {
	Actions Syncer
	Store   HealthStore
	Control *Control // nil: never paused
	// Events receives the syncs' events; nil discards them.
	Events chan<- imapsync.Event
	// Notice receives a line about what a loop does (watching, lost the
	// connection, retrying, resumed after sleep); nil discards them.
	Notice func(account, text string)
	// Backoff is the wait after the attempt-th failure in a row that may
	// pass (imapsync.Temporary); nil means 5 s doubling up to 5 minutes.
	Backoff func(attempt int) time.Duration
	// PermanentRetry is the wait after a failure that will not pass by
	// itself (a wrong password): long, so the server is not hammered,
	// while an admin's fix is still picked up. 0 means one hour.
	PermanentRetry time.Duration
	// BusyRetry is how soon a loop looks again at an account that another
	// process was synchronizing (app.ErrAccountBusy), when that is
	// sooner than its interval; 0 means 30 s.
	BusyRetry time.Duration
	// WatchedBy names this process in the health view.
	WatchedBy string
	// Grace is how long a stop waits for the batch in hand before it
	// cuts the connection; 0 means 30 s.
	Grace time.Duration
	// MaxPasses bounds how many accounts' passes (each an import
	// pipeline in memory) run at once; the other accounts wait for their
	// turn, still answering a stop and Pause. 0 means DefaultMaxPasses.
	MaxPasses int
}

// maxWatched bounds the IDLE connections per account: each holds one of
// the server's connections per user (Dovecot allows 10 by default); the
// other folders are covered by the full pass.
const maxWatched = 3

// Run runs a loop for every account until ctx ends, then returns once
// every loop has stopped. A pass under way when ctx ends finishes its
// batch (committed, then filed) and stops there; after the grace period
// the connection is cut, which the engine's rules make safe too (a batch
// committed but not yet filed is filed by the next run).
func (r *Runner) Run(ctx context.Context, accounts []app.AutoAccount) {
	if r.Control == nil {
		r.Control = &Control{}
	}
	t := newTurns(r.maxPasses())
	var wg sync.WaitGroup
	for _, a := range accounts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.loop(ctx, a, t)
		}()
	}
	wg.Wait()
}

// loop is one account's automatic send/receive; its passes take turns
// with the other accounts' (t).
func (r *Runner) loop(ctx context.Context, acc app.AutoAccount, t turns) {
	defer r.Store.SetNextSync(acc.ID, nil, "")
	var w *watchSet
	defer func() { w.close() }()
	failures, idle, busy := 0, true, false
	for ctx.Err() == nil {
		if !r.whilePaused(ctx) {
			return
		}
		if w == nil && idle {
			w, idle = r.watch(ctx, acc)
		}
		if !r.take(ctx, t, acc) {
			continue // stopped or paused while waiting: no pass, no failure
		}
		err := r.pass(ctx, acc)
		t.give()
		if ctx.Err() != nil {
			return
		}
		wasBusy := busy
		busy = errors.Is(err, app.ErrAccountBusy)
		var wait time.Duration
		var keepWatch bool
		wait, keepWatch, failures = r.after(acc, err, failures, busy && wasBusy)
		if !keepWatch {
			w.close()
			w, idle = nil, true // a fresh connection once the server is back
		}
		next := time.Now().Add(wait)
		r.Store.SetNextSync(acc.ID, &next, r.WatchedBy)
		if why := r.wait(ctx, w, wait); why != wakeNews {
			// A timer, a lost connection, a resume from sleep: the next
			// watch starts on a fresh connection, which also proves that
			// the network is still there.
			w.close()
			w = nil
		}
	}
}

// after decides, from a pass's outcome, how long the account waits for
// its next pass and whether its IDLE watch stays; failures counts the
// passing failures in a row, for the backoff. A folder's own permanent
// problem (a mirror folder missing on the server) is reported for that
// folder and changes neither: the account keeps its interval and IDLE.
// A failure that may pass is retried soon; one that will not pass by
// itself waits an hour.
// stillBusy is true when the pass before was found busy too, which was
// said then.
func (r *Runner) after(acc app.AutoAccount, err error, failures int, stillBusy bool) (time.Duration, bool, int) {
	switch {
	case errors.Is(err, app.ErrAccountBusy):
		// Another process syncs the account: not a failure, so no
		// backoff and the connection stays; look again soon, which
		// is when its pass has likely ended.
		if !stillBusy {
			r.notice(acc, busyLine(err)+"; skipped until it is done")
		}
		return min(acc.Interval, r.busyRetry()), true, failures
	case err == nil:
		return acc.Interval, true, 0
	case imapsync.Temporary(err):
		wait := r.backoff(failures + 1)
		r.notice(acc, fmt.Sprintf("the sync failed (%v); next try in %s", err, wait.Round(time.Second)))
		return wait, false, failures + 1
	case imapsync.FolderOnly(err):
		r.notice(acc, fmt.Sprintf("a folder failed and will not pass by itself (%v); the other folders go on, next pass in %s", err, acc.Interval))
		return acc.Interval, true, 0
	}
	wait := r.permanentRetry()
	r.notice(acc, fmt.Sprintf("the sync failed and will not pass by itself (%v); next try in %s", err, wait))
	return wait, false, failures
}

// busyLine says who holds the account, for the notices (a log in English).
func busyLine(err error) string {
	var busy *app.AccountBusyError
	if !errors.As(err, &busy) {
		return err.Error()
	}
	return fmt.Sprintf("%s is being synchronized by %s (pid %d) since %s",
		busy.Account, busy.Host, busy.PID, busy.Since.Local().Format("15:04"))
}

// pass runs one full sync of the account and records its outcome. When
// ctx ends the pass finishes the batch in hand — committed and filed —
// and stops; only if that takes longer than the grace period is the
// connection cut (which the engine's rules also make safe).
func (r *Runner) pass(ctx context.Context, acc app.AutoAccount) error {
	hard, cut := context.WithCancel(context.WithoutCancel(ctx))
	defer cut()
	stopTimer := context.AfterFunc(ctx, func() { time.AfterFunc(r.grace(), cut) })
	defer stopTimer()
	results, err := r.Actions.Sync(hard, app.SyncFilter{AccountID: acc.ID, Stop: ctx.Done()}, r.Events)
	res := app.SyncResult{AccountID: acc.ID, User: acc.User, Account: acc.Name, Err: err}
	if len(results) == 1 {
		res = results[0]
	}
	// A pass that ended well is recorded even when the stop came while it
	// finished (SIGTERM right after the last batch); one that failed after
	// the stop failed because of it and says nothing about the account.
	if ctx.Err() == nil || res.Err == nil {
		if rerr := Record(r.Store, res, time.Now()); rerr != nil {
			r.notice(acc, rerr.Error())
		}
	}
	return res.Err
}

// watch starts IDLE on the account's folders. It reports false when the
// server has no IDLE, so that later passes do not try again.
func (r *Runner) watch(ctx context.Context, acc app.AutoAccount) (*watchSet, bool) {
	srv, folders, err := r.Actions.WatchTarget(acc.ID)
	if err != nil {
		return nil, true // the pass reports the same problem
	}
	w := &watchSet{news: make(chan struct{}, 1), lost: make(chan struct{}), stop: make(chan struct{})}
	for _, f := range folders[:min(len(folders), maxWatched)] {
		iw, err := imapsync.Watch(ctx, srv, f)
		if errors.Is(err, imapsync.ErrNoIdle) {
			w.close()
			r.notice(acc, fmt.Sprintf("the server offers no IDLE: new mail is fetched every %s", acc.Interval))
			return nil, false
		}
		if err != nil {
			r.notice(acc, fmt.Sprintf("cannot watch %s: %v", f, err))
			continue
		}
		if iw.Quota != nil && len(w.watchers) == 0 {
			r.Store.SetQuota(acc.ID, iw.Quota.UsedBytes, iw.Quota.LimitBytes)
		}
		w.add(iw)
		r.notice(acc, "watching "+f+" for new mail (IDLE)")
	}
	if len(w.watchers) == 0 {
		w.close()
		return nil, true
	}
	return w, true
}

func (r *Runner) backoff(attempt int) time.Duration {
	if r.Backoff != nil {
		return r.Backoff(attempt)
	}
	d := 5 * time.Second << min(attempt-1, 6)
	d = min(d, 5*time.Minute)
	// Up to a fifth more, so that many accounts of one server that lost it
	// together do not all come back in the same second.
	return d + rand.N(d/5+1)
}

func (r *Runner) grace() time.Duration {
	if r.Grace > 0 {
		return r.Grace
	}
	return 30 * time.Second
}

func (r *Runner) busyRetry() time.Duration {
	if r.BusyRetry > 0 {
		return r.BusyRetry
	}
	return 30 * time.Second
}

func (r *Runner) permanentRetry() time.Duration {
	if r.PermanentRetry > 0 {
		return r.PermanentRetry
	}
	return time.Hour
}

func (r *Runner) notice(acc app.AutoAccount, text string) {
	if r.Notice != nil {
		r.Notice(acc.Name, text)
	}
}
