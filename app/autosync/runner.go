package autosync

import "postbridge/app"

// NewRunner is a Runner that syncs with a and keeps its health in a's
// store: the window starts the loop without holding the store itself.
func NewRunner(a *app.Actions) *Runner {
	return &Runner{Actions: a, Store: a.Store}
}
