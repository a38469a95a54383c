package cli

import (
	"context"
	"fmt"
	"text/tabwriter"

	"postbridge/app"
)

var foldersUsage = subUsage("folders list|ensure|download|reindex|purge --user NAME [--account ID] [--folder F]",
	`list      the folders of the user's IMAP account, with their special use.
ensure    the magnifier: creates the inbox and outbox folders and their
          Completed subfolders when missing. The sent folder must already
          exist (the name is case-sensitive) and is never created.
download  Download once: bring --folder in step with the server this once.
reindex   ReIndex: forget what is stored of --folder and import it again,
          linking it anew (mail the server no longer has is kept).
purge     Purge deleted: expunge the messages of --folder flagged deleted.`)

var folderOps = map[string]app.FolderOp{
	"download": app.OpDownloadOnce, "reindex": app.OpReIndex, "purge": app.OpPurge,
}

func runFolders(env *Env, args []string) error {
	fs := newFlagSet("postbridge folders", env.IO, foldersUsage)
	user := fs.String("user", "", "the user whose IMAP account is used (required)")
	accountID := fs.Uint("account", 0, "the IMAP account's id (default: the user's default account)")
	folder := fs.String("folder", "", "the folder for download, reindex and purge")
	if code, done := parseFlags(fs, reorder(fs, args), env.IO); done {
		return exitCode(code)
	}
	op, isOp := folderOps[fs.Arg(0)]
	if fs.NArg() != 1 || *user == "" || (fs.Arg(0) != "list" && fs.Arg(0) != "ensure" && !isOp) || (isOp && *folder == "") {
		return usagef("usage: postbridge folders list|ensure|download|reindex|purge --user NAME [--account ID] [--folder F]")
	}
	act, err := env.Actions()
	if err != nil {
		return err
	}
	ctx := context.Background()
	if isOp {
		counts, err := act.RunFolderOp(ctx, op, app.FolderTarget{User: *user, AccountID: uint(*accountID), Folder: *folder}, nil)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "%s: imported %d, linked %d, unlinked %d, needs attention %d, purged %d\n",
			*folder, counts.Imported, counts.Linked, counts.Unlinked, counts.NeedsAttention, counts.Purged)
		return nil
	}
	if fs.Arg(0) == "ensure" {
		res, err := act.EnsureFolders(ctx, *user)
		if err != nil {
			return err
		}
		for _, f := range res.Created {
			fmt.Fprintf(env.Stdout, "created  %s\n", f)
		}
		for _, f := range res.Existing {
			fmt.Fprintf(env.Stdout, "exists   %s\n", f)
		}
		return nil
	}
	folders, err := act.Folders(ctx, *user)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "FOLDER\tDELIMITER\tROLE\tSUBSCRIBED")
	for _, f := range folders {
		fmt.Fprintf(w, "%s\t%s\t%s\t%v\n", f.Name, f.Delimiter, f.Role, f.Subscribed)
	}
	return w.Flush()
}
