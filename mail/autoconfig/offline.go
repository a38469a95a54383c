package autoconfig

import (
	"errors"
	"net"
)

// ErrNoDNS is returned instead of ErrNothingFound when nothing was found
// because no name server answered (no network, a DNS server that is
// down): the domain is not to blame, and the admin should not go looking
// for its settings by hand.
var ErrNoDNS = errors.New("no DNS server answered")

// dnsFailed reports whether the MX look-up — which every domain that
// receives mail answers — failed for want of an answer rather than
// because the domain has no such record.
func (r *Result) dnsFailed() bool {
	for _, a := range r.Attempts {
		var dns *net.DNSError
		if a.Source == SourceMX && errors.As(a.Err, &dns) {
			return !dns.IsNotFound
		}
	}
	return false
}
