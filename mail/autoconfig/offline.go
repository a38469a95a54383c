package autoconfig

import (
	"errors"
	"net"
)

// ErrNoDNS is returned instead of ErrNothingFound when nothing was found
// because no name server answered (no network, a DNS server that is
// down): the domain is not to blame, and the admin should not go looking
// for its settings by hand.
// It is still ErrNothingFound to errors.Is: nothing was found.
var ErrNoDNS error = noDNS{}

type noDNS struct{}

func (noDNS) Error() string        { return "no DNS server answered" }
func (noDNS) Is(target error) bool { return target == ErrNothingFound }

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
