package message

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strconv"

	"github.com/emersion/go-message/textproto"
)

const (
	// maxFieldBytes bounds one header field with its folded lines. RFC 5322
	// §2.1.1 limits a line to 998 characters; 128 KiB still holds a To list
	// of a few thousand addresses. A longer field is dropped, not the mail.
	maxFieldBytes = 128 << 10
	// maxHeaderBytes bounds the whole header block, as go-message's
	// default does, after oversized fields have been dropped.
	maxHeaderBytes = 1 << 20
)

// header is a parsed header block, with go-message's type kept inside.
type header struct {
	textproto.Header
}

// splitHeader finds the header block at the start of raw and reads it. It
// is forgiving where real mail is broken: an mbox "From " line is skipped,
// a header that ends without the blank line of RFC 5322 §2.1 ends at the
// first line that is not a field, and oversized fields are dropped. It
// returns the header, the body and whether any field was found at all.
func splitHeader(raw []byte, d *decoder) (header, []byte, bool) {
	start := 0
	if bytes.HasPrefix(raw, []byte("From ")) && !isFieldLine(raw[:lineEnd(raw, 0)]) {
		start = lineEnd(raw, 0)
	}
	hb := headerBlock{raw: raw, start: start, fieldStart: -1, d: d}
	pos, body := start, len(raw)
loop:
	for pos < len(raw) {
		end := lineEnd(raw, pos)
		line := raw[pos:end]
		switch {
		case isBlank(line):
			body = end
			break loop
		case (line[0] == ' ' || line[0] == '\t') && hb.fieldStart >= 0:
			// A folded continuation of the current field (RFC 5322 §2.2.3).
		case isFieldLine(line):
			hb.flush(pos)
			hb.fieldStart = pos
		default:
			body = pos
			if hb.fieldStart >= 0 {
				d.warn(WarnHeaderNoBlankLine)
			}
			break loop
		}
		pos = end
	}
	hb.flush(pos)
	block := hb.block
	if !hb.dropped {
		block = raw[start:pos]
	}
	return readHeader(block, d), raw[body:], hb.fields > 0
}

// headerBlock collects the fields of a header, leaving out the oversized.
// While none is left out, block stays nil and the raw bytes are used as
// they are, without a copy.
type headerBlock struct {
	raw               []byte
	start, fieldStart int
	block             []byte
	kept, fields      int
	dropped           bool
	d                 *decoder
}

// flush ends the current field just before end.
func (hb *headerBlock) flush(end int) {
	if hb.fieldStart < 0 {
		return
	}
	f := hb.raw[hb.fieldStart:end]
	hb.fields++
	switch {
	case len(f) > maxFieldBytes:
		hb.d.warn(WarnHeaderFieldDropped, "Field", clip(fieldName(f), 40), "Size", strconv.Itoa(len(f)), "Limit", strconv.Itoa(maxFieldBytes))
	case hb.kept+len(f) > maxHeaderBytes:
		hb.d.warn(WarnHeaderTooLarge, "Limit", strconv.Itoa(maxHeaderBytes))
	default:
		hb.kept += len(f)
		if hb.dropped {
			hb.block = append(hb.block, f...)
		}
		return
	}
	if !hb.dropped {
		hb.block = append([]byte(nil), hb.raw[hb.start:hb.fieldStart]...)
		hb.dropped = true
	}
}

// readHeader hands a checked header block to go-message.
func readHeader(block []byte, d *decoder) header {
	if len(block) > 0 && block[len(block)-1] != '\n' {
		// textproto drops a last field that has no line end.
		block = append(block[:len(block):len(block)], '\r', '\n')
	}
	h, err := textproto.ReadHeader(bufio.NewReader(bytes.NewReader(block)))
	if err != nil && !errors.Is(err, io.EOF) {
		d.warn(WarnHeader, "Detail", clip(err.Error(), 120))
	}
	return header{h}
}

// lineEnd returns the index just past the LF ending the line at pos.
func lineEnd(b []byte, pos int) int {
	if i := bytes.IndexByte(b[pos:], '\n'); i >= 0 {
		return pos + i + 1
	}
	return len(b)
}

func isBlank(line []byte) bool {
	return len(bytes.TrimRight(line, "\r\n")) == 0
}

// isFieldLine reports whether line starts a header field: a name of
// printable ASCII other than colon, then a colon (RFC 5322 §2.2). Spaces
// before the colon occur in the wild and are accepted, as go-message does.
func isFieldLine(line []byte) bool {
	i := bytes.IndexByte(line, ':')
	if i <= 0 {
		return false
	}
	name := bytes.TrimRight(line[:i], " \t")
	if len(name) == 0 {
		return false
	}
	for _, c := range name {
		if c < 33 || c > 126 {
			return false
		}
	}
	return true
}

func fieldName(f []byte) string {
	name, _, _ := bytes.Cut(f, []byte(":"))
	return string(name)
}
