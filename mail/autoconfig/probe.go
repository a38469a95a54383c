package autoconfig

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"sort"
	"strconv"
	"strings"
	"sync"

	"postbridge/domain"
	"postbridge/mail/tlsverify"
)

// ErrNothingAnswered is the probe's answer when no host answered.
var ErrNothingAnswered = errors.New("no server answered")

// Ports are the ports probing tries; zero means the standard one.
type Ports struct {
	IMAPS      int // 993, implicit TLS (RFC 8314)
	IMAP       int // 143, STARTTLS (RFC 9051 §6.2.1)
	SMTPS      int // 465, implicit TLS (RFC 8314)
	Submission int // 587, STARTTLS (RFC 6409, RFC 3207)
}

func (p Ports) or(v, standard int) int {
	if v == 0 {
		return standard
	}
	return v
}

// candidate is one host and port to knock on.
type candidate struct {
	host     string
	port     int
	imap     bool
	implicit bool
	order    int // the host's place in the probe list
}

func (c candidate) String() string { return net.JoinHostPort(c.host, strconv.Itoa(c.port)) }

func (f *Finder) candidates(domain string) []candidate {
	var out []candidate
	add := func(imap bool, hosts []string, tlsPort, starttlsPort int) {
		for i, h := range hosts {
			out = append(out, candidate{h + "." + domain, tlsPort, imap, true, i},
				candidate{h + "." + domain, starttlsPort, imap, false, i})
		}
	}
	add(true, []string{"imap", "mail"}, f.Ports.or(f.Ports.IMAPS, 993), f.Ports.or(f.Ports.IMAP, 143))
	add(false, []string{"smtp", "mail"}, f.Ports.or(f.Ports.SMTPS, 465), f.Ports.or(f.Ports.Submission, 587))
	return out
}

type probed struct {
	c   candidate
	s   *Server
	err error
}

// fromProbe knocks on every candidate at once, each bounded by the probe
// timeout, and keeps the best answer per protocol: implicit TLS before
// STARTTLS before plain text (RFC 8314 §3), a trusted certificate before
// one to pin, imap./smtp. before mail.
func (f *Finder) fromProbe(ctx context.Context, address, domain string) Attempt {
	cands := f.candidates(domain)
	a := Attempt{Source: SourceProbe}
	results := make([]probed, len(cands))
	var wg sync.WaitGroup
	for i, c := range cands {
		a.Tried = append(a.Tried, c.String())
		wg.Add(1)
		go func() {
			defer wg.Done()
			pctx, cancel := context.WithTimeout(ctx, f.probeTimeout())
			defer cancel()
			s, err := f.probe(pctx, c)
			if s != nil {
				s.Username = address
			}
			results[i] = probed{c, s, err}
		}()
	}
	wg.Wait()
	found := &Settings{IMAP: best(results, true), SMTP: best(results, false)}
	if found.empty() {
		a.Err = ErrNothingAnswered
		return a
	}
	a.Found = found
	return a
}

func best(results []probed, imap bool) *Server {
	var ok []probed
	for _, r := range results {
		if r.err == nil && r.s != nil && r.c.imap == imap {
			ok = append(ok, r)
		}
	}
	rank := map[domain.Security]int{domain.SecurityTLS: 0, domain.SecuritySTARTTLS: 1, domain.SecurityNone: 2}
	sort.SliceStable(ok, func(i, j int) bool {
		a, b := ok[i], ok[j]
		if rank[a.s.Security] != rank[b.s.Security] {
			return rank[a.s.Security] < rank[b.s.Security]
		}
		if (a.s.Fingerprint == "") != (b.s.Fingerprint == "") {
			return a.s.Fingerprint == ""
		}
		return a.c.order < b.c.order
	})
	if len(ok) == 0 {
		return nil
	}
	return ok[0].s
}

// probe connects to one candidate and learns how it is secured. It sends
// no credentials: a greeting, CAPABILITY or EHLO, and STARTTLS.
func (f *Finder) probe(ctx context.Context, c candidate) (*Server, error) {
	s := &Server{Host: c.host, Port: c.port, Auth: AuthPassword}
	if c.implicit {
		s.Security = domain.SecurityTLS
		err := f.probeImplicit(ctx, c, "")
		var cert *tlsverify.CertificateError
		if errors.As(err, &cert) {
			// Seen, not trusted: read the greeting once more with this very
			// certificate accepted, to be sure a mail server is there.
			s.Fingerprint = cert.Fingerprint
			err = f.probeImplicit(ctx, c, cert.Fingerprint)
		}
		if err != nil {
			return nil, err
		}
		return s, nil
	}
	conn, err := f.dialer().DialContext(ctx, "tcp", c.String())
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	setDeadline(ctx, conn)
	p := newTalker(conn, c.imap)
	starttls, err := p.hello()
	if err != nil {
		return nil, err
	}
	if !starttls {
		s.Security, s.Unsafe = domain.SecurityNone, true
		return s, nil
	}
	s.Security = domain.SecuritySTARTTLS
	if err := p.startTLS(); err != nil {
		return nil, err
	}
	tc := tls.Client(conn, tlsverify.Config(tlsverify.Options{Host: c.host, Roots: f.Roots}))
	err = tc.HandshakeContext(ctx)
	var cert *tlsverify.CertificateError
	if errors.As(err, &cert) {
		s.Fingerprint, err = cert.Fingerprint, nil
	}
	if err != nil {
		return nil, err
	}
	return s, nil
}

