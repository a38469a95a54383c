package message

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"math/rand"
	"mime/quotedprintable"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
)

// oldBase64 is how base64 bodies were decoded before: a filter
// that passed on the characters of the alphabet one by one, in front of
// encoding/base64. The new decoder must give the same bytes and errors:
// an attachment's bytes decide its hash and file, and a warning's text
// is shown in the sync log.
func oldBase64(r io.Reader) io.Reader {
	return base64.NewDecoder(base64.RawStdEncoding, &oldBase64Filter{r: r})
}

// oldQP is how quoted-printable bodies were decoded before.
func oldQP(r io.Reader) io.Reader { return quotedprintable.NewReader(r) }

type oldBase64Filter struct{ r io.Reader }

func (f *oldBase64Filter) Read(p []byte) (int, error) {
	for {
		n, err := f.r.Read(p)
		k := 0
		for _, c := range p[:n] {
			if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' {
				p[k] = c
				k++
			}
		}
		if k > 0 || err != nil {
			return k, err
		}
	}
}

// decodeAll reads r to its end through softReader, as the walk does, and
// returns the bytes and the error that ended them ("" at a clean end).
func decodeAll(r io.Reader) (string, string) {
	s := &softReader{r: r}
	b, _ := io.ReadAll(s)
	if s.err != nil {
		return string(b), s.err.Error()
	}
	return string(b), ""
}

// readers are ways the encoded bytes reach a decoder: whole, a byte at a
// time, in halves, with the last bytes and the end together, and cut off
// by an error that is not the end.
var readers = []struct {
	name string
	wrap func(string) io.Reader
}{
	{"whole", func(s string) io.Reader { return strings.NewReader(s) }},
	{"bytewise", func(s string) io.Reader { return iotest.OneByteReader(strings.NewReader(s)) }},
	{"halves", func(s string) io.Reader { return iotest.HalfReader(strings.NewReader(s)) }},
	{"data+EOF", func(s string) io.Reader { return iotest.DataErrReader(strings.NewReader(s)) }},
	{"broken", func(s string) io.Reader {
		return io.MultiReader(strings.NewReader(s), iotest.ErrReader(io.ErrUnexpectedEOF))
	}},
}

// base64Cases are bodies as mail has them, well and badly formed.
func base64Cases() map[string]string {
	rnd := rand.New(rand.NewSource(1))
	data := make([]byte, 100_000)
	rnd.Read(data)
	enc := base64.StdEncoding.EncodeToString(data)
	lines := func(s string, width int, eol string) string {
		var b strings.Builder
		for len(s) > width {
			b.WriteString(s[:width] + eol)
			s = s[width:]
		}
		return b.String() + s + eol
	}
	crlf := lines(enc, 76, "\r\n")
	cases := map[string]string{
		"empty":          "",
		"crlf 76":        crlf,
		"lf 76":          lines(enc, 76, "\n"),
		"one line":       enc,
		"lines of 1000":  lines(enc, 1000, "\r\n"),
		"lines of 77":    lines(enc, 77, "\r\n"), // groups of four across lines
		"lines of 5":     lines(enc, 5, "\n"),
		"mixed ends":     strings.Replace(crlf, "\r\n", "\n", 500),
		"lone CR":        strings.Replace(crlf, "\r\n", "\r", 40),
		"CR in a line":   crlf[:1000] + "\r" + crlf[1000:],
		"no padding":     lines(base64.RawStdEncoding.EncodeToString(data[:1000]), 76, "\r\n"),
		"padding inside": "QQ==QQ==\r\nQUJD\r\n",
		"bad padding":    "QUJDRA=\r\n",
		"padding only":   "====\r\n",
		"one char left":  "QUJDR\r\n",
		"two chars left": "QUJDRA\r\n",
		"spaces":         strings.ReplaceAll(crlf[:5000], "A", " A") + "  \r\n \t\r\n",
		"trailing blank": lines(enc[:4000], 76, " \r\n"),
		"stray chars":    "QU*JD-RE#VG!\r\nSE%lK\r\n",
		"non-ascii":      "QUJD\xc3\xa9RA==\r\n\x00\xffRUZH\r\n",
		"garbage lines":  crlf[:760] + "this is no base64!\r\n" + crlf[760:2000],
		"url alphabet":   "QUJD-_RA\r\n",
		"blank lines":    "\r\n\r\n" + crlf[:780] + "\r\n\r\n",
		"trailing text":  crlf[:2000] + "--\r\nsigned by nobody\r\n",
	}
	// Many tails: every length of the last group, with and without "=".
	for n := 0; n < 12; n++ {
		cases[fmt.Sprintf("tail %d", n)] = lines(enc[:4*b64Chunk/3+n], 76, "\r\n")
	}
	return cases
}

