package cli

import (
	"context"
	"fmt"
	"os"
	"os/user"
	"text/tabwriter"

	"postbridge/app"
)

var domainUsage = subUsage(`domain validate DOMAIN --from ADDR --to ADDR
       postbridge domain confirm DOMAIN CODE
       postbridge domain list
       postbridge domain disable|enable|exclude|delete DOMAIN
       postbridge domain check DOMAIN [--ip ADDR,...] [--mailbox ADDR] [--from ADDR]
                               [--wait 60s] [--mail FILE | --no-send] [--json]`,
	`The sending domains of the company's own mail server (manual 003).
validate  mails a code From an address in DOMAIN To an address you can read,
          through the own mail server.
confirm   enters that code; the domain is then validated.
exclude   marks a domain that must never be sent through the own server.
check     will mail from DOMAIN be accepted? SPF (RFC 7208) for the address
          the route's server sends from (--ip, else the host's addresses),
          DKIM (RFC 6376) of a test mail sent through the route to a
          mailbox Postbridge reads (--mailbox, else the company's address;
          --from its sender, else an address of DOMAIN), read back over
          IMAP and deleted again — or of a mail saved as received (--mail
          FILE, the .eml with its headers); --no-send sends none.
          DMARC (RFC 7489) policy and alignment, MX and reverse DNS, each
          line ok / warning / failing with what to change. Exit 1 when a
          line is failing. $POSTBRIDGE_RESOLVER=host:port asks that DNS server.`)

func runDomain(env *Env, args []string) error {
	fs := newFlagSet("postbridge domain", env.IO, domainUsage)
	from := fs.String("from", "", "validate, check: sender address in the domain")
	to := fs.String("to", "", "validate: address that receives the code")
	asJSON := fs.Bool("json", false, "check: print the result as JSON")
	var ips ipList
	fs.Var(&ips, "ip", "check: an address the route's server sends from (repeat or comma-separate)")
	mailFile := fs.String("mail", "", "check: a test mail as received (.eml), whose DKIM signatures are verified")
	mailbox := fs.String("mailbox", "", "check: the address the test mail goes to; an IMAP account in Postbridge must read it")
	noSend := fs.Bool("no-send", false, "check: send no test mail (DKIM is not checked)")
	wait := fs.Duration("wait", 0, "check: how long to wait for the test mail (default 60s)")
	if code, done := parseFlags(fs, reorder(fs, args), env.IO); done {
		return exitCode(code)
	}
	a := fs.Args()
	if err := domainArgsError(a, *from, *to); err != nil {
		return err
	}
	act, err := env.Actions()
	if err != nil {
		return err
	}
	switch {
	case len(a) == 1 && a[0] == "list":
		return listDomains(env, act)
	case len(a) == 2 && a[0] == "validate" && *from != "" && *to != "":
		act, err := env.Actions()
		if err != nil {
			return err
		}
		res, err := act.ValidateDomain(context.Background(), a[1], *from, *to)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "A validation code for %s was sent from %s to %s.\n"+
			"Enter it with: postbridge domain confirm %s CODE\n", a[1], res.From, res.To, a[1])
		return nil
	case len(a) == 3 && a[0] == "confirm":
		act, err := env.Actions()
		if err != nil {
			return err
		}
		if err := act.ConfirmDomain(a[1], a[2], whoAmI()); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "%s is validated.\n", a[1])
		return nil
	case len(a) == 2 && a[0] == "check":
		return checkDomain(env, a[1], domainCheckFlags{ips: ips, mail: *mailFile, json: *asJSON,
			mailbox: *mailbox, from: *from, noSend: *noSend, wait: *wait})
	case len(a) == 2:
		return changeDomain(act, a[0], a[1])
	}
	return usagef("usage: postbridge domain validate|confirm|list|check|disable|enable|exclude|delete (see --help)")
}

// domainArgsError says what a domain command line lacks, with the line
// that would work, before the database is opened.
func domainArgsError(a []string, from, to string) error {
	if len(a) == 0 {
		return usagef("domain needs a command: validate, confirm, list, check, disable, enable, exclude or delete (see postbridge domain --help)")
	}
	domain := "DOMAIN"
	if len(a) > 1 {
		domain = a[1]
	}
	switch a[0] {
	case "list":
		if len(a) != 1 {
			return usagef("domain list takes nothing more: postbridge domain list")
		}
	case "validate":
		if len(a) != 2 || from == "" || to == "" {
			return usagef("domain validate needs the domain, --from (an address in it) and --to (an address whose mail you read): "+
				"postbridge domain validate %s --from info@%s --to you@example.com", domain, domain)
		}
	case "confirm":
		if len(a) != 3 {
			return usagef("domain confirm needs the domain and the code from the validation mail: postbridge domain confirm %s CODE", domain)
		}
	case "disable", "enable", "exclude", "delete":
		if len(a) != 2 {
			return usagef("domain %s needs one domain: postbridge domain %s %s", a[0], a[0], domain)
		}
	case "check":
		if len(a) != 2 {
			return usagef("domain check needs one domain: postbridge domain check %s [--ip ADDR] [--mailbox ADDR] [--mail FILE] [--json]", domain)
		}
	default:
		return usagef("unknown domain command %q: use validate, confirm, list, check, disable, enable, exclude or delete", a[0])
	}
	return nil
}

func changeDomain(act *app.Actions, verb, domain string) error {
	switch verb {
	case "disable":
		return act.SetDomainDisabled(domain, true)
	case "enable":
		return act.SetDomainDisabled(domain, false)
	case "exclude":
		return act.SetDomainExcluded(domain, true)
	case "delete":
		return act.DeleteDomain(domain)
	}
	return usagef("unknown domain command %q: use validate, confirm, list, check, disable, enable, exclude or delete", verb)
}

func listDomains(env *Env, act *app.Actions) error {
	list, err := act.Domains()
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "DOMAIN\tSTATE\tVALIDATED\tBY\tDELIVERY")
	for _, d := range list {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", d.Domain, domainState(d), dateOf(d), d.ValidatedBy, deliveryOf(d))
	}
	return w.Flush()
}

func domainState(d app.SendingDomain) string {
	switch {
	case d.Excluded:
		return "excluded"
	case d.Disabled:
		return "disabled"
	case d.ValidatedAt != nil:
		return "validated"
	case d.CodeHash != "":
		return "code sent"
	}
	return "not validated"
}

func dateOf(d app.SendingDomain) string {
	if d.ValidatedAt == nil {
		return "-"
	}
	return d.ValidatedAt.Format("2006-01-02 15:04")
}

// deliveryOf is the last deliverability check: its most serious line and
// when it ran ("-" before the first; postbridge domain check runs one).
func deliveryOf(d app.SendingDomain) string {
	if d.CheckedAt == nil {
		return "-"
	}
	return d.CheckWorst + " " + d.CheckedAt.Local().Format("2006-01-02 15:04")
}

// whoAmI names the person confirming a domain: the OS account, since the
// command line has no Postbridge login.
func whoAmI() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if h, err := os.Hostname(); err == nil {
		return h
	}
	return "command line"
}
