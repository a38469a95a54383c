package cli

import (
	"context"
	"fmt"
	"text/tabwriter"
)

var foldersUsage = subUsage("folders list|ensure --user NAME",
	`list    the folders of the user's IMAP account, with their special use.
ensure  the magnifier: creates the inbox and outbox folders and their
        Completed subfolders when missing. The sent folder must already
        exist (the name is case-sensitive) and is never created.`)

func runFolders(env *Env, args []string) error {
	fs := newFlagSet("postbridge folders", env.IO, foldersUsage)
	user := fs.String("user", "", "the user whose IMAP account is used (required)")
	if code, done := parseFlags(fs, reorder(fs, args), env.IO); done {
		return exitCode(code)
	}
	if fs.NArg() != 1 || *user == "" || (fs.Arg(0) != "list" && fs.Arg(0) != "ensure") {
		return usagef("usage: postbridge folders list|ensure --user NAME")
	}
	act, err := env.Actions()
	if err != nil {
		return err
	}
	ctx := context.Background()
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
