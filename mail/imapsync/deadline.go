package imapsync

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"postbridge/mail/mailerr"
)

// Deadlines and bounds on one IMAP connection, so that a server that
// stops answering or sends without end cannot hang a sync or fill its
// memory.
//
// go-imap reads the server on a goroutine of its own that always waits
// for the next response, so a deadline cannot simply be set around a
// call. guard, the net.Conn that go-imap reads and writes through, knows
// instead from the wire itself when a command is outstanding: it sees
// each tagged command the client writes ("T12 FETCH ...") and each
// tagged response that ends one ("T12 OK ..."), stepping over literals
// by their announced length (RFC 9051 §4.3), so that a literal's bytes
// are never taken for a line. The greeting counts as outstanding until
// it has come (RFC 9051 §7.1).
//
// While a command is outstanding, every read must bring a byte within
// the account's timeout: bytes that keep arriving keep the connection
// alive (a long literal on a slow link), silence closes it, and the
// command fails with mailerr.ErrTimeout. With nothing outstanding —
// between commands, and in IDLE once the server has answered "+"
// (RFC 2177 §3) — the connection may stay silent as long as it likes;
// "DONE" makes the IDLE outstanding again until its tagged OK. A write
// must progress within the timeout too. go-imap's own deadlines (30 s
// per response, 5 minutes per literal whatever its progress) are replaced
// by these: SetReadDeadline and SetWriteDeadline are no-ops here.
//
// Bounds: the commands outstanding may bring baseBudget bytes and
// perMessageBytes for each message of the largest folder selected (its
// EXISTS: a SEARCH, a FETCH of sizes or flags, the EXPUNGEs of a MOVE
// grow with the folder), plus what the engine grants for a body it
// accepted (its announced size, bounds.go). One response line,
// its literals included, may not pass maxLine unless a literal of it was
// granted. A server that sends more — an endless stream of untagged
// lines, a LIST literal of a terabyte — has the connection closed and the
// command fails with mailerr.ErrResponseTooLarge. So memory stays bounded by
// maxLine (go-imap buffers a line's strings) whatever the server sends.
type guard struct {
	net.Conn
	timeout time.Duration
	// greeting is read before the connection's own bytes: after our own
	// STARTTLS (starttls.go) the server sends none, and go-imap waits for one.
	greeting []byte

	mu      sync.Mutex
	pending int  // commands written and not answered yet; 1 for the greeting at first
	greeted bool // the first line has come
	idleCmd bool // the last command written is IDLE
	idling  bool // the server has accepted IDLE: silence is allowed
	in, out wireScan
	used    int64 // bytes read since nothing was outstanding
	allowed int64 // what the commands outstanding may bring
	failure error // why the guard closed the connection
	// uidValidity is the last UIDVALIDITY a SELECT or EXAMINE reported
	// (RFC 9051 §7.1: "* OK [UIDVALIDITY n]"): the engine's folder code
	// asks go-imap for SELECT, whose answer keeps it to itself, and the
	// refusals (bounds.go) are recorded under it.
	uidValidity uint32
	exists      int64 // the largest EXISTS seen ("* n EXISTS", RFC 9051 §7.4.1)
}

const (
	// baseBudget bounds what a command's responses may add up to before
	// the folder's size and the grants are counted.
	baseBudget = 2 << 20
	// perMessageBytes is what one message may add to a command's
	// responses: "* 123456 FETCH (UID 123456 RFC822.SIZE 12345678)", a
	// UID in a SEARCH, an EXPUNGE, and the like.
	perMessageBytes = 128
	// maxExists caps the EXISTS counted, so that a server announcing four
	// billion messages does not lift the budget with it.
	maxExists = 10_000_000
	// maxLine bounds one response line with its literals, unless a
	// literal of it was granted (a message body).
	maxLine = 16 << 20
)

func newGuard(c net.Conn, timeout time.Duration, greeting []byte) *guard {
	return &guard{Conn: c, timeout: timeout, greeting: greeting, pending: 1,
		in: newWireScan(), out: newWireScan(), allowed: baseBudget}
}

// Read reads from the server, with the deadline when a command waits.
func (g *guard) Read(p []byte) (int, error) {
	if len(g.greeting) > 0 {
		// Only go-imap's reading goroutine reads. The greeting is
		// followed like the server's own lines: it ends the wait for one.
		n := copy(p, g.greeting)
		g.greeting = g.greeting[n:]
		g.mu.Lock()
		defer g.mu.Unlock()
		return n, g.in.feed(p[:n], maxLine, g.inboundLine)
	}
	g.mu.Lock()
	if g.failure != nil {
		g.mu.Unlock()
		return 0, g.failure
	}
	// Set under the lock, so that a command written meanwhile (Write)
	// cannot have its deadline undone by this one.
	g.armLocked()
	g.mu.Unlock()
	n, err := g.Conn.Read(p)
	g.mu.Lock()
	defer g.mu.Unlock()
	if n > 0 {
		g.used += int64(n)
		if ferr := g.in.feed(p[:n], maxLine, g.inboundLine); ferr != nil || g.used > g.budgetLocked() {
			if ferr == nil {
				ferr = fmt.Errorf("%w: more than %d bytes for one command", mailerr.ErrResponseTooLarge, g.budgetLocked())
			}
			return 0, g.failLocked(ferr)
		}
	}
	if err != nil && errors.Is(err, os.ErrDeadlineExceeded) {
		return n, g.failLocked(fmt.Errorf("%w: the server stopped answering (nothing for %s while a command waited)", mailerr.ErrTimeout, g.timeout))
	}
	return n, err
}

