package app

import (
	"context"
	"encoding/json"
	"fmt"
	"net/netip"
	"strings"
	"time"

	"postbridge/domain"
	"postbridge/mail/autoconfig"
	"postbridge/mail/deliver"
	"postbridge/mail/route"
)

// DomainCheckOptions refine a deliverability check.
type DomainCheckOptions struct {
	// IPs are the addresses the route's server sends to the internet
	// from, when the admin knows them (a relay behind NAT, a provider's
	// outbound pool); none means the addresses of the route's host.
	IPs []netip.Addr
	// TestMail is a mail sent through the route and read back as the
	// recipient's server stored it (RFC 5322, with its DKIM-Signature
	// headers). Without one, the check sends its own test mail through
	// the route and reads it back (deliver_probe.go).
	TestMail []byte
	// NoTestMail leaves DKIM unchecked when TestMail is nil: nothing is sent.
	NoTestMail bool
	// Mailbox is the address the test mail goes to, which an IMAP
	// account in Postbridge must read; "" is the company's address.
	Mailbox string
	// From is the test mail's sender; "" is an address of the domain
	// (probeFrom).
	From string
	// Wait bounds the wait for the test mail; 0 is DefaultProbeWait.
	Wait time.Duration
}

// DomainCheck is a deliverability check of one sending domain through
// the route its mail takes.
type DomainCheck struct {
	Route  route.Route
	Report deliver.Report
}

// resolver is the DNS the checks ask: $POSTBRIDGE_RESOLVER or the system's.
func (a *Actions) resolver() deliver.Resolver {
	if a.Resolver != nil {
		return a.Resolver
	}
	return autoconfig.Resolver()
}

// CheckDomain checks SPF, DKIM, DMARC, MX and reverse DNS of domain for
// the route that mail From the domain takes when no user rule applies:
// the own mail server for a validated domain, else the company SMTP
// (DESIGN.md section 2, rules 3 and 4).
func (a *Actions) CheckDomain(ctx context.Context, name string, opts DomainCheckOptions) (DomainCheck, error) {
	name = strings.ToLower(strings.TrimSpace(name))
	var res DomainCheck
	r, err := a.domainRoute(name)
	if err != nil {
		return res, err
	}
	res.Route = r
	ips := opts.IPs
	if len(ips) == 0 {
		// A host DNS does not know leaves the addresses unknown: the
		// report says so on its SPF line rather than failing whole.
		ips = a.hostAddrs(ctx, r.Endpoint.Host)
	}
	in := deliver.Input{Domain: name, IPs: ips}
	switch {
	case opts.TestMail != nil:
		if in.DKIM, err = deliver.VerifyDKIM(ctx, a.resolver(), opts.TestMail); err != nil {
			return res, fmt.Errorf("dkim: %w", err)
		}
	case !opts.NoTestMail:
		if in.DKIM, in.Probe, err = a.probeDKIM(ctx, name, r, opts); err != nil {
			return res, err
		}
	}
	res.Report = deliver.Run(ctx, a.resolver(), in)
	return res, a.recordCheck(res.Report)
}

// recordCheck keeps the report on the domain's row, for the domain list;
// a domain outside the list is checked but not kept.
func (a *Actions) recordCheck(rep deliver.Report) error {
	data, err := json.Marshal(rep)
	if err != nil {
		return err
	}
	_, err = a.Store.RecordDomainCheck(rep.Domain, a.now(), string(rep.Worst()), string(data))
	return err
}

// domainRoute is route.Choose for a sender in name with no user of its own.
func (a *Actions) domainRoute(name string) (route.Route, error) {
	var in route.Input
	var err error
	if in.Company, err = a.Store.Company(); err != nil {
		return route.Route{}, err
	}
	if in.Domains, err = a.Store.Domains(); err != nil {
		return route.Route{}, err
	}
	in.User = domain.User{Name: "postmaster"}
	in.From = "postmaster@" + name
	return route.Choose(in)
}

// hostAddrs are the addresses of the route's host: an address literal
// as written, else its A and AAAA records; none when DNS has none.
func (a *Actions) hostAddrs(ctx context.Context, host string) []netip.Addr {
	if ip, err := netip.ParseAddr(host); err == nil {
		return []netip.Addr{ip}
	}
	addrs, _ := a.resolver().LookupIPAddr(ctx, host)
	var out []netip.Addr
	for _, ad := range addrs {
		if ip, ok := netip.AddrFromSlice(ad.IP); ok {
			out = append(out, ip.Unmap())
		}
	}
	return out
}
