package deliver

import (
	"context"
	"net/netip"
	"sort"
	"strings"
)

// checkMX asks where replies and bounces for the domain go. Receivers
// refuse mail from a domain that cannot receive any (RFC 7505 §4.2 for a
// null MX; Postfix's reject_unknown_sender_domain for none at all).
func checkMX(ctx context.Context, r Resolver, domain string) Finding {
	mxs, err := r.LookupMX(ctx, domain)
	if err != nil && !isNotFound(err) {
		return finding(CheckMX, StatusWarning, MXTempError, "domain", domain, "detail", err.Error())
	}
	if len(mxs) == 1 && (mxs[0].Host == "." || mxs[0].Host == "") {
		return finding(CheckMX, StatusFailing, MXNull, "domain", domain)
	}
	if len(mxs) > 0 {
		sort.SliceStable(mxs, func(i, j int) bool { return mxs[i].Pref < mxs[j].Pref })
		hosts := make([]string, 0, len(mxs))
		for _, mx := range mxs {
			hosts = append(hosts, strings.TrimSuffix(mx.Host, "."))
		}
		return finding(CheckMX, StatusOK, MXFound, "domain", domain, "hosts", strings.Join(hosts, ", "))
	}
	// Without MX the domain's own address takes the mail (RFC 5321 §5.1).
	if addrs, err := r.LookupIPAddr(ctx, domain); err == nil && len(addrs) > 0 {
		return finding(CheckMX, StatusWarning, MXImplicit, "domain", domain)
	}
	return finding(CheckMX, StatusFailing, MXNone, "domain", domain)
}

// checkPTR wants the sending address's PTR name to lead back to the
// address (forward-confirmed reverse DNS), which Google and Yahoo ask of
// every sending server.
func checkPTR(ctx context.Context, r Resolver, ip netip.Addr) Finding {
	names, err := r.LookupAddr(ctx, ip.String())
	if isNotFound(err) || err == nil && len(names) == 0 {
		return finding(CheckPTR, StatusFailing, PTRNone, "ip", ip.String())
	}
	if err != nil {
		return finding(CheckPTR, StatusWarning, PTRTempError, "ip", ip.String(), "detail", err.Error())
	}
	for _, name := range names {
		addrs, err := r.LookupIPAddr(ctx, name)
		if err != nil {
			continue
		}
		for _, a := range addrs {
			if got, ok := netip.AddrFromSlice(a.IP); ok && got.Unmap() == ip {
				return finding(CheckPTR, StatusOK, PTRConfirmed, "ip", ip.String(), "name", strings.TrimSuffix(name, "."))
			}
		}
	}
	return finding(CheckPTR, StatusFailing, PTRMismatch, "ip", ip.String(), "name", strings.TrimSuffix(names[0], "."))
}