// Write sends to the server; a command written arms the read deadline.
func (g *guard) Write(p []byte) (int, error) {
	g.mu.Lock()
	if g.failure != nil {
		g.mu.Unlock()
		return 0, g.failure
	}
	g.out.feed(p, 0, g.outboundLine)
	if g.pending > 0 && !g.idling {
		// The reader may be blocked in a Read begun with no deadline:
		// this one applies to it too (net.Conn's deadlines do).
		g.armLocked()
	}
	g.mu.Unlock()
	g.Conn.SetWriteDeadline(time.Now().Add(g.timeout))
	n, err := g.Conn.Write(p)
	if err != nil && errors.Is(err, os.ErrDeadlineExceeded) {
		g.mu.Lock()
		defer g.mu.Unlock()
		return n, g.failLocked(fmt.Errorf("%w: the server stopped taking data (for %s)", mailerr.ErrTimeout, g.timeout))
	}
	return n, err
}

// SetReadDeadline ignores go-imap's deadlines: the guard sets its own.
func (g *guard) SetReadDeadline(time.Time) error { return nil }

// SetWriteDeadline ignores go-imap's deadlines: the guard sets its own.
func (g *guard) SetWriteDeadline(time.Time) error { return nil }

// SetDeadline ignores go-imap's deadlines: the guard sets its own.
func (g *guard) SetDeadline(time.Time) error { return nil }

func (g *guard) armLocked() {
	if g.pending > 0 && !g.idling {
		g.Conn.SetReadDeadline(time.Now().Add(g.timeout))
	} else {
		g.Conn.SetReadDeadline(time.Time{})
	}
}

// failLocked records why the connection ends and closes it, which also
// ends a write waiting on it.
func (g *guard) failLocked(err error) error {
	if g.failure == nil {
		g.failure = err
	}
	g.Conn.Close()
	return g.failure
}

// failed is why the guard closed the connection, nil when it did not.
func (g *guard) failed() error {
	if g == nil {
		return nil
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.failure
}

// fail closes the connection for err (a message refused mid-stream).
func (g *guard) fail(err error) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.failLocked(err)
}

// grant lets the commands outstanding bring n bytes more. literal says
// the n bytes are a literal of the response being read, which may then
// pass maxLine.
func (g *guard) grant(n int64, literal bool) {
	if g == nil {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.allowed += n
	if literal {
		g.in.grant += n
	}
}

// inboundLine follows a response by its first bytes.
func (g *guard) inboundLine(head []byte) {
	switch {
	case !g.greeted:
		g.greeted = true
		g.doneLocked()
	case len(head) > 0 && head[0] == '*':
		// untagged data: part of what the command outstanding brings
		if v, ok := uidValidityIn(head); ok {
			g.uidValidity = v
		}
		if n, ok := existsIn(head); ok {
			g.exists = max(g.exists, min(n, maxExists))
		}
	case len(head) > 0 && head[0] == '+':
		if g.idleCmd {
			g.idling = true
		}
	default:
		// A tagged response ends its command; with IDLE outstanding
		// no other command can be (RFC 2177 §3).
		g.idleCmd, g.idling = false, false
		g.doneLocked()
	}
}

// doneLocked counts one outstanding command (or the greeting) as ended.
func (g *guard) doneLocked() {
	if g.pending > 0 {
		g.pending--
	}
	if g.pending == 0 {
		g.used, g.allowed = 0, baseBudget
	}
}

// outboundLine follows a command line by its first bytes: a tag starts a
// command (go-imap's tags are "T" and a number), "DONE" ends IDLE.
func (g *guard) outboundLine(head []byte) {
	if name, ok := commandName(head); ok {
		g.pending++
		g.idleCmd = name == "IDLE"
		return
	}
	if len(head) >= 4 && string(head[:4]) == "DONE" {
		g.idling = false
	}
}

// commandName is the command of a tagged line "T<n> NAME ...".
func commandName(head []byte) (string, bool) {
	if len(head) < 3 || head[0] != 'T' {
		return "", false
	}
	i := 1
	for i < len(head) && head[i] >= '0' && head[i] <= '9' {
		i++
	}
	if i == 1 || i >= len(head) || head[i] != ' ' {
		return "", false
	}
	name := head[i+1:]
	for j, b := range name {
		if b == ' ' || b == '\r' || b == '\n' {
			name = name[:j]
			break
		}
	}
	return string(name), true
}

// selectedUIDValidity is the UIDVALIDITY of the folder selected last.
func (g *guard) selectedUIDValidity() uint32 {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.uidValidity
}

// uidValidityIn reads "* OK [UIDVALIDITY n]".
func uidValidityIn(head []byte) (uint32, bool) {
	const prefix = "* OK [UIDVALIDITY "
	if len(head) <= len(prefix) || !bytes.EqualFold(head[:len(prefix)], []byte(prefix)) {
		return 0, false
	}
	digits := head[len(prefix):]
	if end := bytes.IndexByte(digits, ']'); end > 0 {
		v, err := strconv.ParseUint(string(digits[:end]), 10, 32)
		return uint32(v), err == nil
	}
	return 0, false
}

// budgetLocked is what the commands outstanding may bring.
func (g *guard) budgetLocked() int64 { return g.allowed + g.exists*perMessageBytes }

// existsIn reads "* n EXISTS".
func existsIn(head []byte) (int64, bool) {
	if !bytes.Contains(head, []byte("EXISTS")) && !bytes.Contains(head, []byte("exists")) {
		return 0, false // most lines, cheaply
	}
	f := strings.Fields(string(head))
	if len(f) < 3 || f[0] != "*" || !strings.EqualFold(f[2], "EXISTS") {
		return 0, false
	}
	n, err := strconv.ParseInt(f[1], 10, 64)
	return n, err == nil
}