func TestBase64MatchesOldDecoder(t *testing.T) {
	cases := base64Cases()
	for name, body := range cases {
		for _, r := range readers {
			wantData, wantErr := decodeAll(oldBase64(r.wrap(body)))
			gotData, gotErr := decodeAll(newB64Reader(r.wrap(body)))
			if gotData != wantData || gotErr != wantErr {
				t.Errorf("%s, read %s: got %d bytes, error %q; want %d bytes, error %q",
					name, r.name, len(gotData), gotErr, len(wantData), wantErr)
			}
		}
	}
}

// TestBase64MatchesStandardLibrary: well-formed bodies decode as
// encoding/base64 decodes them.
func TestBase64MatchesStandardLibrary(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 57, 58, 1000, 100_000} {
		data := bytes.Repeat([]byte{0xfb, 0x00, 'x', 0x7f, 0x80}, n/5+1)[:n]
		enc := base64.StdEncoding.EncodeToString(data)
		var b strings.Builder
		for len(enc) > 76 {
			b.WriteString(enc[:76] + "\r\n")
			enc = enc[76:]
		}
		b.WriteString(enc + "\r\n")
		got, gotErr := decodeAll(newB64Reader(strings.NewReader(b.String())))
		if got != string(data) || gotErr != "" {
			t.Errorf("%d bytes: got %d bytes, error %q", n, len(got), gotErr)
		}
	}
}

// TestDecodersMatchOldOnMail walks real mail — the fixtures, the
// genmail corpus — with the old and the new decoders and compares every
// part's decoded bytes.
func TestDecodersMatchOldOnMail(t *testing.T) {
	var mails [][]byte
	files, _ := filepath.Glob(filepath.Join("testdata", "*.eml"))
	for _, f := range files {
		mails = append(mails, readFixture(t, filepath.Base(f)))
	}
	corpus, _ := genmailMessages(t)
	mails = append(mails, corpus...)
	parts := 0
	for i, raw := range mails {
		got, want := decodedParts(raw, false), decodedParts(raw, true)
		if len(got) != len(want) {
			t.Fatalf("mail %d: %d parts, want %d", i, len(got), len(want))
		}
		for j := range got {
			if got[j] != want[j] {
				t.Errorf("mail %d, part %d: the decoded bytes differ from the old decoder's", i, j)
			}
		}
		parts += len(got)
	}
	if parts < 400 {
		t.Errorf("only %d parts compared", parts)
	}
}

// decodedParts is every leaf of raw, decoded from its transfer encoding,
// with the error that ended it.
func decodedParts(raw []byte, old bool) []string {
	var out []string
	if old {
		b64, qp := decodeBase64, decodeQP
		decodeBase64, decodeQP = oldBase64, oldQP
		defer func() { decodeBase64, decodeQP = b64, qp }()
	}
	d := &decoder{}
	w := walker{d: d, visit: func(l *leaf) error {
		b, _ := io.ReadAll(l.body)
		out = append(out, l.section+" "+string(b))
		return nil
	}}
	h, body, _ := splitHeader(raw, d)
	w.entity(h, bytes.NewReader(body), "", "text/plain", 0)
	return append(out, warningStrings(d.warnings)...)
}

