package route

import (
	"strings"

	"postbridge/domain"
)

// domainState is what the sending-domain list says about one domain
// (manual 003), ordered from least to most restrictive.
type domainState int

const (
	domainUnknown   domainState = iota // not in the list
	domainPending                      // added, code not yet confirmed
	domainValidated                    // may go through the own mail server
	domainDisabled                     // "Uitschakelen": validated, switched off
	domainExcluded                     // "Uitgezonderde domeinen": never
)

// lookupDomain returns the state of domain. Storage keeps domains
// lower-case, but an older or hand-made row may differ only in case; if
// several rows match, the most restrictive wins, so an explicit Excluded
// or Disabled entry can never be outvoted by a validated one.
func lookupDomain(list []domain.SendingDomain, domain string) domainState {
	state := domainUnknown
	for _, d := range list {
		if strings.EqualFold(d.Domain, domain) {
			state = max(state, stateOf(d))
		}
	}
	return state
}

func stateOf(d domain.SendingDomain) domainState {
	switch {
	case d.Excluded:
		return domainExcluded
	case d.Disabled:
		return domainDisabled
	case d.ValidatedAt != nil:
		return domainValidated
	}
	return domainPending
}
