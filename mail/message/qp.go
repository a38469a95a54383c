package message

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
)

// qpReader decodes quoted-printable (RFC 2045 §6.7) exactly as Go's
// mime/quotedprintable.Reader does — the same lines from a 4 KiB
// bufio.Reader, the same leniencies (a soft break "=\n", a literal "="
// not followed by two hex digits, bytes of 0x80 and above) and the same
// errors, because stored text bodies must not change — but it decodes a
// line in one tight loop, a table lookup per byte, where the standard
// library makes several tests and slice updates per byte: decoding the
// text and HTML of office mail was a tenth of a first import's CPU
// (BENCHMARKS.md).
type qpReader struct {
	br   *bufio.Reader
	rerr error  // the last read error, returned once the line is used
	line []byte // to be decoded before more of br
}

func newQPReader(r io.Reader) *qpReader {
	return &qpReader{br: bufio.NewReader(r)}
}

func (r *qpReader) Read(p []byte) (n int, err error) {
	for len(p) > 0 {
		if len(r.line) == 0 {
			if r.rerr != nil {
				return n, r.rerr
			}
			r.nextLine()
			continue
		}
		j, k := qpDecode(p, r.line)
		p, r.line, n = p[j:], r.line[k:], n+j
		if len(p) == 0 || len(r.line) == 0 {
			continue
		}
		// r.line[0] is a byte that may not stand unencoded, or an "="
		// without two hex digits after it.
		if c := r.line[0]; c != '=' {
			return n, fmt.Errorf("quotedprintable: invalid unescaped byte 0x%02x in body", c)
		}
		b, err := qpHexByte(r.line[1:])
		switch {
		case err == nil:
			r.line = r.line[2:]
		case len(r.line) >= 2 && r.line[1] != '\r' && r.line[1] != '\n':
			b = '=' // not followed by two hex digits: a literal "="
		default:
			return n, err
		}
		p[0] = b
		p, r.line, n = p[1:], r.line[1:], n+1
	}
	return n, nil
}

// Classes of bytes in quoted-printable, for qpDecode.
const (
	qpStop   = iota // may not stand unencoded: a control character or DEL
	qpPlain         // stands for itself
	qpEscape        // "=", followed by two hex digits
)

var qpClass = func() (t [256]uint8) {
	for c := range t {
		switch {
		case c == '=':
			t[c] = qpEscape
		case c == '\t' || c == '\r' || c == '\n' || c >= ' ' && c != 0x7f:
			t[c] = qpPlain
		}
	}
	return t
}()

// qpHexValue is a hex digit's value, upper or lower case; 0xff for any
// other byte.
var qpHexValue = func() (t [256]uint8) {
	for c := range t {
		v, ok := qpHex(byte(c))
		t[c] = v
		if !ok {
			t[c] = 0xff
		}
	}
	return t
}()

// qpDecode decodes from src into dst what needs no decision — plain bytes
// and "=" with two hex digits — and returns how many bytes it wrote and
// read. It stops at anything else, which Read handles as the standard
// library does. One table lookup per byte, without a call: the escapes
// of accented text are too close together for runs to pay.
func qpDecode(dst, src []byte) (j, k int) {
	for k < len(src) && j < len(dst) {
		c := src[k]
		switch qpClass[c] {
		case qpPlain:
			dst[j] = c
			j, k = j+1, k+1
		case qpEscape:
			if k+2 >= len(src) {
				return j, k
			}
			hi, lo := qpHexValue[src[k+1]], qpHexValue[src[k+2]]
			if hi > 15 || lo > 15 {
				return j, k
			}
			dst[j] = hi<<4 | lo
			j, k = j+1, k+3
		default:
			return j, k
		}
	}
	return j, k
}

// nextLine reads the next line as mime/quotedprintable does: trailing
// blanks go, a soft line break (a last "=") joins the next line, and a
// hard line break is kept as it came, CRLF or LF.
func (r *qpReader) nextLine() {
	r.line, r.rerr = r.br.ReadSlice('\n')
	hasLF := bytes.HasSuffix(r.line, []byte("\n"))
	hasCR := bytes.HasSuffix(r.line, []byte("\r\n"))
	whole := r.line
	r.line = bytes.TrimRight(whole, " \t\r\n")
	if bytes.HasSuffix(r.line, []byte("=")) {
		stripped := bytes.TrimLeft(whole[len(r.line):], " \t")
		r.line = r.line[:len(r.line)-1]
		if !bytes.HasPrefix(stripped, []byte("\n")) && !bytes.HasPrefix(stripped, []byte("\r\n")) &&
			!(len(stripped) == 0 && len(r.line) > 0 && r.rerr == io.EOF) {
			r.rerr = fmt.Errorf("quotedprintable: invalid bytes after =: %q", stripped)
		}
	} else if hasLF {
		// The line end is written back where it was (the trimmed
		// blanks' place in the buffer), as the standard library does.
		if hasCR {
			r.line = append(r.line, '\r', '\n')
		} else {
			r.line = append(r.line, '\n')
		}
	}
}

// qpHexByte reads "=XY"'s two hex digits, upper or lower case, with the
// standard library's errors.
func qpHexByte(v []byte) (byte, error) {
	if len(v) < 2 {
		return 0, io.ErrUnexpectedEOF
	}
	hi, ok1 := qpHex(v[0])
	if !ok1 {
		return 0, fmt.Errorf("quotedprintable: invalid hex byte 0x%02x", v[0])
	}
	lo, ok2 := qpHex(v[1])
	if !ok2 {
		return 0, fmt.Errorf("quotedprintable: invalid hex byte 0x%02x", v[1])
	}
	return hi<<4 | lo, nil
}

func qpHex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	}
	return 0, false
}
