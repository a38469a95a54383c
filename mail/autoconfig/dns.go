package autoconfig

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"sort"
	"strings"

	"postbridge/domain"
)

// EnvResolver names the DNS server (host:port) Postbridge's look-ups use
// instead of the system's: an office with split DNS, and the tests.
const EnvResolver = "POSTBRIDGE_RESOLVER"

// ErrNoRecords is returned when DNS has no record of the kind asked.
var ErrNoRecords = errors.New("no DNS records")

// Resolver is the resolver every Postbridge look-up uses (autoconfig,
// the deliverability check): the system's, or one that asks only the
// server in $POSTBRIDGE_RESOLVER.
func Resolver() *net.Resolver { return resolver() }

// resolver is the system resolver, or one that asks only the server in
// $POSTBRIDGE_RESOLVER (over UDP, TCP when the answer is truncated).
func resolver() *net.Resolver {
	server := strings.TrimSpace(os.Getenv(EnvResolver))
	if server == "" {
		return net.DefaultResolver
	}
	if _, _, err := net.SplitHostPort(server); err != nil {
		server = net.JoinHostPort(server, "53")
	}
	return &net.Resolver{
		PreferGo: true,
		Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, network, server)
		},
	}
}

// srvService is one RFC 6186 / RFC 8314 service name and what it means.
type srvService struct {
	name     string // "imaps", "submissions", ...
	imap     bool
	security domain.Security
}

// srvServices are asked in preference order: RFC 8314 §5.1 prefers the
// implicit-TLS services over STARTTLS ones.
var srvServices = []srvService{
	{"imaps", true, domain.SecurityTLS},
	{"imap", true, domain.SecuritySTARTTLS},
	{"submissions", false, domain.SecurityTLS},
	{"submission", false, domain.SecuritySTARTTLS},
}

// fromSRV asks _imaps._tcp, _imap._tcp, _submissions._tcp and
// _submission._tcp. A target of "." says the service is not offered
// (RFC 6186 §3.4; RFC 2782).
func (f *Finder) fromSRV(ctx context.Context, address, domain string) Attempt {
	a := Attempt{Source: SourceSRV}
	found := &Settings{}
	var errs []error
	for _, svc := range srvServices {
		a.Tried = append(a.Tried, "_"+svc.name+"._tcp."+domain)
		if (svc.imap && found.IMAP != nil) || (!svc.imap && found.SMTP != nil) {
			continue
		}
		// LookupSRV sorts by priority and weight (RFC 2782).
		_, recs, err := f.resolver.LookupSRV(ctx, svc.name, "tcp", domain)
		if err != nil {
			errs = append(errs, lookupErr(err))
			continue
		}
		for _, r := range recs {
			host := strings.TrimSuffix(r.Target, ".")
			if host == "" || r.Port == 0 {
				continue
			}
			s := &Server{Host: host, Port: int(r.Port), Security: svc.security, Username: address, Auth: AuthPassword}
			if svc.imap {
				found.IMAP = s
			} else {
				found.SMTP = s
			}
			break
		}
	}
	if !found.empty() {
		a.Found = found
	} else if err := joinErrs(errs); err != nil {
		a.Err = err
	}
	return a
}

// fromMX looks for a provider of the table among the domain's MX hosts,
// lowest preference value first (RFC 5321 §5.1).
func (f *Finder) fromMX(ctx context.Context, address, domain string) Attempt {
	a := Attempt{Source: SourceMX, Tried: []string{"MX " + domain}}
	mxs, err := f.resolver.LookupMX(ctx, domain)
	if err != nil {
		a.Err = lookupErr(err)
		return a
	}
	sort.SliceStable(mxs, func(i, j int) bool { return mxs[i].Pref < mxs[j].Pref })
	hosts := make([]string, 0, len(mxs))
	for _, mx := range mxs {
		hosts = append(hosts, strings.TrimSuffix(mx.Host, "."))
		if p, ok := providerForMX(mx.Host); ok {
			a.Found = p.settings(address)
			a.Tried[0] += " = " + strings.Join(hosts, ", ")
			return a
		}
	}
	a.Tried[0] += " = " + strings.Join(hosts, ", ")
	return a
}

// lookupErr keeps "no such record" apart from a DNS server that failed.
func lookupErr(err error) error {
	var dns *net.DNSError
	if errors.As(err, &dns) && dns.IsNotFound {
		return fmt.Errorf("%s: %w", dns.Name, ErrNoRecords)
	}
	return err
}

// joinErrs wraps every error, on one line (errors.Join puts newlines
// between them, which a one-line report cannot show).
func joinErrs(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	args := make([]any, len(errs))
	for i, e := range errs {
		args[i] = e
	}
	return fmt.Errorf(strings.TrimSuffix(strings.Repeat("%w; ", len(errs)), "; "), args...)
}