// probeImplicit opens a TLS connection and reads the greeting.
func (f *Finder) probeImplicit(ctx context.Context, c candidate, pinned string) error {
	raw, err := f.dialer().DialContext(ctx, "tcp", c.String())
	if err != nil {
		return err
	}
	defer raw.Close()
	setDeadline(ctx, raw)
	conn := tls.Client(raw, tlsverify.Config(tlsverify.Options{Host: c.host, Pinned: pinned, Roots: f.Roots}))
	if err := conn.HandshakeContext(ctx); err != nil {
		return err
	}
	p := newTalker(conn, c.imap)
	_, err = p.greeting()
	return err
}

func setDeadline(ctx context.Context, conn net.Conn) {
	if d, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(d)
	}
}

// ErrNotMail is returned when a port answers with something else.
var ErrNotMail = errors.New("not an IMAP or SMTP server")

// maxGreeting bounds what a probe reads from one server before TLS: a
// greeting and a capability list are a few hundred bytes.
const maxGreeting = 64 << 10

func newTalker(conn net.Conn, imap bool) *talker {
	return &talker{r: bufio.NewReader(io.LimitReader(conn, maxGreeting)), w: conn, imap: imap}
}

// talker speaks just enough IMAP (RFC 9051) and SMTP (RFC 5321) to read
// a greeting, ask for capabilities and start TLS.
type talker struct {
	r    *bufio.Reader
	w    net.Conn
	imap bool
}

func (t *talker) line() (string, error) {
	l, err := t.r.ReadString('\n')
	if len(l) > 4096 {
		return "", ErrNotMail
	}
	return strings.TrimRight(l, "\r\n"), err
}

// greeting reads the server's first words: "* OK" (or PREAUTH) for IMAP
// (RFC 9051 §7.1), a 220 reply for SMTP (RFC 5321 §4.2).
func (t *talker) greeting() (string, error) {
	if t.imap {
		l, err := t.line()
		if err != nil {
			return "", err
		}
		if !strings.HasPrefix(l, "* OK") && !strings.HasPrefix(l, "* PREAUTH") {
			return "", fmt.Errorf("greeting %q: %w", l, ErrNotMail)
		}
		return l, nil
	}
	return t.smtpReply("220")
}

// smtpReply reads a possibly multi-line reply ("250-..." ... "250 ...").
func (t *talker) smtpReply(code string) (string, error) {
	var all []string
	for {
		l, err := t.line()
		if err != nil {
			return "", err
		}
		if !strings.HasPrefix(l, code) {
			return "", fmt.Errorf("reply %q: %w", l, ErrNotMail)
		}
		all = append(all, l)
		if len(l) < 4 || l[3] != '-' {
			return strings.Join(all, "\n"), nil
		}
	}
}

// hello reads the greeting and asks whether STARTTLS is offered.
func (t *talker) hello() (starttls bool, err error) {
	greet, err := t.greeting()
	if err != nil {
		return false, err
	}
	if !t.imap {
		if _, err := fmt.Fprint(t.w, "EHLO postbridge.invalid\r\n"); err != nil {
			return false, err
		}
		caps, err := t.smtpReply("250")
		return strings.Contains(strings.ToUpper(caps), "STARTTLS"), err
	}
	if strings.Contains(strings.ToUpper(greet), " STARTTLS") {
		return true, nil
	}
	caps, err := t.imapCommand("p1 CAPABILITY")
	return strings.Contains(strings.ToUpper(caps), " STARTTLS"), err
}

// imapCommand sends a tagged command and collects lines up to its
// tagged OK.
func (t *talker) imapCommand(cmd string) (string, error) {
	tag := strings.Fields(cmd)[0]
	if _, err := fmt.Fprint(t.w, cmd+"\r\n"); err != nil {
		return "", err
	}
	var all []string
	for {
		l, err := t.line()
		if err != nil {
			return "", err
		}
		all = append(all, l)
		if strings.HasPrefix(l, tag+" ") {
			if !strings.HasPrefix(l, tag+" OK") {
				return "", fmt.Errorf("%s: %q: %w", cmd, l, ErrNotMail)
			}
			return strings.Join(all, "\n"), nil
		}
	}
}

// startTLS asks the server to start TLS (RFC 9051 §6.2.1, RFC 3207).
func (t *talker) startTLS() error {
	if t.imap {
		_, err := t.imapCommand("p2 STARTTLS")
		return err
	}
	if _, err := fmt.Fprint(t.w, "STARTTLS\r\n"); err != nil {
		return err
	}
	_, err := t.smtpReply("220")
	return err
}
