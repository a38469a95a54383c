package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"postbridge/app"
)

var checkUsage = subUsage("check smtp|imap|send-as --user NAME [--account ID]\n       postbridge check send-as [--user NAME] [--send]",
	`The Check buttons: connect, secure the connection, log in and (IMAP) list
the folders, with the user's settings. A failure is explained in words,
with the server's own text. check smtp checks the server that mail from
the user's default IMAP account goes out through, or, with --account, mail
from that account: its own SMTP server when it has one (manual 001, 004).
check send-as is manual 003's mailbox mode: the service mailbox logs in to
the own mail server and offers the user's address as sender (MAIL FROM,
RCPT TO the company's address, then RSET: nothing is sent). Exit 1 when
the server refuses, with its codes explained. Without --user it checks
every user whose mail goes out through the service mailbox. With --send
a real test mail goes From the user To the company's address, so a
server that judges the sender after the message (Microsoft 365) answers
too.`)

// Actions is the shared implementation of the buttons on the store: one
// per process, so that its syncs of an account take turns (app's
// in-process account locks).
func (e *Env) Actions() (*app.Actions, error) {
	if e.act != nil {
		return e.act, nil
	}
	store, err := e.Store()
	if err != nil {
		return nil, err
	}
	e.act = &app.Actions{Store: store, Secrets: e.Secrets}
	return e.act, nil
}

func runCheck(env *Env, args []string) error {
	fs := newFlagSet("postbridge check", env.IO, checkUsage)
	user := fs.String("user", "", "the user whose settings are checked (required)")
	account := fs.Uint("account", 0, "smtp: the user's IMAP account with this ID sends (default: the default account)")
	send := fs.Bool("send", false, "send-as: send a real test mail to the company's address (Microsoft 365 judges Send As only after the message)")
	if code, done := parseFlags(fs, reorder(fs, args), env.IO); done {
		return exitCode(code)
	}
	if fs.NArg() == 1 && fs.Arg(0) == "send-as" && *user == "" && *account == 0 {
		act, err := env.Actions()
		if err != nil {
			return err
		}
		return checkSendAsAll(context.Background(), env, act, *send)
	}
	if fs.NArg() != 1 || *user == "" || (*account != 0 && fs.Arg(0) != "smtp") {
		return usagef("usage: postbridge check smtp|imap|send-as --user NAME [--account ID (smtp)]")
	}
	act, err := env.Actions()
	if err != nil {
		return err
	}
	ctx := context.Background()
	switch fs.Arg(0) {
	case "send-as":
		return checkSendAs(ctx, env, act, *user, *send)
	case "imap":
		res, err := act.CheckIMAP(ctx, *user)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "IMAP ok: logged in as %s with %s (%s)\n", *user, methodWord(res.Mechanism), encryptedWord(res.Encrypted))
		fmt.Fprintf(env.Stdout, "capabilities: %s\n", strings.Join(res.Capabilities, " "))
		fmt.Fprintf(env.Stdout, "%d folders\n", len(res.Folders))
		return nil
	case "smtp":
		res, err := act.CheckSMTPFrom(ctx, app.Sender{User: *user, AccountID: *account})
		if res.Route.Reason.Key != "" {
			fmt.Fprintf(env.Stdout, "%s\n", capitalize(res.Route.Reason.English()))
		}
		if err != nil {
			if res.Transcript != "" {
				fmt.Fprintf(env.Stdout, "\n--- SMTP conversation ---\n%s\n---\n", res.Transcript)
			}
			return err
		}
		login := "the login"
		if !res.Route.Auth {
			login = "the connection without a login"
		} else if res.Mechanism != "" {
			login = "the login with " + methodWord(res.Mechanism)
		}
		fmt.Fprintf(env.Stdout, "SMTP ok: %s accepted %s\n", res.Route.Endpoint.Host, login)
		return nil
	}
	return usagef("usage: postbridge check smtp|imap|send-as --user NAME [--account ID (smtp)]")
}

// methodWord names how a connection logged in.
func methodWord(mech string) string {
	switch mech {
	case "LOGIN", "":
		return "user name and password (LOGIN)"
	}
	return "OAuth2 (" + mech + ")"
}

func encryptedWord(tls bool) string {
	if tls {
		return "encrypted with TLS"
	}
	return "NOT encrypted"
}

// reorder moves flags before positional arguments, so that both
// "check imap --user A" and "check --user A imap" work: Go's flag package
// stops at the first non-flag. Whether a flag takes a value is asked of
// the flag set itself (boolean flags do not).
func reorder(fs *flag.FlagSet, args []string) []string {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return append(append(flags, rest...), args[i+1:]...)
		case strings.HasPrefix(a, "-"):
			flags = append(flags, a)
			if !strings.Contains(a, "=") && i+1 < len(args) && takesValue(fs, a) {
				flags = append(flags, args[i+1])
				i++
			}
		default:
			rest = append(rest, a)
		}
	}
	return append(flags, rest...)
}

func takesValue(fs *flag.FlagSet, arg string) bool {
	f := fs.Lookup(strings.TrimLeft(arg, "-"))
	if f == nil {
		return false // unknown or -h: the flag package reports it
	}
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return !ok || !b.IsBoolFlag()
}
