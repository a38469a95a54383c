package autosync

import (
	"context"
	"fmt"
	"time"

	"postbridge/app"
)

// Each pass holds its own import pipeline in memory: a batch being
// fetched, one being converted and one committing (mail/imapsync's
// pipeline.go, each batch up to imapsync.DefaultBatchBytes of raw mail
// and its parsed text besides), and two converters per core. Twenty
// accounts that all have mail waiting — an office that switches the
// loop on — would hold twenty pipelines at once: 832 MB of peak RSS in
// BenchmarkWatch20MailboxesWaiting. One pipeline already keeps every
// core busy, so passes beyond a few only add memory; the others wait
// for their turn.

// DefaultMaxPasses is how many accounts' passes run at once when
// Runner.MaxPasses is 0. More than one, so that while a pass waits for
// its server or a commit another converts, and one slow server does not
// hold up every account; not more cores' worth, since one pipeline
// already converts on every core (its convertPool).
const DefaultMaxPasses = 3

func (r *Runner) maxPasses() int {
	if r.MaxPasses > 0 {
		return r.MaxPasses
	}
	return DefaultMaxPasses
}

// turns hands out the right to run a pass. Waiting loops get their turn
// in the order they asked: a channel's blocked senders are served first
// come, first served (a loop woken by Synchronize now asks again, at the
// end of the line).
type turns chan struct{}

func newTurns(n int) turns { return make(turns, n) }

// waitNotice is how long an account waits for its turn before the log
// says so: a short wait is the ordinary case and not worth a line.
var waitNotice = 10 * time.Second

// take waits for acc's turn. It gives up, reporting false, when ctx ends
// (a stop: SIGTERM, the window closing) or the loops are paused
// meanwhile, so that a waiting account answers both at once; giving up
// is neither a pass nor a failure. A nil turns never waits.
func (r *Runner) take(ctx context.Context, t turns, acc app.AutoAccount) bool {
	if t == nil {
		return true
	}
	long := time.NewTimer(waitNotice)
	defer long.Stop()
	paused, _, changed := r.control().state()
	for !paused {
		select {
		case t <- struct{}{}:
			return true
		case <-ctx.Done():
			return false
		case <-changed:
			paused, _, changed = r.control().state()
		case <-long.C:
			r.notice(acc, fmt.Sprintf("waiting for its turn: other accounts synchronize (at most %d at once)", cap(t)))
		}
	}
	return false
}

// give returns a turn taken with take.
func (t turns) give() {
	if t != nil {
		<-t
	}
}
