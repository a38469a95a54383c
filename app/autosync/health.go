package autosync

import (
	"errors"
	"slices"
	"time"

	"postbridge/app"
	"postbridge/app/errkind"
	"postbridge/mail/imapsync"
	"postbridge/storage"
)

// Record keeps the outcome of one sync for the health view: the window,
// `postbridge sync` and the loops all call it. A cancelled sync says
// nothing about the account and is not recorded; nor is one that found
// the account busy with another process, whose own outcome is recorded
// when it ends.
func Record(store HealthStore, r app.SyncResult, at time.Time) error {
	if r.AccountID == 0 || errors.Is(r.Err, app.ErrAccountBusy) {
		return nil
	}
	o := storage.SyncOutcome{At: at, Warnings: r.Counts.Warnings}
	if r.Err != nil {
		// Kept as a problem (kind and arguments), never as a sentence: on a
		// shared database each reader words it in their own language.
		o.Problem = errkind.Of(r.Err)
		o.Problem.Temp = imapsync.Temporary(r.Err)
		o.Error, o.ErrorKind, o.Temporary = r.Err.Error(), o.Problem.Kind, o.Problem.Temp
	}
	return store.RecordSync(r.AccountID, o)
}

// State is an account's health at a glance.
type State string

// The states, worst last.
const (
	StateOK      State = "ok"
	StateWarning State = "warning"
	StateFailing State = "failing"
)

// failingAfter is how long a failure that may pass (a network loss, a
// server restart) is a warning before it counts as failing.
const failingAfter = 30 * time.Minute

// Reason says why an account has its state; the window translates it
// ("health.reason.<reason>"), the command line prints English().
type Reason string

// The reasons, in the order Judge considers them.
const (
	ReasonNone      Reason = ""
	ReasonInactive  Reason = "inactive"
	ReasonPermanent Reason = "permanent" // the last sync failed for a reason that will not pass by itself
	ReasonLong      Reason = "long"      // a passing failure that lasts half an hour
	ReasonRetrying  Reason = "retrying"  // a passing failure; tried again
	ReasonNever     Reason = "never"     // never synchronised
	ReasonStale     Reason = "stale"     // automatic sync on, but no sync for three intervals
	ReasonWarnings  Reason = "warnings"  // the last sync had warnings
	ReasonAttention Reason = "attention" // messages wait for attention
)

// Reasons gives each reason's English text, for the command line and as
// the window's fallback.
var Reasons = map[Reason]string{
	ReasonInactive:  "inactive",
	ReasonPermanent: "the last sync failed and will not succeed by itself",
	ReasonLong:      "failing for more than half an hour",
	ReasonRetrying:  "the last sync failed; it is tried again",
	ReasonNever:     "never synchronized",
	ReasonStale:     "no automatic sync for more than three intervals",
	ReasonWarnings:  "the last sync had warnings",
	ReasonAttention: "messages wait for attention",
}

// English is the reason in English.
func (r Reason) English() string { return Reasons[r] }

// Judge gives an account's state and why: failing when the last sync
// failed for a reason that will not pass by itself, or has failed for
// half an hour; a warning when it failed for a passing reason, never
// ran, has not run for three of its intervals while automatic sync is
// on, had warnings, or has mail waiting for attention; else ok.
func Judge(h storage.HealthRow, now time.Time) (State, Reason) {
	switch {
	case !h.Active:
		return StateOK, ReasonInactive
	case h.Failing() && !h.Temporary:
		return StateFailing, ReasonPermanent
	case h.Failing() && h.ErrorSince != nil && now.Sub(*h.ErrorSince) >= failingAfter:
		return StateFailing, ReasonLong
	case h.Failing():
		return StateWarning, ReasonRetrying
	case h.LastRun == nil:
		return StateWarning, ReasonNever
	case h.AutoSync && now.Sub(*h.LastRun) > 3*time.Duration(h.IntervalMin)*time.Minute:
		return StateWarning, ReasonStale
	case h.Warnings > 0:
		return StateWarning, ReasonWarnings
	case h.NeedsAttention > 0:
		return StateWarning, ReasonAttention
	}
	return StateOK, ReasonNone
}

// rank orders states worst first.
func rank(s State) int {
	switch s {
	case StateFailing:
		return 0
	case StateWarning:
		return 1
	}
	return 2
}

// Judged is a health row with its state.
type Judged struct {
	storage.HealthRow
	State  State
	Reason Reason
}

// Overview judges every row and orders them failing first, then
// warnings, then ok, keeping the user and account order within each.
func Overview(rows []storage.HealthRow, now time.Time) []Judged {
	out := make([]Judged, 0, len(rows))
	for _, r := range rows {
		s, why := Judge(r, now)
		out = append(out, Judged{HealthRow: r, State: s, Reason: why})
	}
	slices.SortStableFunc(out, func(a, b Judged) int { return rank(a.State) - rank(b.State) })
	return out
}
