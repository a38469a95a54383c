package cli

import (
	"context"
	"fmt"
	"net/netip"
	"os"
	"os/signal"
	"strings"
	"text/tabwriter"
	"time"

	"postbridge/app"
	"postbridge/explain"
)

// ipList is a repeatable --ip flag that also takes a comma-separated list.
type ipList []netip.Addr

func (l *ipList) String() string {
	s := make([]string, len(*l))
	for i, ip := range *l {
		s[i] = ip.String()
	}
	return strings.Join(s, ",")
}

func (l *ipList) Set(v string) error {
	for _, part := range strings.Split(v, ",") {
		ip, err := netip.ParseAddr(strings.TrimSpace(part))
		if err != nil {
			return fmt.Errorf("not an IP address: %q", part)
		}
		*l = append(*l, ip)
	}
	return nil
}

// domainCheckJSON is the --json output; field names are a contract with
// scripts, like the settings file's.
type domainCheckJSON struct {
	Domain   string            `json:"domain"`
	Route    domainRouteJSON   `json:"route"`
	IPs      []string          `json:"ips"`
	Worst    app.DeliverStatus `json:"worst"`
	Findings []findingLineJSON `json:"findings"`
}

type domainRouteJSON struct {
	Via    app.RouteVia `json:"via"`
	Host   string       `json:"host"`
	Port   int          `json:"port"`
	Reason string       `json:"reason"`
}

type findingLineJSON struct {
	app.DeliverFinding
	Text string `json:"text"`
}

// domainCheckFlags are the options of domain check.
type domainCheckFlags struct {
	ips           ipList
	mail          string
	json          bool
	mailbox, from string
	noSend        bool
	wait          time.Duration
}

// checkDomain is postbridge domain check DOMAIN: the deliverability table.
// It exits 1 when a line is failing, so that a script can tell.
func checkDomain(env *Env, name string, f domainCheckFlags) error {
	act, err := env.Actions()
	if err != nil {
		return err
	}
	opts := app.DomainCheckOptions{IPs: f.ips, Mailbox: f.mailbox, From: f.from, NoTestMail: f.noSend, Wait: f.wait}
	if f.mail != "" {
		if opts.TestMail, err = os.ReadFile(f.mail); err != nil {
			return err
		}
	}
	// Ctrl-C ends the wait for the test mail, which may take a minute.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	res, err := act.CheckDomain(ctx, name, opts)
	if err != nil {
		return err
	}
	rep := res.Report
	if f.json {
		out := domainCheckJSON{Domain: rep.Domain, IPs: rep.IPs, Worst: rep.Worst(),
			Route: domainRouteJSON{Via: res.Route.Via, Host: res.Route.Endpoint.Host,
				Port: res.Route.Endpoint.Port, Reason: res.Route.Reason.English()}}
		for _, f := range rep.Findings {
			out.Findings = append(out.Findings, findingLineJSON{f, explain.Finding(f)})
		}
		if err := printJSON(env, out); err != nil {
			return err
		}
	} else if err := printDomainCheck(env, res); err != nil {
		return err
	}
	if rep.Worst() == app.DeliverStatusFailing {
		return exitCode(ExitFailure)
	}
	return nil
}

func printDomainCheck(env *Env, res app.DomainCheck) error {
	rep := res.Report
	fmt.Fprintf(env.Stdout, "Deliverability of %s\n%s\n", rep.Domain, capitalize(res.Route.Reason.English()))
	addrs := strings.Join(rep.IPs, ", ")
	if addrs == "" {
		addrs = "-"
	}
	fmt.Fprintf(env.Stdout, "Sending address: %s\n\n", addrs)
	w := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "CHECK\tSTATUS\tFINDING")
	for _, f := range rep.Findings {
		fmt.Fprintf(w, "%s\t%s\t%s\n", explain.CheckName(f.Check), explain.Status(f.Status), explain.Finding(f))
	}
	return w.Flush()
}
