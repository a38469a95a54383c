package deliver

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"strings"

	"blitiri.com.ar/go/spf"
)

// spfOutcome is the SPF lines and whether every public sending address
// passed, which DMARC's SPF alignment needs (RFC 7489 §3.1.2).
type spfOutcome struct {
	findings []Finding
	pass     bool
}

// checkSPF evaluates the envelope domain's record for each public sending
// address, includes, redirects and all, with the RFC 7208 §4.6.4 limits
// of 10 DNS look-ups and 2 void look-ups (the library's defaults).
func checkSPF(ctx context.Context, r Resolver, domain string, all, public []netip.Addr) spfOutcome {
	record, err := spfRecord(ctx, r, domain)
	if err != nil {
		return spfOutcome{findings: []Finding{spfError(domain, "", spf.TempError, err)}}
	}
	if len(public) == 0 {
		if record == "" {
			return spfOutcome{findings: []Finding{finding(CheckSPF, StatusFailing, SPFNone, "domain", domain)}}
		}
		if len(all) == 0 {
			return spfOutcome{findings: []Finding{finding(CheckSPF, StatusWarning, SPFNoAddress,
				"domain", domain, "record", record)}}
		}
		return spfOutcome{findings: []Finding{finding(CheckSPF, StatusWarning, SPFPrivate,
			"domain", domain, "record", record, "ip", all[0].String())}}
	}
	out := spfOutcome{pass: true}
	for _, ip := range public {
		res, err := spf.CheckHostWithSender(net.IP(ip.AsSlice()), domain, "postmaster@"+domain,
			spf.WithResolver(r), spf.WithContext(ctx))
		if res != spf.Pass {
			out.pass = false
		}
		out.findings = append(out.findings, spfLine(domain, record, ip.String(), res, err))
	}
	return out
}

// spfRecord is the domain's SPF record as published, for the report; ""
// when there is none. RFC 7208 §4.5: only TXT records that start with
// "v=spf1" count.
func spfRecord(ctx context.Context, r Resolver, domain string) (string, error) {
	txts, err := r.LookupTXT(ctx, domain)
	if isNotFound(err) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	var found []string
	for _, t := range txts {
		if l := strings.ToLower(t); l == "v=spf1" || strings.HasPrefix(l, "v=spf1 ") {
			found = append(found, t)
		}
	}
	return strings.Join(found, " | "), nil
}

// spfLine turns one evaluation into a line; what the record says for an
// address is RFC 7208 §8's result.
func spfLine(domain, record, ip string, res spf.Result, err error) Finding {
	args := []string{"domain", domain, "record", record, "ip", ip}
	switch res {
	case spf.Pass:
		return finding(CheckSPF, StatusOK, SPFPass, args...)
	case spf.Fail:
		return finding(CheckSPF, StatusFailing, SPFFail, args...)
	case spf.SoftFail:
		return finding(CheckSPF, StatusWarning, SPFSoftFail, args...)
	case spf.Neutral:
		return finding(CheckSPF, StatusWarning, SPFNeutral, args...)
	case spf.None:
		return finding(CheckSPF, StatusFailing, SPFNone, args...)
	}
	return spfError(domain, record, res, err, "ip", ip)
}

func spfError(domain, record string, res spf.Result, err error, more ...string) Finding {
	args := append([]string{"domain", domain, "record", record, "detail", errText(err)}, more...)
	switch {
	case errors.Is(err, spf.ErrMultipleRecords):
		return finding(CheckSPF, StatusFailing, SPFMultiple, args...)
	case errors.Is(err, spf.ErrLookupLimitReached):
		return finding(CheckSPF, StatusFailing, SPFTooManyLookup, args...)
	case errors.Is(err, spf.ErrVoidLookupLimitReached):
		return finding(CheckSPF, StatusFailing, SPFTooManyVoid, args...)
	case res == spf.TempError:
		return finding(CheckSPF, StatusWarning, SPFTempError, args...)
	}
	return finding(CheckSPF, StatusFailing, SPFPermError, args...)
}

// isNotFound is an NXDOMAIN or a name without records of the type asked
// (Go's resolver reports both as IsNotFound).
func isNotFound(err error) bool {
	var dns *net.DNSError
	return errors.As(err, &dns) && dns.IsNotFound
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
