package cli

import (
	"context"
	"fmt"

	"postbridge/app"
	"postbridge/explain"
)

// checkSendAs is postbridge check send-as --user NAME: may the service
// mailbox send as this user? A refusal is printed with the server's
// conversation and ends with exit 1.
func checkSendAs(ctx context.Context, env *Env, act *app.Actions, user string, send bool) error {
	check := act.CheckSendAs
	if send {
		check = act.CheckSendAsByMail
	}
	res, err := check(ctx, user)
	if res.Route.Reason.Key != "" {
		fmt.Fprintf(env.Stdout, "%s\n", capitalize(res.Route.Reason.English()))
	}
	if err != nil {
		if res.Result.Transcript != "" {
			fmt.Fprintf(env.Stdout, "\n--- SMTP conversation ---\n%s\n---\n", res.Result.Transcript)
		}
		return err
	}
	if res.Accepted() {
		fmt.Fprintf(env.Stdout, "Send-as ok: %s\n", explain.SendAs(res))
		return nil
	}
	fmt.Fprintf(env.Stdout, "Send-as refused: %s: %s\n", explain.SendAs(res), explain.SendAsReply(res))
	fmt.Fprintf(env.Stdout, "\n--- SMTP conversation ---\n%s\n---\n", res.Result.Transcript)
	return exitCode(ExitFailure)
}

// checkSendAsAll checks every user whose mail goes out through the
// service mailbox, one line each; exit 1 when one is refused or fails.
func checkSendAsAll(ctx context.Context, env *Env, act *app.Actions, send bool) error {
	users, err := act.SendAsUsers()
	if err != nil {
		return err
	}
	if len(users) == 0 {
		fmt.Fprintln(env.Stdout, "No user's mail goes out through the service mailbox.")
		return nil
	}
	check := act.CheckSendAs
	if send {
		check = act.CheckSendAsByMail
	}
	failed := false
	for _, u := range users {
		res, err := check(ctx, u)
		switch {
		case err != nil:
			failed = true
			fmt.Fprintf(env.Stdout, "%s: error: %s\n", u, oneLine(explain.Error(err)))
		case res.Accepted():
			fmt.Fprintf(env.Stdout, "%s: ok: %s\n", u, explain.SendAs(res))
		default:
			failed = true
			fmt.Fprintf(env.Stdout, "%s: refused: %s: %s\n", u, explain.SendAs(res), explain.SendAsReply(res))
		}
	}
	if failed {
		return exitCode(ExitFailure)
	}
	return nil
}
