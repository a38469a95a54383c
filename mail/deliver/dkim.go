package deliver

import (
	"bufio"
	"bytes"
	"context"
	"net/textproto"
	"strings"

	"github.com/emersion/go-msgauth/dkim"
)

// Signature is one DKIM signature of a mail that went through the route:
// who signed it (d=, s=) and what its verification found.
type Signature struct {
	Domain   string `json:"domain"`
	Selector string `json:"selector"`
	Kind     Kind   `json:"kind"`
	Detail   string `json:"detail,omitempty"`
}

// VerifyDKIM verifies every DKIM-Signature of raw, asking r for the keys
// (RFC 6376 §6, key records at <selector>._domainkey.<domain>, §3.6.2).
// A mail without signatures gives an empty list.
func VerifyDKIM(ctx context.Context, r Resolver, raw []byte) ([]Signature, error) {
	lookup := func(name string) ([]string, error) { return r.LookupTXT(ctx, name) }
	verifs, err := dkim.VerifyWithOptions(bytes.NewReader(raw), &dkim.VerifyOptions{LookupTXT: lookup, MaxVerifications: 10})
	if err != nil {
		return nil, err
	}
	tags := signatureTags(raw)
	sigs := make([]Signature, 0, len(verifs))
	for i, v := range verifs {
		s := Signature{Domain: normalize(v.Domain), Kind: DKIMPass}
		if i < len(tags) {
			s.Selector = tags[i]["s"]
			if s.Domain == "" {
				s.Domain = normalize(tags[i]["d"])
			}
		}
		if v.Err != nil {
			s.Detail = v.Err.Error()
			s.Kind = failKind(ctx, r, s, v.Err)
		}
		sigs = append(sigs, s)
	}
	return sigs, nil
}

// failKind tells a missing or revoked key (nothing published for the
// selector, RFC 6376 §3.6.1 "p=" empty) from a key that does not match
// the signature — a key in DNS that is not the one the server signs with.
func failKind(ctx context.Context, r Resolver, s Signature, err error) Kind {
	if dkim.IsTempFail(err) {
		return DKIMTempError
	}
	txts, lerr := r.LookupTXT(ctx, s.Selector+"._domainkey."+s.Domain)
	if isNotFound(lerr) || lerr == nil && !hasKey(txts) {
		return DKIMNoKey
	}
	if lerr != nil {
		return DKIMTempError
	}
	return DKIMBad
}

// hasKey reports whether a key record carries public key data.
func hasKey(txts []string) bool {
	for _, t := range txts {
		for _, tag := range strings.Split(strings.Join(strings.Fields(t), ""), ";") {
			if v, ok := strings.CutPrefix(tag, "p="); ok && v != "" {
				return true
			}
		}
	}
	return false
}

// signatureTags reads the tags of each DKIM-Signature header in order,
// the order in which go-msgauth returns its verifications.
func signatureTags(raw []byte) []map[string]string {
	h, _ := textproto.NewReader(bufio.NewReader(bytes.NewReader(raw))).ReadMIMEHeader()
	var out []map[string]string
	for _, v := range h.Values("Dkim-Signature") {
		tags := map[string]string{}
		for _, tag := range strings.Split(v, ";") {
			if k, val, ok := strings.Cut(tag, "="); ok {
				tags[strings.TrimSpace(k)] = strings.Join(strings.Fields(val), "")
			}
		}
		out = append(out, tags)
	}
	return out
}

// dkimFindings turns the verifications into lines: a signature aligned
// with the From domain is what DMARC and the large receivers want. A
// round trip that failed stands in for them; one that worked follows them.
func dkimFindings(domain string, sigs []Signature, probe *Probe) []Finding {
	if probe != nil && !probe.read() {
		return []Finding{probe.finding(domain)}
	}
	out := signatureFindings(domain, sigs)
	if probe != nil {
		out = append(out, probe.finding(domain))
	}
	return out
}

// signatureFindings is one line per signature of the test mail.
func signatureFindings(domain string, sigs []Signature) []Finding {
	if sigs == nil {
		return []Finding{finding(CheckDKIM, StatusWarning, DKIMNotChecked, "domain", domain)}
	}
	if len(sigs) == 0 {
		return []Finding{finding(CheckDKIM, StatusFailing, DKIMUnsigned, "domain", domain)}
	}
	var out []Finding
	for _, s := range sigs {
		args := []string{"domain", s.Domain, "selector", s.Selector, "detail", s.Detail}
		switch {
		case s.Kind == DKIMPass && orgDomain(s.Domain) != orgDomain(domain):
			out = append(out, finding(CheckDKIM, StatusWarning, DKIMOtherDomain, append(args, "from", domain)...))
		case s.Kind == DKIMPass:
			out = append(out, finding(CheckDKIM, StatusOK, DKIMPass, args...))
		case s.Kind == DKIMTempError:
			out = append(out, finding(CheckDKIM, StatusWarning, s.Kind, args...))
		default:
			out = append(out, finding(CheckDKIM, StatusFailing, s.Kind, args...))
		}
	}
	return out
}
