// Package dnstest runs a real DNS server on 127.0.0.1 for tests, answering
// from zone-file lines; point Postbridge at it with POSTBRIDGE_RESOLVER.
package dnstest

import (
	"net"
	"strings"
	"testing"
	"time"

	"github.com/miekg/dns"
)

type zone struct {
	records []dns.RR
	delay   time.Duration
}

// Start serves records (zone-file syntax, e.g. "x.test. 60 IN A 127.0.0.1")
// over UDP and TCP, each answer after delay, until the test ends. It
// returns the server's host:port.
func Start(t testing.TB, delay time.Duration, lines ...string) string {
	t.Helper()
	z := &zone{delay: delay}
	for _, l := range lines {
		rr, err := dns.NewRR(l)
		if err != nil {
			t.Fatalf("record %q: %v", l, err)
		}
		z.records = append(z.records, rr)
	}
	pc, ln, err := listen()
	if err != nil {
		t.Fatal(err)
	}
	udp := &dns.Server{PacketConn: pc, Handler: z}
	tcp := &dns.Server{Listener: ln, Handler: z}
	go func() { _ = udp.ActivateAndServe() }()
	go func() { _ = tcp.ActivateAndServe() }()
	t.Cleanup(func() { _ = udp.Shutdown(); _ = tcp.Shutdown() })
	return pc.LocalAddr().String()
}

// listen takes a free UDP port and the same TCP port (DNS answers that
// do not fit UDP are asked again over TCP, RFC 7766). The TCP port may be
// taken by someone else: then another UDP port is tried.
func listen() (net.PacketConn, net.Listener, error) {
	var err error
	for range 50 {
		var pc net.PacketConn
		if pc, err = net.ListenPacket("udp", "127.0.0.1:0"); err != nil {
			return nil, nil, err
		}
		var ln net.Listener
		if ln, err = net.Listen("tcp", pc.LocalAddr().String()); err == nil {
			return pc, ln, nil
		}
		pc.Close()
	}
	return nil, nil, err
}

// ServeDNS answers the records of the asked name and type; a name with no
// record at all is NXDOMAIN (RFC 1035 §4.1.1).
func (z *zone) ServeDNS(w dns.ResponseWriter, req *dns.Msg) {
	time.Sleep(z.delay)
	m := new(dns.Msg)
	m.SetReply(req)
	m.Authoritative = true
	known := false
	for _, q := range req.Question {
		for _, rr := range z.records {
			h := rr.Header()
			if !strings.EqualFold(h.Name, q.Name) {
				continue
			}
			known = true
			if h.Rrtype == q.Qtype {
				m.Answer = append(m.Answer, rr)
			}
		}
	}
	if !known {
		m.Rcode = dns.RcodeNameError
	}
	_ = w.WriteMsg(m)
}
