package cli

import (
	"fmt"
	"strings"

	"postbridge/app"
)

// watchLabels names each account in sync --watch's log with its user and
// ID, as "alice (Alice, #3)" — an account with a description ("Inbox")
// would otherwise leave a service log reader guessing whose it is. byName
// serves the loop's notices, which carry the account's name only; a name
// two accounts share is left out of it rather than guessed.
func watchLabels(accounts []app.AutoAccount) (byID map[uint]string, byName map[string]string) {
	byID, byName = map[uint]string{}, map[string]string{}
	shared := map[string]bool{}
	for _, a := range accounts {
		label := a.Name
		if !strings.HasSuffix(a.Name, fmt.Sprintf("(%s, #%d)", a.User, a.ID)) {
			label = fmt.Sprintf("%s (%s, #%d)", a.Name, a.User, a.ID)
		}
		byID[a.ID] = label
		if _, seen := byName[a.Name]; seen {
			shared[a.Name] = true
		}
		byName[a.Name] = label
	}
	for name := range shared {
		delete(byName, name)
	}
	return byID, byName
}

func labelOr(label, name string) string {
	if label == "" {
		return name
	}
	return label
}

// relabeled passes events on with their account's label; it closes its
// channel when events is closed and drained.
func relabeled(events <-chan app.SyncEvent, labels map[uint]string) <-chan app.SyncEvent {
	out := make(chan app.SyncEvent, cap(events))
	go func() {
		defer close(out)
		for e := range events {
			out <- relabel(e, labels)
		}
	}()
	return out
}

// relabel gives the events that watch logs their account's label.
func relabel(e app.SyncEvent, labels map[uint]string) app.SyncEvent {
	label, ok := labels[e.Origin().AccountID]
	if !ok {
		return e
	}
	return app.SyncRenamed(e, label)
}
