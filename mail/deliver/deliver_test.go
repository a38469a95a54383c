package deliver_test

import (
	"context"
	"net"
	"net/netip"
	"reflect"
	"strconv"
	"testing"
	"time"

	"postbridge/mail/autoconfig/dnstest"
	"postbridge/mail/deliver"
)

// zone holds domains in every state the check tells apart. 192.0.2.25
// (TEST-NET-1, RFC 5737) is the route's server; 198.51.100.7 is one the
// records do not name.
var zone = []string{
	// pass.test: all well.
	`pass.test. 60 IN TXT "v=spf1 ip4:192.0.2.25 -all"`,
	`_dmarc.pass.test. 60 IN TXT "v=DMARC1; p=reject"`,
	`pass.test. 60 IN MX 10 mx.pass.test.`,
	`mx.pass.test. 60 IN A 192.0.2.26`,
	`25.2.0.192.in-addr.arpa. 60 IN PTR mail.pass.test.`,
	`mail.pass.test. 60 IN A 192.0.2.25`,
	`7.100.51.198.in-addr.arpa. 60 IN PTR elsewhere.test.`,
	`elsewhere.test. 60 IN A 198.51.100.99`,
	// soft.test: ~all, quarantine, no MX but an address.
	`soft.test. 60 IN TXT "v=spf1 ip4:192.0.2.1 ~all"`,
	`soft.test. 60 IN A 192.0.2.80`,
	`_dmarc.soft.test. 60 IN TXT "v=DMARC1; p=quarantine"`,
	// neutral.test: ?all, no DMARC, neither MX nor address.
	`neutral.test. 60 IN TXT "v=spf1 ?all"`,
	// chain.test: includes two deep, p=none, null MX (RFC 7505).
	`chain.test. 60 IN TXT "v=spf1 include:_spf.a.test -all"`,
	`_spf.a.test. 60 IN TXT "v=spf1 include:_spf.b.test -all"`,
	`_spf.b.test. 60 IN TXT "v=spf1 ip4:192.0.2.0/24 -all"`,
	`_dmarc.chain.test. 60 IN TXT "v=DMARC1; p=none"`,
	`chain.test. 60 IN MX 0 .`,
	// many.test: eleven includes in a row, one more than RFC 7208 §4.6.4 allows.
	`many.test. 60 IN TXT "v=spf1 include:l1.many.test -all"`,
	// void.test: three look-ups that find nothing (limit 2).
	`void.test. 60 IN TXT "v=spf1 a:nx1.void.test a:nx2.void.test a:nx3.void.test ip4:192.0.2.25 -all"`,
	// twice.test: two SPF records (RFC 7208 §4.5).
	`twice.test. 60 IN TXT "v=spf1 ip4:192.0.2.25 -all"`,
	`twice.test. 60 IN TXT "v=spf1 -all"`,
	// org.test: a subdomain that takes the organization's sp= and strict SPF alignment.
	`sales.org.test. 60 IN TXT "v=spf1 ip4:192.0.2.25 -all"`,
	`_dmarc.org.test. 60 IN TXT "v=DMARC1; p=reject; sp=quarantine; aspf=s"`,
	`sales.org.test. 60 IN MX 10 mx.pass.test.`,
	// bad.test: a DMARC record with a policy that does not exist.
	`bad.test. 60 IN TXT "v=spf1 ip4:192.0.2.25 -all"`,
	`_dmarc.bad.test. 60 IN TXT "v=DMARC1; p=sometimes"`,
	`bad.test. 60 IN MX 10 mx.pass.test.`,
}

func init() {
	for i := 1; i <= 11; i++ {
		next := "l" + strconv.Itoa(i+1) + ".many.test"
		zone = append(zone, "l"+strconv.Itoa(i)+`.many.test. 60 IN TXT "v=spf1 include:`+next+` -all"`)
	}
	zone = append(zone, `l12.many.test. 60 IN TXT "v=spf1 ip4:192.0.2.25 -all"`)
}

// resolver asks only the test DNS server.
func resolver(t *testing.T, lines ...string) *net.Resolver {
	t.Helper()
	server := dnstest.Start(t, 0, lines...)
	return &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, network, server)
	}}
}