// qpCases are quoted-printable bodies as mail has them, well and badly
// formed.
func qpCases() map[string]string {
	text := strings.Repeat("Offerte voor de café=C3=A9 m=C3=B8te, örtlich=\r\n bouw planning\r\n", 300)
	cases := map[string]string{
		"empty":              "",
		"crlf":               text,
		"lf":                 strings.ReplaceAll(text, "\r\n", "\n"),
		"mixed ends":         strings.Replace(text, "\r\n", "\n", 100),
		"soft break at end":  "abc=",
		"soft break, blanks": "abc= \t\r\ndef=  \ndef\r\n",
		"bytes after =":      "abc= x\r\ndef\r\n",
		"lower-case hex":     "caf=c3=a9\r\n",
		"bad hex":            "a=XYb=4\r\n=G0\r\n",
		"= before line end":  "ab=\rcd\r\n",
		"= then CR":          "ab=4\r\n",
		"literal ==":         "a==b=3D=\r\n",
		"control char":       "abc\x01def\r\n",
		"DEL":                "abcdefghijk\x7fl\r\n",
		"tab and CR inside":  "a\tb\rc\td\r\n",
		"trailing blanks":    "abc  \t \r\ndef \n",
		"8-bit":              "Gr\xfc\xdfe \xc3\xa9\r\n",
		"NUL":                "ab\x00cd\r\n",
		"lines of 100":       strings.Repeat(strings.Repeat("x", 100)+"\r\n", 50),
		"line of 5000":       strings.Repeat("abcd", 1250) + "\r\nmore\r\n",
		"line of 4096":       strings.Repeat("a", 4095) + "\nb\n",
		"long soft lines":    strings.Repeat(strings.Repeat("y", 200)+"=\r\n", 40),
		"only line ends":     "\r\n\n\r\n\r",
		"escaped line ends":  "a=0D=0Ab\r\n",
	}
	return cases
}

func TestQPMatchesStandardLibrary(t *testing.T) {
	for name, body := range qpCases() {
		for _, r := range readers {
			wantData, wantErr := decodeAll(quotedprintable.NewReader(r.wrap(body)))
			gotData, gotErr := decodeAll(newQPReader(r.wrap(body)))
			if gotData != wantData || gotErr != wantErr {
				t.Errorf("%s, read %s: got %q…, error %q; want %q…, error %q",
					name, r.name, clip(gotData, 40), gotErr, clip(wantData, 40), wantErr)
			}
		}
	}
}

// TestDecodersMatchOnRandomInput feeds both decoders random bodies made
// of the characters that matter to them, in small reads and large.
func TestDecodersMatchOnRandomInput(t *testing.T) {
	rnd := rand.New(rand.NewSource(22))
	qpChars := "aZ09 \t\r\n===ABCDEFabcdefXx\x00\x01\x7f\x80\xc3\xa9-"
	b64Chars := "QUJDRA==\r\n\r\n+/aZ09 \t*-_\x00\xff"
	gen := func(alphabet string, n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[rnd.Intn(len(alphabet))]
		}
		return string(b)
	}
	for i := 0; i < 3000; i++ {
		n := rnd.Intn(200)
		if i%100 == 0 {
			n = rnd.Intn(70_000)
		}
		qp, b64 := gen(qpChars, n), gen(b64Chars, n)
		r := readers[i%len(readers)]
		if g, w := pair(decodeAll(newQPReader(r.wrap(qp)))), pair(decodeAll(quotedprintable.NewReader(r.wrap(qp)))); g != w {
			t.Fatalf("quoted-printable %q, read %s: got %q, want %q", clip(qp, 200), r.name, clip(g, 80), clip(w, 80))
		}
		if g, w := pair(decodeAll(newB64Reader(r.wrap(b64)))), pair(decodeAll(oldBase64(r.wrap(b64)))); g != w {
			t.Fatalf("base64 %q, read %s: got %q, want %q", clip(b64, 200), r.name, clip(g, 80), clip(w, 80))
		}
	}
}

func pair(data, err string) string { return err + "|" + data }

// TestNormalizeBodyMatchesReplaceAll: normalizeBody gives what two
// strings.ReplaceAll gave before; stored texts must not change.
func TestNormalizeBodyMatchesReplaceAll(t *testing.T) {
	rnd := rand.New(rand.NewSource(5))
	cases := []string{"", "a", "\r", "\n", "\r\n", "\r\r\n\n", "a\rb\r\nc\n\rd", "end\r", strings.Repeat("line\r\n", 1000)}
	for i := 0; i < 2000; i++ {
		b := make([]byte, rnd.Intn(40))
		for j := range b {
			b[j] = "ab\r\n"[rnd.Intn(4)]
		}
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		want := strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
		if got := normalizeBody(s); got != want {
			t.Fatalf("normalizeBody(%q) = %q, want %q", s, got, want)
		}
	}
}
