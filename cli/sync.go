package cli

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"text/tabwriter"
	"time"

	"golang.org/x/term"

	"postbridge/explain"
	"postbridge/mail/actions"
	"postbridge/mail/autosync"
	"postbridge/mail/imapsync"
)

var syncUsage = subUsage("sync [--user NAME] [--account ID] [--json] [--dry-run] | sync --watch [--user NAME]",
	`The Synchronize button: imports the mail of every active IMAP account (of
one user, or of all users) and files it on the server. Prints the counts
per account; on a terminal a progress line shows what happens. Ctrl-C
stops cleanly: the next sync goes on where this one stopped.

--watch is the automatic send/receive for an office server without a
desktop: every account with "Include in automatic send and receive" (of
all users, or of --user) is kept in step until Ctrl-C or SIGTERM — new
mail within seconds (IMAP IDLE), a full pass every few minutes.

--dry-run is the Preview: per folder what a sync would import, move,
archive or delete, with counts, sizes and the oldest and newest date —
nothing is changed on the server or in the database.`)

// syncRow is one account's counts as `sync --json` prints them.
type syncRow struct {
	User    string `json:"user"`
	Account string `json:"account"`
	imapsync.Counts
	Error string `json:"error,omitempty"`
}

func runSync(env *Env, args []string) error {
	fs := newFlagSet("postbridge sync", env.IO, syncUsage)
	user := fs.String("user", "", "only this user's accounts")
	account := fs.Uint("account", 0, "only the account with this ID")
	asJSON := fs.Bool("json", false, "print the counts as JSON")
	watch := fs.Bool("watch", false, "keep syncing the accounts with automatic send/receive until stopped")
	dryRun := fs.Bool("dry-run", false, "only show per folder what a sync would do; change nothing")
	if code, done := parseFlags(fs, reorder(fs, args), env.IO); done {
		return exitCode(code)
	}
	if fs.NArg() != 0 || (*watch && (*account != 0 || *asJSON || *dryRun)) {
		return usagef("usage: postbridge sync [--user NAME] [--account ID] [--json] [--dry-run] | sync --watch [--user NAME]")
	}
	if *dryRun {
		return runPreview(env, actions.SyncFilter{User: *user, AccountID: *account}, *asJSON)
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
	events := make(chan imapsync.Event, 64)
	done := make(chan struct{})
	go func() { showProgress(env, events); close(done) }()
	results, err := act.Sync(ctx, actions.SyncFilter{User: *user, AccountID: *account}, events)
	close(events)
	<-done
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
func showProgress(env *Env, events <-chan imapsync.Event) {
	f, ok := env.Stderr.(*os.File)
	tty := ok && term.IsTerminal(int(f.Fd()))
	for e := range events {
		switch e := e.(type) {
		case imapsync.Progress:
			if tty {
				fmt.Fprintf(env.Stderr, "\r%s %s: %d of %d", e.Account, e.Folder, e.Done, e.Total)
			}
		case imapsync.Warning:
			fmt.Fprintf(env.Stderr, "\rpostbridge: warning: %s %s: %s\n", e.Account, e.Folder, e.Text)
		case imapsync.Reconnecting:
			fmt.Fprintf(env.Stderr, "\rpostbridge: %s %s: connection lost (%s); what arrived is kept, reconnecting in %s\n",
				e.Account, e.Folder, oneLine(explain.Error(e.Err)), e.Wait)
		case imapsync.AccountDone:
			if tty {
				fmt.Fprint(env.Stderr, "\r\033[K")
			}
		}
	}
}

func printSync(env *Env, results []actions.SyncResult, asJSON bool) error {
	rows := make([]syncRow, 0, len(results))
	for _, r := range results {
		row := syncRow{User: r.User, Account: r.Account, Counts: r.Counts}
		if r.Err != nil {
			row.Error = explain.Error(r.Err)
		}
		rows = append(rows, row)
	}
	if asJSON {
		return printJSON(env, rows)
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "USER\tACCOUNT\tIMPORTED\tMOVED\tLINKED\tUNLINKED\tATTENTION\tDUPLICATES\tWARNINGS")
	for _, r := range rows {
		c := r.Counts
		fmt.Fprintf(w, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\n", r.User, r.Account, c.Imported, c.Moved,
			c.Linked, c.Unlinked, c.NeedsAttention, c.Duplicates, c.Warnings)
	}
	return w.Flush()
}
