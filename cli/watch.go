package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"postbridge/app"
	"postbridge/app/autosync"
	"postbridge/explain"
)

// runWatch is `postbridge sync --watch`: the automatic send/receive loop
// of every account that has it on, until SIGINT or SIGTERM (a service
// manager's stop). The signal cancels the loops; a pass cut off mid-batch
// is safe (a batch is filed on the server only after its commit), and
// runWatch returns once every loop has stopped.
func runWatch(env *Env, user string) error {
	act, err := env.Actions()
	if err != nil {
		return err
	}
	if err := secretsUsable(env.Secrets); err != nil {
		return err
	}
	accounts, err := act.AutoAccounts(user)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	out := &lockedWriter{w: env.Stderr}
	out.linef("watching %d accounts; stop with Ctrl-C or SIGTERM", len(accounts))
	watchAccounts(ctx, act, accounts, out)
	out.linef("stopped")
	return nil
}

// watchAccounts runs the automatic send/receive loops of accounts until
// ctx ends, with its events as log lines on out; sync --watch and serve
// share it, so that scripts and log filters that read one read the other.
func watchAccounts(ctx context.Context, act *app.Actions, accounts []app.AutoAccount, out *lockedWriter) {
	host, _ := os.Hostname()
	events := make(chan app.SyncEvent, 256)
	done := make(chan struct{})
	byID, byName := watchLabels(accounts)
	go func() { logWatchEvents(out, relabeled(events, byID)); close(done) }()
	r := &autosync.Runner{Actions: act, Store: act.Store, Events: events,
		WatchedBy: fmt.Sprintf("%s (pid %d)", host, os.Getpid()),
		Notice:    func(account, text string) { out.linef("%s: %s", labelOr(byName[account], account), text) }}
	r.Run(ctx, accounts)
	close(events)
	<-done
}

// logWatchEvents prints, per pass, what a person wants in a service log:
// what was imported, warnings and errors — no progress.
func logWatchEvents(out *lockedWriter, events <-chan app.SyncEvent) {
	for e := range events {
		switch e := e.(type) {
		case app.SyncWarning:
			out.linef("%s: warning: %s: %s", e.Account, e.Folder, warningLine(e))
		case app.SyncFolderFailed:
			out.linef("%s: error: %s: %s", e.Account, e.Folder, oneLine(explain.Error(e.Err)))
		case app.SyncReconnecting:
			out.linef("%s: reconnecting: %s: %s", e.Account, e.Folder, oneLine(explain.Error(e.Err)))
		case app.SyncAccountFailed:
			// The empty folder keeps the line as it always was: scripts
			// and log filters read "ACCOUNT: error: FOLDER: TEXT".
			out.linef("%s: error: : %s", e.Account, oneLine(explain.Error(e.Err)))
		case app.SyncAccountDone:
			if c := e.Counts; c.Imported+c.Moved+c.Archived+c.Deleted > 0 {
				out.linef("%s: imported %d, moved %d, duplicates %d", e.Account, c.Imported, c.Moved, c.Duplicates)
			}
		}
	}
}

// lockedWriter lets the loops of many accounts write whole lines.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) linef(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.w, "%s %s\n", time.Now().Format("2006-01-02 15:04:05"), fmt.Sprintf(format, args...))
}
