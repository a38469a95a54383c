package cli

import (
	"context"
	"fmt"

	"postbridge/app"
	"postbridge/explain"
)

var sendTestUsage = subUsage("send-test --user NAME [--account ID] [--to ADDR]",
	`The Send test e-mail button (manual 002, 004): sends a test e-mail as the
user through the server Postbridge would choose, says which server and
why, and prints the SMTP conversation with passwords redacted. Without
--to the mail goes to the company's general e-mail address. The mail goes
out from the user's default IMAP account, or with --account from that
account (manual 004's "Test E-Mail senden" on the account): through its
own SMTP server when it has one, with its address as the sender.`)

func runSendTest(env *Env, args []string) error {
	fs := newFlagSet("postbridge send-test", env.IO, sendTestUsage)
	user := fs.String("user", "", "the user who sends (required)")
	to := fs.String("to", "", "the recipient (default: the company's e-mail address)")
	account := fs.Uint("account", 0, "the user's IMAP account with this ID sends (default: the default account)")
	if code, done := parseFlags(fs, reorder(fs, args), env.IO); done {
		return exitCode(code)
	}
	if fs.NArg() != 0 || *user == "" {
		return usagef("usage: postbridge send-test --user NAME [--account ID] [--to ADDR]")
	}
	act, err := env.Actions()
	if err != nil {
		return err
	}
	res, err := act.SendTestFrom(context.Background(), app.Sender{User: *user, AccountID: *account}, *to)
	if res.Route.Reason.Key != "" {
		fmt.Fprintf(env.Stdout, "%s\n", capitalize(res.Route.Reason.English()))
	}
	if res.Transcript != "" {
		fmt.Fprintf(env.Stdout, "\n--- SMTP conversation ---\n%s\n---\n", res.Transcript)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Test e-mail sent from %s to %s.\n", res.From, res.To)
	if res.SentCopyError != nil {
		fmt.Fprintf(env.Stderr, "postbridge: warning: the copy was not filed in the sent folder: %s\n", explain.Error(res.SentCopyError))
	}
	return nil
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
