package autosync

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"postbridge/app"
	"postbridge/mail/imapsync"
	"postbridge/storage"
)

// fakeSyncer stands for app.Actions in the tests of the turns: what runs
// at once is the loop's business, not the servers'. hold, when set, is
// what a pass does while it runs.
type fakeSyncer struct {
	mu      sync.Mutex
	running int
	peak    int
	calls   map[uint]int
	changed chan struct{} // closed and replaced on every change
	hold    func(f *fakeSyncer, stop <-chan struct{})
}

func newFakeSyncer(hold func(*fakeSyncer, <-chan struct{})) *fakeSyncer {
	return &fakeSyncer{calls: map[uint]int{}, changed: make(chan struct{}), hold: hold}
}

func (f *fakeSyncer) Sync(ctx context.Context, flt app.SyncFilter, _ chan<- imapsync.Event) ([]app.SyncResult, error) {
	f.update(func() {
		f.running++
		f.peak = max(f.peak, f.running)
		f.calls[flt.AccountID]++
	})
	f.hold(f, flt.Stop)
	f.update(func() { f.running-- })
	return []app.SyncResult{{AccountID: flt.AccountID}}, nil
}

func (f *fakeSyncer) WatchTarget(uint) (imapsync.Server, []string, error) {
	return imapsync.Server{}, nil, errors.New("no watch in this test")
}

func (f *fakeSyncer) update(change func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	change()
	close(f.changed)
	f.changed = make(chan struct{})
}

// until waits, up to limit, for ok to hold of the fake; it reports
// whether it did.
func (f *fakeSyncer) until(limit time.Duration, ok func(*fakeSyncer) bool) bool {
	deadline := time.After(limit)
	for {
		f.mu.Lock()
		done, changed := ok(f), f.changed
		f.mu.Unlock()
		if done {
			return true
		}
		select {
		case <-changed:
		case <-deadline:
			return false
		}
	}
}

// fakeHealth keeps what the loops record.
type fakeHealth struct {
	mu       sync.Mutex
	outcomes map[uint][]storage.SyncOutcome
}

func (h *fakeHealth) RecordSync(account uint, o storage.SyncOutcome) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.outcomes == nil {
		h.outcomes = map[uint][]storage.SyncOutcome{}
	}
	h.outcomes[account] = append(h.outcomes[account], o)
	return nil
}

func (h *fakeHealth) SetNextSync(uint, *time.Time, string) error { return nil }
func (h *fakeHealth) SetQuota(uint, int64, int64) error          { return nil }

func (h *fakeHealth) recorded(account uint) []storage.SyncOutcome {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.outcomes[account]
}

func autoAccounts(n int) []app.AutoAccount {
	var out []app.AutoAccount
	for i := range n {
		out = append(out, app.AutoAccount{ID: uint(i + 1), Name: fmt.Sprintf("Postvak %d", i+1), Interval: time.Hour})
	}
	return out
}

// runInBackground runs r for accounts until the returned stop is called;
// stop returns once Run has returned, or fails the test after 5 s.
func runInBackground(t *testing.T, r *Runner, accounts []app.AutoAccount) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { r.Run(ctx, accounts); close(done) }()
	t.Cleanup(cancel)
	return func() {
		t.Helper()
		cancel()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatal("the loops did not stop within 5 s of the stop")
		}
	}
}

