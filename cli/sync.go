package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"text/tabwriter"
	"time"

	"golang.org/x/term"

	"postbridge/app"
	"postbridge/app/autosync"
	"postbridge/explain"
)

var syncUsage = subUsage("sync [--user NAME] [--account ID] [--json] [--wait] [--dry-run] | sync --watch [--user NAME]",
	`The Synchronize button: imports the mail of every active IMAP account (of
one user, or of all users) and files it on the server. Prints the counts
per account; on a terminal a progress line shows what happens. Ctrl-C
stops cleanly: the next sync goes on where this one stopped.

--watch is the automatic send/receive for an office server without a
desktop: every account with "Include in automatic send and receive" (of
all users, or of --user) is kept in step until Ctrl-C or SIGTERM — new
mail within seconds (IMAP IDLE), a full pass every few minutes.

One sync per account at a time, across processes and workstations on
one database: an account that another process is synchronizing is left
alone with one line saying who ("Alice's account is being synchronized
by PC-0042 (pid 123) since 10:14"), and the exit code stays 0. --wait
waits until that process is done and then synchronizes (Ctrl-C stops
waiting).

--dry-run is the Preview: per folder what a sync would import, move,
archive or delete, with counts, sizes and the oldest and newest date —
nothing is changed on the server or in the database.`)

// syncRow is one account's counts as `sync --json` prints them.
type syncRow struct {
	User    string `json:"user"`
	Account string `json:"account"`
	app.SyncCounts
	Error string `json:"error,omitempty"`
	// HeldBy names the process that was synchronizing the account, which
	// this run therefore left alone.
	HeldBy *holderJSON `json:"held_by,omitempty"`
}

// holderJSON is who holds an account, as `sync --json` prints it.
type holderJSON struct {
	Host    string    `json:"host"`
	PID     int       `json:"pid"`
	Since   time.Time `json:"since"`
	Message string    `json:"message"`
}

func runSync(env *Env, args []string) error {
	fs := newFlagSet("postbridge sync", env.IO, syncUsage)
	user := fs.String("user", "", "only this user's accounts")
	account := fs.Uint("account", 0, "only the account with this ID")
	asJSON := fs.Bool("json", false, "print the counts as JSON")
	watch := fs.Bool("watch", false, "keep syncing the accounts with automatic send/receive until stopped")
	dryRun := fs.Bool("dry-run", false, "only show per folder what a sync would do; change nothing")
	wait := fs.Bool("wait", false, "when another process is synchronizing an account, wait until it is done")
	if code, done := parseFlags(fs, reorder(fs, args), env.IO); done {
		return exitCode(code)
	}
	if fs.NArg() != 0 || (*watch && (*account != 0 || *asJSON || *dryRun || *wait)) || (*wait && *dryRun) {
		return usagef("usage: postbridge sync [--user NAME] [--account ID] [--json] [--wait] [--dry-run] | sync --watch [--user NAME]")
	}
	if *dryRun {
		return runPreview(env, app.SyncFilter{User: *user, AccountID: *account}, *asJSON)
	}
	if *watch {
		return runWatch(env, *user)
	}
	act, err := env.Actions()
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	events := make(chan app.SyncEvent, 64)
	done := make(chan struct{})
	go func() { showProgress(env, events); close(done) }()
	f := app.SyncFilter{User: *user, AccountID: *account, Wait: *wait, Waiting: func(b *app.AccountBusyError) {
		fmt.Fprintf(env.Stderr, "postbridge: %s; waiting until it is done (Ctrl-C stops)\n", explain.Error(b))
	}}
	results, err := act.Sync(ctx, f, events)
	close(events)
	<-done
	if len(results) > 0 {
		err = failures(results) // a busy account is not a failure
	}
	if ctx.Err() == nil {
		for _, r := range results {
			if rerr := autosync.Record(act.Store, r, time.Now()); rerr != nil {
				fmt.Fprintf(env.Stderr, "postbridge: warning: %v\n", rerr)
			}
		}
	}
	if len(results) > 0 {
		if perr := printSync(env, results, *asJSON); perr != nil {
			return perr
		}
	}
	// The mail is safe and filed; the command returns once it can be
	// searched too (storage/search.go).
	if _, ierr := act.Store.IndexSearch(ctx); ierr != nil && ctx.Err() == nil {
		fmt.Fprintf(env.Stderr, "postbridge: warning: %v\n", ierr)
	}
	return err
}

