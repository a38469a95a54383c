package autoconfig

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"time"

	"postbridge/mail/mailerr"
)

// Defaults for a Finder that sets none.
const (
	DefaultTimeout      = 15 * time.Second // the whole search
	DefaultProbeTimeout = 4 * time.Second  // one connection while probing
)

// ErrSkipped marks a source that was not asked because earlier sources
// had already found both servers.
var ErrSkipped = errors.New("not needed: an earlier source found both servers")

// Finder finds settings. The zero value uses the system's roots and
// resolver (or $POSTBRIDGE_RESOLVER) and the standard ports.
type Finder struct {
	// Roots replaces the system roots for HTTPS and probing (tests).
	Roots *x509.CertPool
	// Ports replaces the probed ports (tests: the servers' free ports).
	Ports Ports
	// HTTPSPort and HTTPPort replace 443 and 80 for autoconfig files.
	HTTPSPort, HTTPPort int
	Timeout             time.Duration
	ProbeTimeout        time.Duration

	resolver *net.Resolver
}

func (f *Finder) timeout() time.Duration {
	if f.Timeout > 0 {
		return f.Timeout
	}
	return DefaultTimeout
}

func (f *Finder) probeTimeout() time.Duration {
	if f.ProbeTimeout > 0 {
		return f.ProbeTimeout
	}
	return DefaultProbeTimeout
}

func (f *Finder) dialer() *net.Dialer {
	return &net.Dialer{Timeout: f.probeTimeout(), Resolver: f.resolver}
}

// Find tries every source for address and returns what each answered and
// the chosen settings. It ends within the Finder's timeout; cancelling
// ctx ends it at once with mailerr.ErrCanceled. Finding nothing is
// ErrNothingFound, with the attempts still in the result.
func (f *Finder) Find(ctx context.Context, address string) (Result, error) {
	_, domain, err := SplitAddress(address)
	if err != nil {
		return Result{}, err
	}
	g := *f
	g.resolver = resolver()
	ctx, cancel := context.WithTimeout(ctx, g.timeout())
	defer cancel()
	r := Result{Address: address, Domain: domain}
	r.Attempts = g.attempts(ctx, address, domain)
	if ctx.Err() != nil && errors.Is(context.Cause(ctx), context.Canceled) {
		return r, fmt.Errorf("find settings for %s: %w", domain, mailerr.ErrCanceled)
	}
	r.choose()
	if r.Chosen == nil && r.dnsFailed() {
		return r, fmt.Errorf("%s: %w", domain, ErrNoDNS)
	}
	if r.Chosen == nil {
		return r, fmt.Errorf("%s: %w", domain, ErrNothingFound)
	}
	return r, nil
}

// attempts asks the provider table, then the network sources at once,
// then probes only if the earlier sources left a server unfound. A source
// still busy when ctx ends is listed with ctx's error: Go's resolver does
// not always notice a cancelled context, so Find does not wait for it.
func (f *Finder) attempts(ctx context.Context, address, domain string) []Attempt {
	out := make([]Attempt, len(Order))
	out[0] = f.fromProvider(address, domain)
	network := []func(context.Context, string, string) Attempt{f.fromAutoconfig, f.fromSRV, f.fromMX}
	collect(ctx, out[1:4], network, address, domain)
	if haveBoth(out[:4]) {
		out[4] = Attempt{Source: SourceProbe, Err: ErrSkipped}
	} else {
		collect(ctx, out[4:], []func(context.Context, string, string) Attempt{f.fromProbe}, address, domain)
	}
	for i := range out {
		out[i].Source = Order[i]
	}
	return out
}

// collect runs the sources at once and fills out[i] with source i's
// attempt, or with ctx's error for one that has not answered when ctx ends.
func collect(ctx context.Context, out []Attempt, sources []func(context.Context, string, string) Attempt, address, domain string) {
	type answer struct {
		i int
		a Attempt
	}
	ch := make(chan answer, len(sources)) // buffered: a late source never blocks
	for i, fn := range sources {
		go func() { ch <- answer{i, fn(ctx, address, domain)} }()
	}
	done := make([]bool, len(sources))
	for range sources {
		select {
		case ans := <-ch:
			out[ans.i], done[ans.i] = ans.a, true
		case <-ctx.Done():
			for i := range out {
				if !done[i] {
					out[i] = Attempt{Err: context.Cause(ctx)}
				}
			}
			return
		}
	}
}

// haveBoth reports whether trusted answers (not plain HTTP) hold both
// an IMAP and an SMTP server.
func haveBoth(as []Attempt) bool {
	var imap, smtp bool
	for _, a := range as {
		if a.Found != nil && !a.Found.Insecure {
			imap = imap || a.Found.IMAP != nil
			smtp = smtp || a.Found.SMTP != nil
		}
	}
	return imap && smtp
}

func (f *Finder) fromProvider(address, domain string) Attempt {
	a := Attempt{Source: SourceProvider, Tried: []string{domain}}
	if p, ok := providerForDomain(domain); ok {
		a.Found = p.settings(address)
	}
	return a
}
