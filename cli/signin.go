package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"time"

	"postbridge/app"
)

const signinSynopsis = "signin --user NAME [--account ID [--smtp] | --smtp | --work] | --company smtp|own-server | --mail-server NAME [--no-browser] [--device]"

var signinUsage = subUsage(signinSynopsis,
	`OAuth2 sign-in for a login whose authentication is OAuth2 (Microsoft 365,
Google or another provider): the provider's page opens in the browser and
the refresh token is kept in the system keyring of this computer.
--no-browser prints the address instead: open it in a browser on this same
computer (the provider sends the answer to 127.0.0.1 here, RFC 8252).
--device is the way to sign in from another computer or a phone: it shows
a code to type at the provider's address on any device (Microsoft and
providers that offer it; Google does not allow it for mail).
Without --account a user's default IMAP account is meant; --account ID
--smtp is that account's own SMTP server (with its own login: with the
IMAP login, signing in the account signs in both).`)

var signoutUsage = subUsage("signout --user NAME [--account ID [--smtp] | --smtp | --work] | --company smtp|own-server | --mail-server NAME",
	`Forgets an OAuth2 sign-in: the refresh token is revoked where the
provider allows it (Google, most others; not Microsoft) and deleted from
the system keyring.`)

// loginFlags are the flags that name a login, shared by signin and signout.
type loginFlags struct {
	user, company, mailServer *string
	account                   *uint
	smtp, work                *bool
}

func addLoginFlags(fs interface {
	String(name, value, usage string) *string
	Uint(name string, value uint, usage string) *uint
	Bool(name string, value bool, usage string) *bool
}) loginFlags {
	return loginFlags{
		user:       fs.String("user", "", "the user whose login is meant"),
		account:    fs.Uint("account", 0, "the user's IMAP account with this ID (default: the default account)"),
		smtp:       fs.Bool("smtp", false, "the user's own SMTP server; with --account, that IMAP account's own SMTP server"),
		work:       fs.Bool("work", false, "the user's login on their work location"),
		company:    fs.String("company", "", "a company login: smtp or own-server"),
		mailServer: fs.String("mail-server", "", "the central login of the mail server with this identification"),
	}
}

func (f loginFlags) ref() (app.LoginRef, bool) {
	r := app.LoginRef{User: *f.user, AccountID: *f.account, SMTP: *f.smtp, Work: *f.work,
		Company: *f.company, MailServer: *f.mailServer}
	named := 0
	for _, set := range []bool{r.User != "", r.Company != "", r.MailServer != ""} {
		if set {
			named++
		}
	}
	userOnly := r.AccountID != 0 || r.SMTP || r.Work
	return r, named == 1 && (!userOnly || r.User != "")
}

func runSignin(env *Env, args []string) error {
	fs := newFlagSet("postbridge signin", env.IO, signinUsage)
	lf := addLoginFlags(fs)
	noBrowser := fs.Bool("no-browser", false, "print the sign-in address, for a browser on this computer, instead of opening one")
	device := fs.Bool("device", false, "sign in from another computer or a phone with a code (not Google)")
	if code, done := parseFlags(fs, reorder(fs, args), env.IO); done {
		return exitCode(code)
	}
	ref, ok := lf.ref()
	if fs.NArg() != 0 || !ok {
		return usagef("usage: postbridge %s", signinSynopsis)
	}
	act, login, err := env.oauthLogin(ref)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, 15*time.Minute)
	defer cancel()
	var st app.OAuthStatus
	if *device {
		st, err = act.SignInWithCode(ctx, login, func(c app.OAuthDeviceCode) {
			fmt.Fprintf(env.Stdout, "Open %s on any device and enter the code %s\n", c.VerificationURI, c.UserCode)
		})
	} else {
		st, err = act.SignIn(ctx, login, browserFor(env, *noBrowser))
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Signed in as %s; the sign-in is kept in the system keyring (%s)\n", st.Account, login.Key)
	if !st.AccessUntil.IsZero() {
		fmt.Fprintf(env.Stdout, "access valid until %s; it is renewed by itself\n", st.AccessUntil.Local().Format("2006-01-02 15:04"))
	}
	return nil
}

func runSignout(env *Env, args []string) error {
	fs := newFlagSet("postbridge signout", env.IO, signoutUsage)
	lf := addLoginFlags(fs)
	if code, done := parseFlags(fs, reorder(fs, args), env.IO); done {
		return exitCode(code)
	}
	ref, ok := lf.ref()
	if fs.NArg() != 0 || !ok {
		return usagef("usage: postbridge signout --user NAME [--account ID [--smtp] | --smtp | --work] | --company smtp|own-server | --mail-server NAME")
	}
	act, login, err := env.oauthLogin(ref)
	if err != nil {
		return err
	}
	revoked, err := act.SignOut(context.Background(), login)
	switch {
	case err != nil:
		fmt.Fprintln(env.Stdout, "Signed out on this computer; the provider could not be told, so the sign-in may stay valid there until it expires.")
		return err
	case revoked:
		fmt.Fprintln(env.Stdout, "Signed out: the provider revoked the sign-in and it is deleted from the system keyring.")
	default:
		fmt.Fprintln(env.Stdout, "Signed out: the sign-in is deleted from the system keyring (this provider offers no revocation; an administrator can revoke sessions at the provider).")
	}
	return nil
}

func (e *Env) oauthLogin(ref app.LoginRef) (*app.Actions, app.OAuthLogin, error) {
	act, err := e.Actions()
	if err != nil {
		return nil, app.OAuthLogin{}, err
	}
	login, err := act.OAuthLoginOf(ref)
	return act, login, err
}

// browserFor opens the sign-in page in the system browser, or prints it.
func browserFor(env *Env, noBrowser bool) app.OAuthBrowser {
	return func(u string) error {
		if !noBrowser {
			if err := openBrowser(u); err == nil {
				fmt.Fprintln(env.Stdout, "The sign-in page is open in your browser; waiting for the sign-in (Ctrl-C stops).")
				return nil
			}
		}
		fmt.Fprintf(env.Stdout, "Open this address in a browser on this computer and sign in; it answers to 127.0.0.1 here, "+
			"so from another computer use --device instead (Ctrl-C stops):\n%s\n", u)
		return nil
	}
}

// openBrowser starts the system browser without waiting for it.
func openBrowser(u string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", u)
	case "darwin":
		cmd = exec.Command("open", u)
	default:
		if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
			return errors.New("no display")
		}
		cmd = exec.Command("xdg-open", u)
	}
	return cmd.Start()
}
