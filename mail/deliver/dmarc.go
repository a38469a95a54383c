package deliver

import (
	"context"
	"errors"
	"strings"

	"github.com/emersion/go-msgauth/dmarc"
	"golang.org/x/net/publicsuffix"
)

// policy is the DMARC record that applies to the From domain.
type policy struct {
	rec    *dmarc.Record
	raw    string
	at     string // the domain it was published at
	policy dmarc.Policy
}

// checkDMARC reports the policy and whether the mail can pass it: SPF or
// DKIM must pass for a domain aligned with the From domain (RFC 7489
// §3.1, §4.2).
func checkDMARC(ctx context.Context, r Resolver, in Input, spfPass bool, sigs []Signature) []Finding {
	p, err := lookupPolicy(ctx, r, in.Domain)
	switch {
	case errors.Is(err, dmarc.ErrNoPolicy):
		return []Finding{finding(CheckDMARC, StatusWarning, DMARCNone, "domain", in.Domain)}
	case err != nil && dmarc.IsTempFail(err):
		return []Finding{finding(CheckDMARC, StatusWarning, DMARCTempError, "domain", in.Domain, "detail", err.Error())}
	case err != nil:
		return []Finding{finding(CheckDMARC, StatusFailing, DMARCInvalid, "domain", in.Domain,
			"record", p.raw, "detail", err.Error())}
	}
	args := []string{"domain", p.at, "record", p.raw, "policy", string(p.policy)}
	var out []Finding
	switch p.policy {
	case dmarc.PolicyReject:
		out = append(out, finding(CheckDMARC, StatusOK, DMARCReject, args...))
	case dmarc.PolicyQuarantine:
		out = append(out, finding(CheckDMARC, StatusOK, DMARCQuarantine, args...))
	default:
		out = append(out, finding(CheckDMARC, StatusOK, DMARCPolicyNone, args...))
	}
	if spfPass && aligned(in.Envelope, in.Domain, p.rec.SPFAlignment) {
		out = append(out, finding(CheckDMARC, StatusOK, DMARCAlignedSPF, "domain", in.Envelope))
	}
	for _, s := range sigs {
		if s.Kind == DKIMPass && aligned(s.Domain, in.Domain, p.rec.DKIMAlignment) {
			out = append(out, finding(CheckDMARC, StatusOK, DMARCAlignedDKIM, "domain", s.Domain, "selector", s.Selector))
			break
		}
	}
	if len(out) == 1 {
		status := StatusFailing
		if p.policy == dmarc.PolicyNone {
			status = StatusWarning
		}
		out = append(out, finding(CheckDMARC, status, DMARCNotAligned, args...))
	}
	return out
}

// lookupPolicy asks _dmarc.<domain>, then the organizational domain's
// record, whose sp= (or p=) covers its subdomains (RFC 7489 §6.6.3).
func lookupPolicy(ctx context.Context, r Resolver, domain string) (policy, error) {
	var p policy
	lookup := func(name string) ([]string, error) {
		txts, err := r.LookupTXT(ctx, name)
		for _, t := range txts {
			if strings.HasPrefix(t, "v=DMARC1") && p.raw == "" {
				p.raw = t
			}
		}
		return txts, err
	}
	opts := &dmarc.LookupOptions{LookupTXT: lookup}
	p.at = domain
	rec, err := dmarc.LookupWithOptions(domain, opts)
	if errors.Is(err, dmarc.ErrNoPolicy) {
		if org := orgDomain(domain); org != domain {
			p.at = org
			if rec, err = dmarc.LookupWithOptions(org, opts); err == nil {
				p.rec, p.policy = rec, rec.Policy
				if rec.SubdomainPolicy != "" {
					p.policy = rec.SubdomainPolicy
				}
				return p, nil
			}
		}
	}
	if err != nil {
		return p, err
	}
	p.rec, p.policy = rec, rec.Policy
	return p, nil
}

// aligned compares two domains in the record's mode: strict wants them
// equal, relaxed (the default) wants the same organizational domain
// (RFC 7489 §3.1.1, §3.1.2).
func aligned(a, b string, mode dmarc.AlignmentMode) bool {
	a, b = normalize(a), normalize(b)
	if mode == dmarc.AlignmentStrict {
		return a == b
	}
	return orgDomain(a) == orgDomain(b)
}

// orgDomain is the registered domain under a public suffix (RFC 7489
// §3.2): "sales.acme.nl" → "acme.nl".
func orgDomain(domain string) string {
	org, err := publicsuffix.EffectiveTLDPlusOne(domain)
	if err != nil {
		return domain
	}
	return org
}
