package message

import (
	"bytes"
	"io"
	"mime"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/emersion/go-message/charset"
	"golang.org/x/text/encoding/charmap"

	"postbridge/problem"
)

// maxWarnings keeps a message with thousands of broken parts from filling
// the sync log; the first ones say enough.
const maxWarnings = 20

// decoder turns bytes of unknown quality into UTF-8 text and collects the
// warnings on the way.
type decoder struct {
	warnings []problem.P
	seen     map[string]bool
}

// warn notes a problem of kind with its arguments as name, value pairs;
// the same problem twice is noted once.
func (d *decoder) warn(kind string, pairs ...string) {
	w := problem.New(kind, pairs...)
	key := w.String()
	if d.seen[key] {
		return
	}
	if d.seen == nil {
		d.seen = make(map[string]bool)
	}
	d.seen[key] = true
	switch {
	case len(d.warnings) < maxWarnings:
		d.warnings = append(d.warnings, w)
	case len(d.warnings) == maxWarnings:
		d.warnings = append(d.warnings, problem.New(WarnMore))
	}
}

// charsetReader converts from any charset go-message knows and, unlike
// charset.Reader, never fails: an unknown charset is read as if it were
// UTF-8, repaired by fixUTF8, and reported. RFC 2231 §5 allows a language
// after the charset in encoded-words ("utf-8*en"), which is dropped here.
func (d *decoder) charsetReader(cs string, in io.Reader) (io.Reader, error) {
	cs, _, _ = strings.Cut(strings.ToLower(strings.TrimSpace(cs)), "*")
	switch cs {
	case "", "utf-8", "utf8", "us-ascii", "ascii":
		return in, nil
	}
	if r, err := charset.Reader(cs, in); err == nil {
		return r, nil
	}
	d.warn(WarnUnknownCharset, "A", clip(cs, 40))
	return in, nil
}

// convert decodes b from charset cs into clean UTF-8.
func (d *decoder) convert(cs string, b []byte) string {
	r, _ := d.charsetReader(cs, bytes.NewReader(b))
	out, err := io.ReadAll(r)
	if err != nil {
		d.warn(WarnCharset, "A", clip(cs, 40), "B", err.Error())
	}
	return fixUTF8(out)
}

// words decodes RFC 2047 encoded-words in any charset. A word that is not
// well formed stays as it is (RFC 2047 §6.3).
func (d *decoder) words(s string) string {
	if !strings.Contains(s, "=?") {
		return s
	}
	wd := mime.WordDecoder{CharsetReader: d.charsetReader}
	out, err := wd.DecodeHeader(s)
	if err != nil {
		return s
	}
	return fixUTF8([]byte(out))
}

// text decodes an unstructured header field (RFC 5322 §3.2.5) for display:
// raw 8-bit bytes become UTF-8 first, then encoded-words are decoded, then
// line breaks and control characters go.
func (d *decoder) text(v string) string {
	return oneLine(d.words(fixUTF8([]byte(v))))
}

// fixUTF8 returns b as valid UTF-8. RFC 6532 allows raw UTF-8 in headers
// and it is kept; any other byte is taken as windows-1252, the superset of
// ISO-8859-1 that mailers without a declared charset actually send. Each
// invalid byte is mapped on its own, so a mostly UTF-8 text with one stray
// Latin-1 byte keeps its UTF-8. NUL bytes are dropped.
func fixUTF8(b []byte) string {
	if utf8.Valid(b) && bytes.IndexByte(b, 0) < 0 {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/8)
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && n <= 1:
			sb.WriteRune(charmap.Windows1252.DecodeByte(b[0]))
			n = 1
		case r != 0:
			sb.Write(b[:n])
		}
		b = b[n:]
	}
	return sb.String()
}

// oneLine folds a header value onto one line: CR, LF and tab become a
// space, other control and format characters (bidi overrides among them)
// are removed, runs of spaces collapse.
func oneLine(s string) string {
	var sb strings.Builder
	sb.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '\r' || r == '\n' || r == '\t' || r == ' ':
			space = sb.Len() > 0
			continue
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			continue
		}
		if space {
			sb.WriteByte(' ')
			space = false
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// truncateUTF8 cuts s to at most n bytes without splitting a character.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// clip shortens a value that is quoted in a warning.
func clip(s string, n int) string {
	s = oneLine(fixUTF8([]byte(s)))
	if len(s) <= n {
		return s
	}
	return truncateUTF8(s, n) + "…"
}
