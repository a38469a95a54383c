package message

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
)

// qpReader decodes quoted-printable (RFC 2045 §6.7) exactly as Go's
// mime/quotedprintable.Reader does — the same lines from a 4 KiB
// bufio.Reader, the same leniencies (a soft break "=\n", a literal "="
// not followed by two hex digits, bytes of 0x80 and above) and the same
// errors, because stored text bodies must not change — but it copies the
// runs between two "=" whole instead of one byte per step: decoding the
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
		run := r.line[:min(len(r.line), len(p))]
		if i := bytes.IndexByte(run, '='); i >= 0 {
			run = run[:i]
		}
		if bad := qpInvalid(run); bad >= 0 {
			c := copy(p, run[:bad])
			r.line = r.line[c:]
			return n + c, fmt.Errorf("quotedprintable: invalid unescaped byte 0x%02x in body", run[bad])
		}
		c := copy(p, run)
		p, r.line, n = p[c:], r.line[c:], n+c
		if len(p) == 0 || len(r.line) == 0 {
			continue
		}
		// r.line[0] is '='.
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

// qpInvalid returns the index of the first byte in b that may not stand
// unencoded in quoted-printable — a control character other than tab,
// CR and LF, or DEL — or -1. Bytes of 0x80 and above are accepted, as by
// the standard library. Eight bytes are tested at once; only a word with
// a byte below 0x20 or a DEL in it is looked at byte by byte.
func qpInvalid(b []byte) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for i := 0; i < len(b); {
		if i+8 <= len(b) {
			x := binary.LittleEndian.Uint64(b[i:])
			below := (x - 0x20*ones) &^ x & highs // a byte < 0x20
			y := x ^ 0x7f*ones
			del := (y - ones) &^ y & highs // a byte == 0x7f
			if below|del == 0 {
				i += 8
				continue
			}
		}
		for end := min(i+8, len(b)); i < end; i++ {
			if c := b[i]; c < ' ' && c != '\t' && c != '\r' && c != '\n' || c == 0x7f {
				return i
			}
		}
	}
	return -1
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
