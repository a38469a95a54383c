package imapsync

import (
	"bytes"
	"fmt"
	"math"

	"postbridge/mail/mailerr"
)

// wireScan follows one direction of an IMAP conversation well enough to
// tell where each line begins: a line ending in "{n}" (or "{n+}",
// "~{n}": RFC 9051 §4.3, RFC 7888) is followed by n bytes of literal and
// then goes on, so that a literal's bytes are never taken for a line.
type wireScan struct {
	literal int64  // bytes of a literal still to come
	line    int64  // bytes of the current line so far, its literals included
	grant   int64  // literal bytes of the current line that may pass maxLine
	head    []byte // the line's first bytes
	inFirst bool   // the line's first segment (up to its first CRLF) is not over
	tail    []byte // the segment's last bytes, where "{n}" would be
}

const (
	headMax = 32
	tailMax = 24
)

func newWireScan() wireScan {
	return wireScan{inFirst: true, head: make([]byte, 0, headMax), tail: make([]byte, 0, tailMax)}
}

// feed follows p. first is called with a line's head once its first
// segment has ended; a line longer than maxLine (0: no limit), granted
// literals aside, is an error.
func (w *wireScan) feed(p []byte, maxLine int64, first func(head []byte)) error {
	for len(p) > 0 {
		if w.literal > 0 {
			k := min(w.literal, int64(len(p)))
			w.literal -= k
			w.line += k
			p = p[k:]
			if err := w.check(maxLine); err != nil {
				return err
			}
			continue
		}
		seg := p
		end := bytes.IndexByte(p, '\n')
		if end >= 0 {
			seg = p[:end+1]
		}
		p = p[len(seg):]
		w.line += int64(len(seg))
		if w.inFirst && len(w.head) < headMax {
			w.head = append(w.head, seg[:min(len(seg), headMax-len(w.head))]...)
		}
		w.tail = appendTail(w.tail, seg)
		if err := w.check(maxLine); err != nil {
			return err
		}
		if end < 0 {
			continue
		}
		if w.inFirst {
			first(w.head)
			w.inFirst = false
		}
		if n, ok := literalAt(w.tail); ok {
			w.literal = n
			w.tail = w.tail[:0]
			continue
		}
		w.line, w.grant, w.head, w.tail, w.inFirst = 0, 0, w.head[:0], w.tail[:0], true
	}
	return nil
}

func (w *wireScan) check(maxLine int64) error {
	if maxLine > 0 && w.line-w.grant > maxLine {
		return fmt.Errorf("%w: a response line of more than %d bytes", mailerr.ErrResponseTooLarge, maxLine)
	}
	return nil
}

// appendTail keeps the last tailMax bytes of t and seg.
func appendTail(t, seg []byte) []byte {
	if len(seg) >= tailMax {
		return append(t[:0], seg[len(seg)-tailMax:]...)
	}
	t = append(t, seg...)
	if len(t) > tailMax {
		t = t[:copy(t, t[len(t)-tailMax:])]
	}
	return t
}

// literalAt reads the n of a segment ending in "{n}\r\n" (also "{n+}"
// and "{n-}", RFC 7888). A number too large for int64 counts as the
// largest: its literal never ends.
func literalAt(seg []byte) (int64, bool) {
	seg = bytes.TrimSuffix(seg, []byte("\n"))
	seg = bytes.TrimSuffix(seg, []byte("\r"))
	if len(seg) < 3 || seg[len(seg)-1] != '}' {
		return 0, false
	}
	seg = seg[:len(seg)-1]
	if c := seg[len(seg)-1]; c == '+' || c == '-' {
		seg = seg[:len(seg)-1]
	}
	open := bytes.LastIndexByte(seg, '{')
	digits := seg[open+1:]
	if open < 0 || len(digits) == 0 {
		return 0, false
	}
	var n int64
	for _, d := range digits {
		if d < '0' || d > '9' {
			return 0, false
		}
		if n > (math.MaxInt64-9)/10 {
			n = math.MaxInt64
			continue
		}
		n = n*10 + int64(d-'0')
	}
	return n, true
}
