// Package deliver answers the question an office has after "the test mail
// went out": will the recipients' servers accept mail from this domain
// through this route? It checks SPF (RFC 7208) for the route's sending
// addresses, DKIM (RFC 6376) on a mail that went through the route,
// DMARC (RFC 7489) policy and alignment, the domain's MX and the sending
// addresses' reverse DNS.
//
// Every result is a value — which check, ok / warning / failing, a kind
// and its arguments — never a sentence: the command line and the window
// word it in the reader's language (package explain). The protocols are
// evaluated by blitiri.com.ar/go/spf and emersion's go-msgauth; this
// package only asks them and sorts what they say.
package deliver

import (
	"context"
	"net"
	"net/netip"
	"strings"
)

// Check names one line of the table.
type Check string

// The checks, in the order the table shows them.
const (
	CheckSPF   Check = "spf"
	CheckDKIM  Check = "dkim"
	CheckDMARC Check = "dmarc"
	CheckMX    Check = "mx"
	CheckPTR   Check = "ptr"
)

// Status is how a line turned out.
type Status string

// A warning is mail that may land in spam or be refused by some
// receivers; failing is mail that large receivers refuse or file as spam
// (Google's and Yahoo's sender rules of February 2024).
const (
	StatusOK      Status = "ok"
	StatusWarning Status = "warning"
	StatusFailing Status = "failing"
)

// Finding is one line of the result. Kind names what was found (see
// kinds.go); Args fill its sentence, by name: "domain", "ip", "record",
// "policy", "hosts", "name", "selector", "detail".
type Finding struct {
	Check  Check             `json:"check"`
	Status Status            `json:"status"`
	Kind   Kind              `json:"kind"`
	Args   map[string]string `json:"args,omitempty"`
}

// Report is the whole check of one domain and route.
type Report struct {
	Domain   string    `json:"domain"`
	IPs      []string  `json:"ips"`
	Findings []Finding `json:"findings"`
}

// Worst is the most serious status of the report.
func (r Report) Worst() Status {
	worst := StatusOK
	for _, f := range r.Findings {
		switch {
		case f.Status == StatusFailing:
			return StatusFailing
		case f.Status == StatusWarning:
			worst = StatusWarning
		}
	}
	return worst
}

// Resolver is the DNS as the checks ask it; *net.Resolver is one.
type Resolver interface {
	LookupTXT(ctx context.Context, name string) ([]string, error)
	LookupMX(ctx context.Context, name string) ([]*net.MX, error)
	LookupIPAddr(ctx context.Context, host string) ([]net.IPAddr, error)
	LookupAddr(ctx context.Context, addr string) ([]string, error)
}

// Input is what the check of one domain and route depends on.
type Input struct {
	// Domain is the From domain (RFC 5322.From), the one DMARC protects.
	Domain string
	// Envelope is the domain of the envelope sender (RFC 5321.MailFrom)
	// that SPF checks; "" is Domain, as Postbridge sends with the From
	// address as MAIL FROM.
	Envelope string
	// IPs are the addresses the route's server sends from.
	IPs []netip.Addr
	// DKIM is the verification of a mail that went through the route;
	// nil when none was sent and fetched back.
	DKIM []Signature
	// Probe is how sending that mail and reading it back went; nil when
	// Postbridge did not try (the mail came from a file, or none).
	Probe *Probe
}

// Run checks in through r. It does not fail: what cannot be learned is a
// line of the report too.
func Run(ctx context.Context, r Resolver, in Input) Report {
	in.Domain = normalize(in.Domain)
	in.Envelope = normalize(in.Envelope)
	if in.Envelope == "" {
		in.Envelope = in.Domain
	}
	rep := Report{Domain: in.Domain, IPs: []string{}}
	public := publicIPs(in.IPs)
	for _, ip := range in.IPs {
		rep.IPs = append(rep.IPs, ip.String())
	}
	spf := checkSPF(ctx, r, in.Envelope, in.IPs, public)
	rep.Findings = append(rep.Findings, spf.findings...)
	rep.Findings = append(rep.Findings, dkimFindings(in.Domain, in.DKIM, in.Probe)...)
	rep.Findings = append(rep.Findings, checkDMARC(ctx, r, in, spf.pass, in.DKIM)...)
	rep.Findings = append(rep.Findings, checkMX(ctx, r, in.Domain))
	for _, ip := range public {
		rep.Findings = append(rep.Findings, checkPTR(ctx, r, ip))
	}
	return rep
}

// publicIPs are the addresses worth asking about: a loopback or private
// address is where Postbridge reaches the server, not where the internet
// sees its mail come from (RFC 1918, RFC 4193).
func publicIPs(ips []netip.Addr) []netip.Addr {
	var out []netip.Addr
	for _, ip := range ips {
		if ip.IsValid() && ip.IsGlobalUnicast() && !ip.IsPrivate() {
			out = append(out, ip.Unmap())
		}
	}
	return out
}

func normalize(domain string) string {
	return strings.TrimSuffix(strings.ToLower(strings.TrimSpace(domain)), ".")
}

func finding(c Check, s Status, k Kind, args ...string) Finding {
	f := Finding{Check: c, Status: s, Kind: k}
	if len(args) > 0 {
		f.Args = map[string]string{}
		for i := 0; i+1 < len(args); i += 2 {
			f.Args[args[i]] = args[i+1]
		}
	}
	return f
}

// FirstOf is the first line of status s: what the domain list and the
// health view name for a check that was not ok.
func (r Report) FirstOf(s Status) (Finding, bool) {
	for _, f := range r.Findings {
		if f.Status == s {
			return f, true
		}
	}
	return Finding{}, false
}
