package cli

import (
	"fmt"
	"text/tabwriter"
	"time"

	"postbridge/app"
	"postbridge/app/autosync"
	"postbridge/explain"
)

var statusUsage = subUsage("status [--json]",
	`The health view: per user and IMAP account its state (ok, warning,
failing — failing first), the last successful sync, the last error with
its explanation and since when, messages imported today and in all,
messages waiting for attention, the next automatic sync and the server's
quota where it says it, and the messages left on the server for their
size (larger than announced or than the company's max_message_mb). Then
the sending domains with their last delivery check (SPF, DKIM, DMARC:
postbridge domain check) and its first problem. Exits 1 when an account
is failing or a domain's last check failed, so a monitoring script can
use it; --json prints the accounts only.`)

// statusRow is one account as `status --json` prints it.
type statusRow struct {
	User           string     `json:"user"`
	AccountID      uint       `json:"account_id"`
	Account        string     `json:"account"`
	State          string     `json:"state"`
	Reason         string     `json:"reason,omitempty"`
	LastSuccess    *time.Time `json:"last_success,omitempty"`
	LastError      string     `json:"last_error,omitempty"`
	ErrorSince     *time.Time `json:"error_since,omitempty"`
	ImportedToday  int64      `json:"imported_today"`
	ImportedTotal  int64      `json:"imported_total"`
	NeedsAttention int64      `json:"needs_attention"`
	AutoSync       bool       `json:"auto_sync"`
	NextSync       *time.Time `json:"next_sync,omitempty"`
	QuotaUsed      int64      `json:"quota_used_bytes,omitempty"`
	QuotaLimit     int64      `json:"quota_limit_bytes,omitempty"`
	Refused        []refused  `json:"refused,omitempty"`
}

// refused is a message the sync left on the server for its size.
type refused struct {
	Folder    string    `json:"folder"`
	UID       uint32    `json:"uid"`
	Size      int64     `json:"size_bytes"`
	Reason    string    `json:"reason"`
	RefusedAt time.Time `json:"refused_at"`
}

func runStatus(env *Env, args []string) error {
	fs := newFlagSet("postbridge status", env.IO, statusUsage)
	asJSON := fs.Bool("json", false, "print the health view as JSON")
	if code, done := parseFlags(fs, reorder(fs, args), env.IO); done {
		return exitCode(code)
	}
	if fs.NArg() != 0 {
		return usagef("usage: postbridge status [--json]")
	}
	act, err := env.Actions()
	if err != nil {
		return err
	}
	now := time.Now()
	rows, err := act.HealthRows(now)
	if err != nil {
		return err
	}
	var out []statusRow
	failing := false
	for _, j := range autosync.Overview(rows, now) {
		failing = failing || j.State == autosync.StateFailing
		out = append(out, statusRow{User: j.User, AccountID: j.AccountID, Account: j.Account, State: string(j.State),
			Reason: j.Reason.English(), LastSuccess: j.LastSuccess, LastError: explain.Problem(explain.LastFailure(j.AccountHealth)), ErrorSince: j.ErrorSince,
			ImportedToday: j.ImportedToday, ImportedTotal: j.ImportedTotal, NeedsAttention: j.NeedsAttention,
			AutoSync: j.AutoSync, NextSync: j.NextSync, QuotaUsed: j.QuotaUsed, QuotaLimit: j.QuotaLimit})
		for _, r := range j.Refused {
			out[len(out)-1].Refused = append(out[len(out)-1].Refused,
				refused{Folder: r.Folder, UID: r.UID, Size: r.Size, Reason: explain.Problem(r.Reason), RefusedAt: r.RefusedAt})
		}
	}
	if err := printStatus(env, out, *asJSON); err != nil {
		return err
	}
	domains, err := domainsHealth(act)
	if err != nil {
		return err
	}
	for _, d := range domains {
		failing = failing || d.Worst == app.DeliverStatusFailing
	}
	if !*asJSON {
		if err := printDomainsHealth(env, domains); err != nil {
			return err
		}
	}
	if failing {
		return exitCode(ExitFailure)
	}
	return nil
}

func printStatus(env *Env, rows []statusRow, asJSON bool) error {
	if asJSON {
		if rows == nil {
			rows = []statusRow{}
		}
		return printJSON(env, rows)
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "STATE\tUSER\tACCOUNT\tLAST SUCCESS\tTODAY\tTOTAL\tATTENTION\tNEXT SYNC\tQUOTA\tREASON")
	for _, r := range rows {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%d\t%d\t%d\t%s\t%s\t%s\n", r.State, r.User, r.Account, when(r.LastSuccess),
			r.ImportedToday, r.ImportedTotal, r.NeedsAttention, when(r.NextSync), quota(r.QuotaUsed, r.QuotaLimit), r.Reason)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	for _, r := range rows {
		if r.LastError != "" {
			fmt.Fprintf(env.Stdout, "\n%s, %s — last error, since %s:\n  %s\n", r.User, r.Account, when(r.ErrorSince), oneLine(r.LastError))
		}
	}
	for _, r := range rows {
		if len(r.Refused) > 0 {
			fmt.Fprintf(env.Stdout, "\n%s, %s — left on the server for their size:\n", r.User, r.Account)
		}
		for _, m := range r.Refused {
			fmt.Fprintf(env.Stdout, "  %s UID %d, %d bytes, %s: %s\n", m.Folder, m.UID, m.Size, when(&m.RefusedAt), m.Reason)
		}
	}
	return nil
}

func when(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.Local().Format("2006-01-02 15:04")
}

func quota(used, limit int64) string {
	if limit <= 0 {
		return "-"
	}
	return fmt.Sprintf("%d%% of %d MB", used*100/limit, limit>>20)
}