// Twenty accounts with mail waiting all want a pass at once: no more
// than MaxPasses run at the same time, as many as that do, and every
// account gets its turn.
func TestNoMorePassesAtOnceThanAllowed(t *testing.T) {
	tests := []struct{ maxPasses, want int }{
		{1, 1},
		{3, 3},
		{0, DefaultMaxPasses},
	}
	for _, tt := range tests {
		// Each pass holds on until as many passes as allowed ran together
		// (or 2 s passed), and then a little longer, for the waiting ones
		// to get in if the bound let them: a bound that lets more through
		// shows in the peak, one that lets fewer through in the time out.
		f := newFakeSyncer(func(f *fakeSyncer, _ <-chan struct{}) {
			f.until(2*time.Second, func(f *fakeSyncer) bool { return f.peak >= tt.want })
			time.Sleep(50 * time.Millisecond)
		})
		h := &fakeHealth{}
		accounts := autoAccounts(20)
		stop := runInBackground(t, &Runner{Actions: f, Store: h, MaxPasses: tt.maxPasses}, accounts)
		allRan := f.until(20*time.Second, func(f *fakeSyncer) bool { return len(f.calls) == len(accounts) && f.running == 0 })
		stop()
		f.mu.Lock()
		got, ran := f.peak, len(f.calls)
		f.mu.Unlock()
		if got != tt.want || !allRan {
			t.Errorf("MaxPasses %d: at most %d passes at once, %d of %d accounts had theirs; want %d at once and all",
				tt.maxPasses, got, ran, len(accounts), tt.want)
		}
	}
}

// An account waiting for its turn says so in the log once it waits long,
// and answers a stop (SIGTERM) at once: it runs no pass after the stop
// and nothing is recorded for it, so it does not count as failing.
func TestWaitingAccountStopsWithoutAPass(t *testing.T) {
	defer func(d time.Duration) { waitNotice = d }(waitNotice)
	waitNotice = 50 * time.Millisecond
	f := newFakeSyncer(func(_ *fakeSyncer, stop <-chan struct{}) { <-stop }) // a long import, until the stop
	h := &fakeHealth{}
	accounts := autoAccounts(2)
	n := newNotices()
	stop := runInBackground(t, &Runner{Actions: f, Store: h, MaxPasses: 1, Notice: n.add}, accounts)
	if !f.until(5*time.Second, func(f *fakeSyncer) bool { return f.running == 1 }) {
		t.Fatal("no pass started")
	}
	const waiting = "waiting for its turn: other accounts synchronize (at most 1 at once)"
	n.waitFor(t, waiting, 1)
	stop()
	f.mu.Lock()
	defer f.mu.Unlock()
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, a := range accounts {
		said := slices.Contains(n.lines, a.Name+": "+waiting)
		if ran := f.calls[a.ID] > 0; said == ran {
			t.Errorf("%s: ran a pass %v, said it waits %v; want the one that waited to say so", a.Name, ran, said)
		}
		calls, recorded := f.calls[a.ID], h.recorded(a.ID)
		if calls != len(recorded) || calls > 1 {
			t.Errorf("account %d: %d passes, %d outcomes recorded %v", a.ID, calls, len(recorded), recorded)
		}
		for _, o := range recorded {
			if o.Error != "" {
				t.Errorf("account %d: a failure recorded: %s", a.ID, o.Error)
			}
		}
	}
	if len(f.calls) != 1 {
		t.Errorf("%d accounts ran a pass, want only the one that had its turn before the stop", len(f.calls))
	}
}

// Pause while an account waits for its turn: it does not start its pass
// when the turn comes, only after Resume.
func TestWaitingAccountHoldsStillWhilePaused(t *testing.T) {
	release := make(chan struct{})
	f := newFakeSyncer(func(f *fakeSyncer, _ <-chan struct{}) {
		f.mu.Lock()
		first := len(f.calls) == 1
		f.mu.Unlock()
		if first {
			<-release // the first account's pass runs until the test lets it end
		}
	})
	control := &Control{}
	stop := runInBackground(t, &Runner{Actions: f, Store: &fakeHealth{}, Control: control, MaxPasses: 1}, autoAccounts(2))
	defer stop()
	if !f.until(5*time.Second, func(f *fakeSyncer) bool { return f.running == 1 }) {
		t.Fatal("no pass started")
	}
	time.Sleep(100 * time.Millisecond) // the other account waits for its turn
	control.Pause()
	close(release)
	if f.until(500*time.Millisecond, func(f *fakeSyncer) bool { return f.calls[1]+f.calls[2] > 1 }) {
		t.Error("the waiting account ran its pass while the loops were paused")
	}
	control.Resume()
	if !f.until(5*time.Second, func(f *fakeSyncer) bool { return len(f.calls) == 2 }) {
		t.Error("the waiting account ran no pass after Resume")
	}
}