type line struct {
	Check  deliver.Check
	Status deliver.Status
	Kind   deliver.Kind
}

func lines(r deliver.Report) []line {
	var out []line
	for _, f := range r.Findings {
		out = append(out, line{f.Check, f.Status, f.Kind})
	}
	return out
}

const (
	ok   = deliver.StatusOK
	warn = deliver.StatusWarning
	bad  = deliver.StatusFailing
)

var (
	route = netip.MustParseAddr("192.0.2.25")
	other = netip.MustParseAddr("198.51.100.7")
)

func TestDeliverRecords(t *testing.T) {
	r := resolver(t, zone...)
	notChecked := line{deliver.CheckDKIM, warn, deliver.DKIMNotChecked}
	mxOK := line{deliver.CheckMX, ok, deliver.MXFound}
	ptrOK := line{deliver.CheckPTR, ok, deliver.PTRConfirmed}
	tests := []struct {
		name   string
		domain string
		ips    []netip.Addr
		dkim   []deliver.Signature
		want   []line
	}{
		{"pass", "pass.test", []netip.Addr{route}, nil, []line{
			{deliver.CheckSPF, ok, deliver.SPFPass}, notChecked,
			{deliver.CheckDMARC, ok, deliver.DMARCReject}, {deliver.CheckDMARC, ok, deliver.DMARCAlignedSPF},
			mxOK, ptrOK}},
		{"fail", "pass.test", []netip.Addr{other}, nil, []line{
			{deliver.CheckSPF, bad, deliver.SPFFail}, notChecked,
			{deliver.CheckDMARC, ok, deliver.DMARCReject}, {deliver.CheckDMARC, bad, deliver.DMARCNotAligned},
			mxOK, {deliver.CheckPTR, bad, deliver.PTRMismatch}}},
		{"fail but DKIM aligns", "pass.test", []netip.Addr{other},
			[]deliver.Signature{{Domain: "pass.test", Selector: "s1", Kind: deliver.DKIMPass}}, []line{
				{deliver.CheckSPF, bad, deliver.SPFFail}, {deliver.CheckDKIM, ok, deliver.DKIMPass},
				{deliver.CheckDMARC, ok, deliver.DMARCReject}, {deliver.CheckDMARC, ok, deliver.DMARCAlignedDKIM},
				mxOK, {deliver.CheckPTR, bad, deliver.PTRMismatch}}},
		{"signed by the provider's domain", "pass.test", []netip.Addr{other},
			[]deliver.Signature{{Domain: "provider.test", Selector: "s1", Kind: deliver.DKIMPass}}, []line{
				{deliver.CheckSPF, bad, deliver.SPFFail}, {deliver.CheckDKIM, warn, deliver.DKIMOtherDomain},
				{deliver.CheckDMARC, ok, deliver.DMARCReject}, {deliver.CheckDMARC, bad, deliver.DMARCNotAligned},
				mxOK, {deliver.CheckPTR, bad, deliver.PTRMismatch}}},
		{"softfail", "soft.test", []netip.Addr{route}, nil, []line{
			{deliver.CheckSPF, warn, deliver.SPFSoftFail}, notChecked,
			{deliver.CheckDMARC, ok, deliver.DMARCQuarantine}, {deliver.CheckDMARC, bad, deliver.DMARCNotAligned},
			{deliver.CheckMX, warn, deliver.MXImplicit}, ptrOK}},
		{"neutral", "neutral.test", []netip.Addr{route}, nil, []line{
			{deliver.CheckSPF, warn, deliver.SPFNeutral}, notChecked,
			{deliver.CheckDMARC, warn, deliver.DMARCNone},
			{deliver.CheckMX, bad, deliver.MXNone}, ptrOK}},
		{"include chain", "chain.test", []netip.Addr{route}, nil, []line{
			{deliver.CheckSPF, ok, deliver.SPFPass}, notChecked,
			{deliver.CheckDMARC, ok, deliver.DMARCPolicyNone}, {deliver.CheckDMARC, ok, deliver.DMARCAlignedSPF},
			{deliver.CheckMX, bad, deliver.MXNull}, ptrOK}},
		{"too many lookups", "many.test", []netip.Addr{route}, nil, []line{
			{deliver.CheckSPF, bad, deliver.SPFTooManyLookup}, notChecked,
			{deliver.CheckDMARC, warn, deliver.DMARCNone},
			{deliver.CheckMX, bad, deliver.MXNone}, ptrOK}},
		{"too many void lookups", "void.test", []netip.Addr{route}, nil, []line{
			{deliver.CheckSPF, bad, deliver.SPFTooManyVoid}, notChecked,
			{deliver.CheckDMARC, warn, deliver.DMARCNone},
			{deliver.CheckMX, bad, deliver.MXNone}, ptrOK}},
		{"two records", "twice.test", []netip.Addr{route}, nil, []line{
			{deliver.CheckSPF, bad, deliver.SPFMultiple}, notChecked,
			{deliver.CheckDMARC, warn, deliver.DMARCNone},
			{deliver.CheckMX, bad, deliver.MXNone}, ptrOK}},
		{"missing", "missing.test", []netip.Addr{route}, nil, []line{
			{deliver.CheckSPF, bad, deliver.SPFNone}, notChecked,
			{deliver.CheckDMARC, warn, deliver.DMARCNone},
			{deliver.CheckMX, bad, deliver.MXNone}, ptrOK}},
		{"subdomain under the organization's policy", "sales.org.test", []netip.Addr{route}, nil, []line{
			{deliver.CheckSPF, ok, deliver.SPFPass}, notChecked,
			{deliver.CheckDMARC, ok, deliver.DMARCQuarantine}, {deliver.CheckDMARC, ok, deliver.DMARCAlignedSPF},
			mxOK, ptrOK}},
		{"invalid DMARC", "bad.test", []netip.Addr{route}, nil, []line{
			{deliver.CheckSPF, ok, deliver.SPFPass}, notChecked,
			{deliver.CheckDMARC, bad, deliver.DMARCInvalid}, mxOK, ptrOK}},
		{"only a private address", "pass.test", []netip.Addr{netip.MustParseAddr("10.1.2.3")}, nil, []line{
			{deliver.CheckSPF, warn, deliver.SPFPrivate}, notChecked,
			{deliver.CheckDMARC, ok, deliver.DMARCReject}, {deliver.CheckDMARC, bad, deliver.DMARCNotAligned}, mxOK}},
		{"no address", "pass.test", nil, nil, []line{
			{deliver.CheckSPF, warn, deliver.SPFNoAddress}, notChecked,
			{deliver.CheckDMARC, ok, deliver.DMARCReject}, {deliver.CheckDMARC, bad, deliver.DMARCNotAligned}, mxOK}},
		{"unsigned mail", "pass.test", []netip.Addr{route}, []deliver.Signature{}, []line{
			{deliver.CheckSPF, ok, deliver.SPFPass}, {deliver.CheckDKIM, bad, deliver.DKIMUnsigned},
			{deliver.CheckDMARC, ok, deliver.DMARCReject}, {deliver.CheckDMARC, ok, deliver.DMARCAlignedSPF},
			mxOK, ptrOK}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			rep := deliver.Run(ctx, r, deliver.Input{Domain: tt.domain, IPs: tt.ips, DKIM: tt.dkim})
			if got := lines(rep); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("findings\n got %v\nwant %v\n(%+v)", got, tt.want, rep.Findings)
			}
		})
	}
}

// The arguments a sentence needs travel with the finding.
func TestDeliverArguments(t *testing.T) {
	r := resolver(t, zone...)
	rep := deliver.Run(context.Background(), r, deliver.Input{Domain: "Pass.Test.", IPs: []netip.Addr{route}})
	got := rep.Findings[0].Args
	want := map[string]string{"domain": "pass.test", "record": "v=spf1 ip4:192.0.2.25 -all", "ip": "192.0.2.25"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SPF args = %v, want %v", got, want)
	}
	if got := rep.Findings[len(rep.Findings)-1].Args["name"]; got != "mail.pass.test" {
		t.Errorf("PTR name = %q, want mail.pass.test", got)
	}
	if got, want := rep.Worst(), deliver.StatusWarning; got != want {
		t.Errorf("Worst = %s, want %s", got, want)
	}
}
