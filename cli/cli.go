// Package cli is Postbridge's command line: the subcommands of DESIGN.md
// section 6, which serve scripts, support and tests. With no subcommand it
// opens the window through the function main.go hands in.
package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"postbridge/explain"
	"sort"
	"strings"

	"postbridge/app"
	"postbridge/storage"
)

// Exit codes, a contract with outside scripts.
const (
	ExitOK      = 0
	ExitFailure = 1
	ExitUsage   = 2
)

// IO is where a command reads and writes.
type IO struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
}

// Env is what a subcommand works with. The store is opened on first use,
// so that commands which need no database (secret set) do not create one.
type Env struct {
	IO
	DSN     string
	Lang    string
	Secrets SecretStore
	store   *storage.Store
	act     *app.Actions
}

// SecretStore is the keyring as the commands use it.
type SecretStore interface {
	Set(key, value string) error
	Get(key string) (string, error)
	Delete(key string) error
}

// Store opens the database chosen by --db, $POSTBRIDGE_DB or the default.
func (e *Env) Store() (*storage.Store, error) {
	if e.store != nil {
		return e.store, nil
	}
	dsn, err := storage.ResolveDSN(e.DSN)
	if err != nil {
		return nil, err
	}
	if err := storage.CheckDSN(dsn); err != nil {
		return nil, err
	}
	s, err := storage.OpenWith(dsn, e.Secrets)
	if err != nil {
		return nil, err
	}
	e.store = s
	return s, nil
}

func (e *Env) close() {
	if e.store != nil {
		e.store.Close()
	}
}

// WindowFunc opens the application window and returns when it closes.
type WindowFunc func(env *Env) error

// command is one subcommand.
type command struct {
	summary string
	run     func(env *Env, args []string) error
}

var commands = map[string]command{
	"settings":    {"import or export the settings file (JSON, no secrets)", runSettings},
	"secret":      {"store a password in the system keyring (read from stdin)", runSecret},
	"messages":    {"list imported messages", runMessages},
	"check":       {"the Check buttons: check smtp|imap|send-as --user NAME [--account ID]", runCheck},
	"folders":     {"list the IMAP folders, or create the missing ones (the magnifier)", runFolders},
	"send-test":   {"the Send test e-mail button: send-test --user NAME [--account ID] [--to ADDR]", runSendTest},
	"domain":      {"sending domains of the own mail server: validate, confirm, list, ...", runDomain},
	"sync":        {"the Synchronize button: import and file the mail of the IMAP accounts", runSync},
	"status":      {"the health view: per user and account, state, last sync, last error", runStatus},
	"screenshots": {"every screen of the manuals as PNG: says how (make screenshots)", runScreenshots},
	"demo-fill":   {"fill the demo office (used by make demo and the screenshots)", runDemoFill},
	"signin":      {"OAuth2 sign-in of a login (Microsoft 365, Google, other)", runSignin},
	"signout":     {"forget (and revoke) an OAuth2 sign-in", runSignout},
	"serve":       {"the HTTP API for the business software (see README, For integrators)", runServe},
	"token":       {"tokens of the HTTP API: token create NAME --scope read[,send] | list | revoke NAME", runToken},
	"webhook":     {"webhooks for the business software: webhook add NAME URL | list | remove NAME", runWebhook},
}

// usageError is a mistake in how the command was called (exit code 2).
type usageError struct{ msg string }

func (u *usageError) Error() string { return u.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// Main runs the command line and returns the exit code.
func Main(args []string, stdio IO, secrets SecretStore, window WindowFunc) int {
	env := &Env{IO: stdio, Secrets: serviceSecrets(secrets)}
	defer env.close()
	fs := newFlagSet("postbridge", stdio, mainUsage)
	fs.StringVar(&env.DSN, "db", "", "database: a SQLite file path or a postgres:// URL (default: $"+storage.EnvDB+" or the user config directory)")
	fs.StringVar(&env.Lang, "lang", "", "language of the window: en, nl, de or nb (default: the system's)")
	showVersion := fs.Bool("version", false, "print the version (from FyneApp.toml) and exit")
	if code, done := parseFlags(fs, hoistGlobalFlags(fs, args), stdio); done {
		return code
	}
	if *showVersion {
		return printVersion(stdio)
	}
	rest := fs.Args()
	if len(rest) == 0 {
		if err := haveDisplay(); err != nil {
			return finish(err, stdio)
		}
		return finish(window(env), stdio)
	}
	cmd, ok := commands[rest[0]]
	if !ok {
		return finish(usagef("unknown command %q (see postbridge --help)", rest[0]), stdio)
	}
	return finish(cmd.run(env, rest[1:]), stdio)
}

// finish prints err as one line on stderr and picks the exit code.
func finish(err error, stdio IO) int {
	if err == nil {
		return ExitOK
	}
	var code exitCode
	if errors.As(err, &code) {
		return int(code) // flag parsing has already said what was wrong
	}
	fmt.Fprintf(stdio.Stderr, "postbridge: %s\n", oneLine(explain.Error(err)))
	for _, cmd := range signInCommands(err) {
		fmt.Fprintf(stdio.Stderr, "postbridge: sign in again with: %s\n", cmd)
	}
	var u *usageError
	if errors.As(err, &u) {
		return ExitUsage
	}
	return ExitFailure
}

// signInCommands finds the accounts in err (one error or several joined)
// that need an OAuth2 sign-in, and the command line for each: a sync
// never opens a browser by itself.
func signInCommands(err error) []string {
	var sn *app.SignInNeededError
	if errors.As(err, &sn) {
		if joined, ok := err.(interface{ Unwrap() []error }); ok {
			var out []string
			for _, e := range joined.Unwrap() {
				out = append(out, signInCommands(e)...)
			}
			return out
		}
		return []string{sn.Command()}
	}
	return nil
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func newFlagSet(name string, stdio IO, usage func(*flag.FlagSet)) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stdio.Stderr)
	fs.Usage = func() { usage(fs) }
	return fs
}

// parseFlags parses args; done reports that the command should stop
// (after --help, exit 0; after a bad flag, exit 2).
func parseFlags(fs *flag.FlagSet, args []string, stdio IO) (code int, done bool) {
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	fs.SetOutput(stdio.Stdout)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.Usage()
		return ExitOK, true
	case err != nil:
		fmt.Fprintf(stdio.Stderr, "postbridge: %s (see %s --help)\n", err, fs.Name())
		return ExitUsage, true
	}
	return 0, false
}

func mainUsage(fs *flag.FlagSet) {
	w := fs.Output()
	fmt.Fprintln(w, "Usage: postbridge [--db DSN] [--lang L] [COMMAND ...]")
	fmt.Fprintln(w, "\nWithout a command, opens the Postbridge window.\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nOptions:")
	fs.PrintDefaults()
	fmt.Fprintln(w, "\nRun 'postbridge COMMAND --help' for a command's own usage.")
}

// subUsage builds a usage function for a subcommand.
func subUsage(synopsis, text string) func(*flag.FlagSet) {
	return func(fs *flag.FlagSet) {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: postbridge %s\n\n%s\n", synopsis, text)
		hasFlags := false
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintln(w, "\nOptions:")
			fs.PrintDefaults()
		}
	}
}

// printJSON writes v as indented JSON, the --json output of a command.
func printJSON(env *Env, v any) error {
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
