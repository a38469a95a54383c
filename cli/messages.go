package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"postbridge/app"
)

var messagesUsage = subUsage("messages [--json] [--attention]",
	"Lists imported messages, newest first, with their links and attachments.")

// messageRow is one message as `messages --json` prints it; scripts rely
// on these names.
type messageRow struct {
	MessageID   string   `json:"message_id"`
	From        string   `json:"from"`
	To          string   `json:"to"`
	Cc          string   `json:"cc,omitempty"`
	Date        string   `json:"date"`
	Subject     string   `json:"subject"`
	Folder      string   `json:"folder"`
	Direction   string   `json:"direction"`
	State       string   `json:"state"`
	Relations   []string `json:"relations"`
	Project     string   `json:"project,omitempty"`
	Attachments []string `json:"attachments"`
}

func runMessages(env *Env, args []string) error {
	fs := newFlagSet("postbridge messages", env.IO, messagesUsage)
	asJSON := fs.Bool("json", false, "print JSON instead of a table")
	attention := fs.Bool("attention", false, "only messages that need attention")
	if code, done := parseFlags(fs, args, env.IO); done {
		return exitCode(code)
	}
	if fs.NArg() != 0 {
		return usagef("usage: postbridge messages [--json] [--attention]")
	}
	act, err := env.Actions()
	if err != nil {
		return err
	}
	list, err := act.ListMessages(app.MessageFilter{NeedsAttention: *attention})
	if err != nil {
		return err
	}
	rows := make([]messageRow, 0, len(list))
	for i := range list {
		rows = append(rows, toRow(&list[i]))
	}
	if *asJSON {
		return printJSON(env, rows)
	}
	return printMessages(env, rows)
}

func toRow(m *app.Message) messageRow {
	r := messageRow{MessageID: m.MessageID, From: m.From, To: m.To, Cc: m.Cc,
		Subject: m.Subject, Folder: m.Folder, Direction: string(m.Direction),
		State: string(m.State), Relations: []string{}, Attachments: []string{}}
	if !m.Date.IsZero() {
		r.Date = m.Date.UTC().Format(time.RFC3339)
	}
	for _, rel := range m.Relations {
		r.Relations = append(r.Relations, rel.Name)
	}
	if m.Project != nil {
		r.Project = m.Project.Number + " " + m.Project.Description
	}
	for _, a := range m.Attachments {
		r.Attachments = append(r.Attachments, a.Path)
	}
	return r
}

func printMessages(env *Env, rows []messageRow) error {
	if len(rows) == 0 {
		fmt.Fprintln(env.Stdout, "no messages imported yet")
		return nil
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "DATE\tDIR\tFOLDER\tFROM\tSUBJECT\tLINKED\tATTACHMENTS")
	for _, r := range rows {
		linked := strings.Join(r.Relations, ", ")
		if r.Project != "" {
			linked = strings.TrimPrefix(linked+", "+r.Project, ", ")
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%d\n", r.Date, r.Direction, r.Folder,
			r.From, r.Subject, linked, len(r.Attachments))
	}
	return w.Flush()
}
