package cli

import (
	"fmt"
	"text/tabwriter"
	"time"

	"postbridge/app"
)

var tokenUsage = subUsage("token create NAME --scope read[,send] | token list [--json] | token revoke NAME",
	`Bearer tokens of the HTTP API (postbridge serve). create prints the new
token once: only its hash is stored, so copy it now. read lets a program
read mail, relations, projects and accounts; send lets it send mail too.
revoke refuses the token from then on.`)

func runToken(env *Env, args []string) error {
	fs := newFlagSet("postbridge token", env.IO, tokenUsage)
	scope := fs.String("scope", app.ScopeRead, "create: read, or read,send")
	asJSON := fs.Bool("json", false, "list: print JSON")
	if code, done := parseFlags(fs, reorder(fs, args), env.IO); done {
		return exitCode(code)
	}
	verb, rest := fs.Arg(0), fs.Args()
	act, err := env.Actions()
	if err != nil {
		return err
	}
	switch {
	case verb == "create" && len(rest) == 2:
		token, err := act.CreateAPIToken(rest[1], *scope, time.Now())
		if err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, token)
		fmt.Fprintf(env.Stderr, "postbridge: token %q (%s) created; it is shown only now\n", rest[1], *scope)
		return nil
	case verb == "list" && len(rest) == 1:
		return listTokens(env, act, *asJSON)
	case verb == "revoke" && len(rest) == 2:
		return act.RevokeAPIToken(rest[1])
	}
	return usagef("usage: postbridge token create NAME --scope read[,send] | list [--json] | revoke NAME")
}

// tokenRow is one token as `token list --json` prints it; never the token.
type tokenRow struct {
	Name     string     `json:"name"`
	Scopes   string     `json:"scopes"`
	Created  time.Time  `json:"created"`
	LastUsed *time.Time `json:"last_used"`
}

func listTokens(env *Env, act *app.Actions, asJSON bool) error {
	list, err := act.APITokens()
	if err != nil {
		return err
	}
	rows := make([]tokenRow, 0, len(list))
	for _, t := range list {
		rows = append(rows, tokenRow{Name: t.Name, Scopes: t.Scopes, Created: t.CreatedAt.UTC(), LastUsed: t.LastUsedAt})
	}
	if asJSON {
		return printJSON(env, rows)
	}
	if len(rows) == 0 {
		fmt.Fprintln(env.Stdout, "no tokens (create one with postbridge token create NAME --scope read)")
		return nil
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "NAME\tSCOPES\tCREATED\tLAST USED")
	for _, r := range rows {
		used := "never"
		if r.LastUsed != nil {
			used = r.LastUsed.Local().Format("2006-01-02 15:04")
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", r.Name, r.Scopes, r.Created.Local().Format("2006-01-02 15:04"), used)
	}
	return w.Flush()
}
