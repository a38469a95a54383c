package cli

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"text/tabwriter"
	"time"

	"postbridge/app"
	"postbridge/explain"
)

// previewRow is one account as `sync --dry-run --json` prints it.
type previewRow struct {
	User    string                  `json:"user"`
	Account string                  `json:"account"`
	Folders []app.SyncFolderPreview `json:"folders"`
	Error   string                  `json:"error,omitempty"`
}

func runPreview(env *Env, f app.SyncFilter, asJSON bool) error {
	act, err := env.Actions()
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	results, err := act.Preview(ctx, f)
	rows := make([]previewRow, 0, len(results))
	for _, r := range results {
		row := previewRow{User: r.User, Account: r.Account, Folders: r.Folders}
		if r.Err != nil {
			row.Error = explain.Error(r.Err)
		}
		rows = append(rows, row)
	}
	if len(rows) > 0 {
		if perr := printPreview(env, rows, asJSON); perr != nil {
			return perr
		}
	}
	return err
}

func printPreview(env *Env, rows []previewRow, asJSON bool) error {
	if asJSON {
		return printJSON(env, rows)
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "USER\tACCOUNT\tFOLDER\tMESSAGES\tSIZE\tIMPORT\tMOVE\tARCHIVE\tDELETE\tOLDEST\tNEWEST")
	for _, r := range rows {
		for _, p := range r.Folders {
			if p.Missing {
				fmt.Fprintf(w, "%s\t%s\t%s\t(missing)\t\t\t\t\t\t\t\n", r.User, r.Account, p.Folder)
				continue
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%s\t%d (%s)\t%d\t%d\t%d\t%s\t%s\n", r.User, r.Account, p.Folder,
				p.Messages, size(p.Bytes), p.Import, size(p.ImportBytes), p.Move, p.Archive, p.Delete, day(p.Oldest), day(p.Newest))
		}
		if r.Error != "" {
			fmt.Fprintf(w, "%s\t%s\terror: %s\t\t\t\t\t\t\t\t\n", r.User, r.Account, oneLine(r.Error))
		}
	}
	return w.Flush()
}

func size(b int64) string {
	switch {
	case b >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(b)/(1<<20))
	case b >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(b)/(1<<10))
	}
	return fmt.Sprintf("%d B", b)
}

func day(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Local().Format("2006-01-02")
}
