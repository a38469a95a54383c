package autosync

import (
	"context"
	"sync"
	"time"

	"postbridge/mail/imapsync"
)

// wake is why a loop stopped waiting.
type wake int

const (
	wakeStop    wake = iota // ctx ended
	wakeTimer               // the interval (or backoff) is over
	wakeNews                // the server announced new mail
	wakeLost                // the IDLE connection ended
	wakeControl             // Synchronize now, Pause or Resume
	wakeResume              // the computer slept
)

// sleepCheck is how often a waiting loop compares the wall clock with
// the monotonic clock, which stands still while the computer sleeps.
const sleepCheck = 15 * time.Second

// wait blocks until the next pass is due and says why.
func (r *Runner) wait(ctx context.Context, w *watchSet, d time.Duration) wake {
	timer := time.NewTimer(d)
	defer timer.Stop()
	tick := time.NewTicker(sleepCheck)
	defer tick.Stop()
	_, now0, changed := r.control().state()
	start := time.Now()
	for {
		select {
		case <-ctx.Done():
			return wakeStop
		case <-timer.C:
			return wakeTimer
		case <-w.newsC():
			return wakeNews
		case <-w.lostC():
			return wakeLost
		case <-changed:
			var paused bool
			var now uint64
			paused, now, changed = r.control().state()
			if paused || now != now0 {
				return wakeControl
			}
		case <-tick.C:
			now := time.Now()
			// Round(0) drops the monotonic reading: the wall clock's view.
			if slept(now.Round(0).Sub(start.Round(0)), now.Sub(start)) {
				return wakeResume
			}
		}
	}
}

// slept reports whether the computer slept while wall time passed on the
// wall clock and mono on the monotonic clock (Go's time.Since), which
// stands still during a sleep. The connections are then dead, whatever
// the sockets say; the loop starts over with a pass and a fresh watch.
// During the sleep itself nothing runs, so the loop is paused.
func slept(wall, mono time.Duration) bool { return wall-mono > time.Minute }

// whilePaused waits while the loops are paused; false when ctx ended.
func (r *Runner) whilePaused(ctx context.Context) bool {
	for {
		paused, _, changed := r.control().state()
		if !paused {
			return true
		}
		select {
		case <-ctx.Done():
			return false
		case <-changed:
		}
	}
}

// control is set by Run before any loop starts.
func (r *Runner) control() *Control { return r.Control }

// watchSet is the IDLE connections of one account, as one source of
// news: any folder's new mail wakes the loop; the first lost connection
// ends the set.
type watchSet struct {
	watchers []*imapsync.Watcher
	news     chan struct{}
	lost     chan struct{}
	stop     chan struct{}
	once     sync.Once
	lostOnce sync.Once
}

func (w *watchSet) add(iw *imapsync.Watcher) {
	w.watchers = append(w.watchers, iw)
	go func() {
		for {
			select {
			case <-iw.News():
				select {
				case w.news <- struct{}{}:
				default:
				}
			case <-iw.Lost():
				w.lostOnce.Do(func() { close(w.lost) })
				return
			case <-w.stop:
				return
			}
		}
	}()
}

// newsC and lostC are nil (never ready) without a watch.
func (w *watchSet) newsC() <-chan struct{} {
	if w == nil {
		return nil
	}
	return w.news
}

func (w *watchSet) lostC() <-chan struct{} {
	if w == nil {
		return nil
	}
	return w.lost
}

func (w *watchSet) close() {
	if w == nil {
		return
	}
	w.once.Do(func() {
		close(w.stop)
		for _, iw := range w.watchers {
			iw.Close()
		}
	})
}