// showProgress writes one updating line on a terminal; elsewhere only
// warnings, so that scripts get clean output.
func showProgress(env *Env, events <-chan app.SyncEvent) {
	f, ok := env.Stderr.(*os.File)
	tty := ok && term.IsTerminal(int(f.Fd()))
	for e := range events {
		switch e := e.(type) {
		case app.SyncProgress:
			if tty {
				fmt.Fprintf(env.Stderr, "\r%s %s: %d of %d", e.Account, e.Folder, e.Done, e.Total)
			}
		case app.SyncWarning:
			fmt.Fprintf(env.Stderr, "\rpostbridge: warning: %s %s: %s\n", e.Account, e.Folder, warningLine(e))
		case app.SyncReconnecting:
			fmt.Fprintf(env.Stderr, "\rpostbridge: %s %s: connection lost (%s); what arrived is kept, reconnecting in %s\n",
				e.Account, e.Folder, oneLine(explain.Error(e.Err)), e.Wait)
		case app.SyncAccountDone:
			if tty {
				fmt.Fprint(env.Stderr, "\r\033[K")
			}
		}
	}
}

// failures joins the errors of the accounts that failed, as Sync does,
// leaving out the accounts another process was synchronizing.
func failures(results []app.SyncResult) error {
	var errs []error
	for _, r := range results {
		if r.Err != nil && !errors.Is(r.Err, app.ErrAccountBusy) {
			errs = append(errs, fmt.Errorf("%s: %w", r.Account, r.Err))
		}
	}
	return errors.Join(errs...)
}

// printSync prints the counts per account, as a table or JSON; an
// account another process was synchronizing is one line saying who.
func printSync(env *Env, results []app.SyncResult, asJSON bool) error {
	rows := make([]syncRow, 0, len(results))
	var held []string
	for _, r := range results {
		row := syncRow{User: r.User, Account: r.Account, SyncCounts: r.Counts}
		var busy *app.AccountBusyError
		switch {
		case errors.As(r.Err, &busy):
			row.HeldBy = &holderJSON{Host: busy.Host, PID: busy.PID, Since: busy.Since, Message: explain.Error(busy)}
			held = append(held, row.HeldBy.Message)
		case r.Err != nil:
			row.Error = explain.Error(r.Err)
		}
		rows = append(rows, row)
	}
	if asJSON {
		return printJSON(env, rows)
	}
	if len(held) < len(rows) {
		if err := printCounts(env, rows); err != nil {
			return err
		}
	}
	for _, line := range held {
		fmt.Fprintln(env.Stdout, line)
	}
	return nil
}

func printCounts(env *Env, rows []syncRow) error {
	w := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "USER\tACCOUNT\tIMPORTED\tMOVED\tLINKED\tUNLINKED\tATTENTION\tDUPLICATES\tWARNINGS")
	for _, r := range rows {
		if r.HeldBy != nil {
			continue
		}
		c := r.SyncCounts
		fmt.Fprintf(w, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\n", r.User, r.Account, c.Imported, c.Moved,
			c.Linked, c.Unlinked, c.NeedsAttention, c.Duplicates, c.Warnings)
	}
	return w.Flush()
}

// warningLine is a sync warning in English: explain words its problem;
// one about a message names its UID.
func warningLine(w app.SyncWarning) string {
	text := explain.Problem(w.Problem)
	if w.UID == 0 {
		return text
	}
	return fmt.Sprintf("message UID %d: %s", w.UID, text)
}
