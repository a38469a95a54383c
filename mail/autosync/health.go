package autosync

import (
	"slices"
	"time"

	"postbridge/explain"
	"postbridge/mail/actions"
	"postbridge/mail/imapsync"
	"postbridge/storage"
)

// Record keeps the outcome of one sync for the health view: the window,
// `postbridge sync` and the loops all call it. A cancelled sync says
// nothing about the account and is not recorded.
func Record(store HealthStore, r actions.SyncResult, at time.Time) error {
	if r.AccountID == 0 {
		return nil
	}
	o := storage.SyncOutcome{At: at, Warnings: r.Counts.Warnings}
	if r.Err != nil {
		o.Error, o.Temporary = explain.Error(r.Err), imapsync.Temporary(r.Err)
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

// Judge gives an account's state and the reason for it in words:
// failing when the last sync failed for a reason that will not pass by
// itself, or has failed for half an hour; a warning when it failed for a
// passing reason, had warnings, has mail waiting for attention, or has
// not run for three of its intervals while automatic sync is on; else ok.
func Judge(h storage.HealthRow, now time.Time) (State, string) {
	switch {
	case !h.Active:
		return StateOK, "inactive"
	case h.LastError != "" && !h.Temporary:
		return StateFailing, "the last sync failed"
	case h.LastError != "" && h.ErrorSince != nil && now.Sub(*h.ErrorSince) >= failingAfter:
		return StateFailing, "failing for " + now.Sub(*h.ErrorSince).Round(time.Minute).String()
	case h.LastError != "":
		return StateWarning, "the last sync failed; it is tried again"
	case h.LastRun == nil:
		return StateWarning, "never synchronised"
	case h.AutoSync && now.Sub(*h.LastRun) > 3*time.Duration(h.IntervalMin)*time.Minute:
		return StateWarning, "no automatic sync for " + now.Sub(*h.LastRun).Round(time.Minute).String()
	case h.Warnings > 0:
		return StateWarning, "the last sync had warnings"
	case h.NeedsAttention > 0:
		return StateWarning, "messages wait for attention"
	}
	return StateOK, ""
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
	Reason string
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
