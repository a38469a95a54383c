package message

import (
	"postbridge/problem"

	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
)

// summary is the part of Parsed a fixture pins down.
type summary struct {
	MessageID, From, Subject, Date string
	To, Cc                         []string
	Text, HTML                     string
	Files                          []string // "section name type size"
}

func summarize(p Parsed) summary {
	s := summary{MessageID: p.MessageID, From: p.From.String(), Subject: p.Subject, Text: p.Text, HTML: p.HTML}
	if !p.Date.IsZero() {
		s.Date = p.Date.UTC().Format(time.RFC3339)
	}
	for _, a := range p.To {
		s.To = append(s.To, a.String())
	}
	for _, a := range p.Cc {
		s.Cc = append(s.Cc, a.String())
	}
	for _, a := range p.Attachments {
		s.Files = append(s.Files, fmt.Sprintf("%s %s %s %d", a.Section, a.FileName, a.ContentType, a.Size))
	}
	return s
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// longName is what the 300-byte name in hostile-names.eml is cut to.
var longName = strings.Repeat("Überlange Bestandsnaam ", 8) + "Übe.pdf"

// fixtures lists testdata/*.eml with what Parse must read from each.
var fixtures = []struct {
	file string
	want summary
	warn []string // each a substring of the warning at that place; no others
}{
	{"simple.eml", summary{MessageID: "simple-1@klant.test", From: "Jan de Vries <Jan@Klant.TEST>",
		Subject: "Offerte 210-01", Date: "2024-03-05T13:30:00Z",
		To: []string{"Alice <alice@acme.test>", "bob@acme.test"}, Cc: []string{"Klant, Support <support@klant.test>"},
		Text: "Beste Alice,\n\nHierbij de offerte. Groet, Jan — café\n"}, nil},
	{"utf8-raw-headers.eml", summary{MessageID: "raw-utf8@example.test", From: "Jörg Müller <joerg@example.test>",
		Subject: "Grüße aus Köln – Ærlig talt", Date: "2024-03-06T09:00:00Z",
		To: []string{"Åsa Ødegård <asa@example.test>"}, Text: "Grüße\n"}, nil},
	{"latin1-raw-headers.eml", summary{MessageID: "raw-latin1@example.test", From: "François Bérard <francois@example.test>",
		Subject: "Réunion à l'hôtel € 100", Date: "2024-03-06T09:00:00Z",
		To: []string{"alice@acme.test"}, Text: "Café crème\n"}, nil},
	{"unknown-charset.eml", summary{MessageID: "unknown-charset@example.test", From: "Mr X <x@example.test>",
		Subject: "Hello World and café", Date: "2024-03-07T09:00:00Z",
		To: []string{"alice@acme.test"}, Text: "plain ascii body\n"},
		[]string{`message.unknown_charset A="x-unknown"`}},
	{"encoded-words.eml", summary{MessageID: "encoded-words@example.test", From: "Renée “Quotes” <renee@example.test>",
		Subject: "Café € 100 €uro", Date: "2024-03-08T10:00:00Z",
		To: []string{"山田太郎 <yamada@example.test>", "Jörg <joerg@example.test>"}, Cc: []string{"Björn <bjorn@example.test>"},
		Text: "Café = koffie, soft break\n"}, nil},
	{"rfc2231.eml", summary{MessageID: "rfc2231@example.test", From: "sender@example.test",
		Subject: "RFC 2231 names", Date: "2024-03-09T11:00:00Z", To: []string{"alice@acme.test"}, Text: "See attachments.",
		Files: []string{"2 € rates 2024.pdf application/pdf 9", "3 Grüße aus Koeln.txt text/plain 5",
			"4 Rechnung Übersicht.xlsx application/octet-stream 3", "5 €-Beleg.csv application/octet-stream 4"}}, nil},
	{"missing-headers.eml", summary{Subject: "no date, no from, no id", To: []string{"alice@acme.test"}, Text: "body\n"},
		[]string{WarnNoMessageID, WarnNoDate, WarnNoFrom}},
	{"nested-rfc822.eml", summary{MessageID: "outer@example.test", From: "Bob <bob@acme.test>",
		Subject: "Fwd: Factuur 42", Date: "2024-03-10T08:00:00Z", To: []string{"alice@acme.test"}, Text: "See the forwarded mail.",
		Files: []string{"2 Original_ Factuur 42.eml message/rfc822 390", "3 Tweede-bijlage_ é.eml message/rfc822 75"}}, nil},
	{"winmail.eml", summary{MessageID: "winmail@example.test", From: "Outlook User <outlook@example.test>",
		Subject: "Rich text from Outlook", Date: "2024-03-11T09:00:00Z", To: []string{"alice@acme.test"}, Text: "See attached.",
		Files: []string{"2 winmail.dat application/ms-tnef 44"}},
		[]string{WarnTNEF}},
	{"broken-boundary.eml", summary{MessageID: "broken-boundary@example.test", From: "broken@example.test",
		Subject: "Broken boundary", Date: "2024-03-11T09:00:00Z", To: []string{"alice@acme.test"},
		Text: "--actual\nContent-Type: text/plain\n\nThe text is still here.\n--actual--\n"},
		[]string{WarnBoundaryNeverOccurs, WarnNoReadablePart}},
	{"truncated.eml", summary{MessageID: "truncated@example.test", From: "truncated@example.test",
		Subject: "Truncated", Date: "2024-03-11T09:00:00Z", To: []string{"alice@acme.test"}, Text: "Start of a message.",
		Files: []string{"2 cut.pdf application/pdf 24"}},
		[]string{`Detail="unexpected EOF" Section="2"`, WarnNoClosingBoundary}},
	{"hostile-names.eml", summary{MessageID: "hostile@example.test", From: "attacker@example.test",
		Subject: "Hostile names", Date: "2024-03-12T09:00:00Z", To: []string{"alice@acme.test"}, Text: "Names.",
		Files: []string{
			"2 x application/octet-stream 3",                // ../../x
			"3 x (2) application/octet-stream 3",            // C:\Users\Jan\x
			"4 _CON application/octet-stream 3",             // CON
			"5 _aux.txt text/plain 3",                       // aux.txt
			"6 b application/octet-stream 3",                // a/b
			"7 attachment-6.bin application/octet-stream 3", // no name
			"8 " + longName + " application/pdf 3",
			"9 evilname gnp.exe application/octet-stream 3", // \x01 \x7f \t U+202E
			"10 report.pdf application/pdf 3",
			"11 report (2).pdf application/pdf 3",
			"12 Report (3).PDF application/pdf 3",
			"13 attachment-12.png image/png 3", // ..
		}}, nil},
	{"alternative.eml", summary{MessageID: "alternative@example.test", From: "Newsletter <news@example.test>",
		Subject: "Alternative with inline image", Date: "2024-03-12T09:00:00Z", To: []string{"alice@acme.test"},
		Text: "Price: € 5", HTML: `<p>Price: € 5 <img src="cid:logo@x"></p>`,
		Files: []string{"2 attachment-1.png image/png 8"}}, nil},
	{"mbox-no-blank-line.eml", summary{MessageID: "mbox@example.test", From: "someone@example.test",
		Subject: "mbox line and no blank line", Text: "this line starts the body\nsecond line\n"},
		[]string{WarnHeaderNoBlankLine, WarnNoDate}},
	{"garbage.eml", summary{}, []string{WarnNoHeader}},
}

func TestParseFixtures(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.eml"))
	if len(files) != len(fixtures) {
		t.Errorf("%d files in testdata, %d in the table: add the new one", len(files), len(fixtures))
	}
	for _, tc := range fixtures {
		t.Run(tc.file, func(t *testing.T) {
			raw := readFixture(t, tc.file)
			p := Parse(raw)
			if got := summarize(p); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %#v\nwant %#v", got, tc.want)
			}
			if len(p.Warnings) != len(tc.warn) {
				t.Fatalf("warnings %q, want %q", warningStrings(p.Warnings), tc.warn)
			}
			for i, w := range tc.warn {
				if !strings.Contains(p.Warnings[i].String(), w) {
					t.Errorf("warning %d = %q, want it to contain %q", i, p.Warnings[i].String(), w)
				}
			}
			checkInvariants(t, raw, p)
		})
	}
}

func TestParseInlineAndContentID(t *testing.T) {
	p := Parse(readFixture(t, "alternative.eml"))
	if len(p.Attachments) != 1 {
		t.Fatalf("attachments %v", p.Attachments)
	}
	got := p.Attachments[0]
	if !got.Inline || got.ContentID != "logo@x" {
		t.Errorf("got inline %v, content ID %q; want true, logo@x", got.Inline, got.ContentID)
	}
}

func TestParseOversizedHeader(t *testing.T) {
	huge := "X-Junk: " + strings.Repeat("a", 1<<20) + "\r\n"
	many := strings.Repeat("X-Filler: "+strings.Repeat("b", 100<<10)+"\r\n", 12)
	tests := []struct {
		name, extra, warn string
	}{
		{"one line of 1 MB", huge, `message.header_field_dropped Field="X-Junk" Limit="131072" Size="1048586"`},
		{"folded field of 1 MB", "X-Junk: a\r\n" + strings.Repeat(" folded continuation line\r\n", 40000), `message.header_field_dropped Field="X-Junk"`},
		{"header over 1 MiB", many, `message.header_too_large Limit="1048576"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			raw := []byte("Message-ID: <big@example.test>\r\nFrom: Big <big@example.test>\r\n" +
				"Subject: still read\r\n" + tc.extra + "Date: Tue, 12 Mar 2024 10:00:00 +0000\r\n\r\nbody\r\n")
			p := Parse(raw)
			got := [4]string{p.MessageID, p.From.Addr, p.Subject, p.Text}
			want := [4]string{"big@example.test", "big@example.test", "still read", "body\n"}
			if got != want {
				t.Errorf("got %q, want %q", got, want)
			}
			if w := strings.Join(warningStrings(p.Warnings), "|"); !strings.Contains(w, tc.warn) {
				t.Errorf("warnings %q, want one containing %q", w, tc.warn)
			}
			checkInvariants(t, raw, p)
		})
	}
}

func TestParseLongBodyIsCut(t *testing.T) {
	raw := []byte("From: a@example.test\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
		strings.Repeat("é", maxBodyBytes/2+10))
	p := Parse(raw)
	if len(p.Text) > maxBodyBytes || !strings.HasSuffix(p.Text, "é") {
		t.Errorf("text of %d bytes ending %q, want at most %d ending in a whole é", len(p.Text), p.Text[len(p.Text)-3:], maxBodyBytes)
	}
	if !strings.Contains(strings.Join(warningStrings(p.Warnings), "|"), "message.body_too_long") {
		t.Errorf("warnings %q, want one about the cut", warningStrings(p.Warnings))
	}
}

func TestParsedDir(t *testing.T) {
	hash := strings.Repeat("ab", 32)
	cet := time.FixedZone("CET", 3600)
	tests := []struct {
		date time.Time
		want string
	}{
		{time.Date(2024, 3, 5, 14, 30, 0, 0, cet), "2024/03/abababababababab"},
		{time.Date(2024, 1, 1, 0, 30, 0, 0, cet), "2023/12/abababababababab"}, // UTC decides
		{time.Time{}, "undated/abababababababab"},
		{time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), "undated/abababababababab"},
	}
	for _, tc := range tests {
		if got := (Parsed{Date: tc.date, SHA256: hash}).Dir(); got != tc.want {
			t.Errorf("Dir for %v = %q, want %q", tc.date, got, tc.want)
		}
	}
}

func TestParseIsStable(t *testing.T) {
	// ReIndex relies on it: the same bytes give the same directory, names
	// and sections.
	raw := readFixture(t, "hostile-names.eml")
	a, b := Parse(raw), Parse(append([]byte(nil), raw...))
	if a.Dir() != b.Dir() || !reflect.DeepEqual(summarize(a), summarize(b)) {
		t.Errorf("two parses differ:\n%v\n%v", summarize(a), summarize(b))
	}
}

func TestParseLargeMessageMemory(t *testing.T) {
	data := make([]byte, 8<<20)
	for i := range data {
		data[i] = byte(i * 7)
	}
	raw := mailWith([2]string{"big.bin", string(data)})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	p := Parse(raw)
	runtime.ReadMemStats(&after)
	// The attachment streams through a hash; nothing near its size may be
	// allocated.
	if got := after.TotalAlloc - before.TotalAlloc; got > 1<<20 {
		t.Errorf("Parse of %d bytes allocated %d bytes, want under 1 MiB", len(raw), got)
	}
	if len(p.Attachments) != 1 || p.Attachments[0].Size != int64(len(data)) {
		t.Errorf("attachments %+v, want one of %d bytes", p.Attachments, len(data))
	}
}

func TestParseLimits(t *testing.T) {
	deep := "From: a@example.test\r\n"
	for i := range 40 {
		deep += fmt.Sprintf("Content-Type: multipart/mixed; boundary=b%d\r\n\r\n--b%d\r\n", i, i)
	}
	deep += "Content-Type: text/plain\r\n\r\nx\r\n"
	many := "From: a@example.test\r\nContent-Type: multipart/mixed; boundary=s\r\n\r\n" +
		strings.Repeat("--s\r\nContent-Type: image/png\r\n\r\nx\r\n", maxLeaves+5) + "--s--\r\n"
	tests := []struct {
		name, raw, warn string
		attachments     int
	}{
		{"nesting", deep, `message.mime_too_deep Limit="32"`, 0},
		{"parts", many, `message.mime_too_many Limit="1000"`, maxLeaves},
		{"addresses", "From: a@example.test\r\nTo: " + strings.Repeat("x <x@example.test>, ", maxAddresses+5) + "\r\n\r\n",
			`message.too_many_addresses Limit="1000"`, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := Parse([]byte(tc.raw))
			if !strings.Contains(strings.Join(warningStrings(p.Warnings), "|"), tc.warn) || len(p.Attachments) != tc.attachments {
				t.Errorf("warnings %q and %d attachments, want %q and %d", warningStrings(p.Warnings), len(p.Attachments), tc.warn, tc.attachments)
			}
			checkInvariants(t, []byte(tc.raw), p)
		})
	}
}

// warningStrings are warnings as their kinds and arguments, for substring
// checks: the sentences belong to explain.
func warningStrings(ws []problem.P) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.String()
	}
	return out
}

// NoHTML skips the HTML alternative and nothing else: the text, the
// attachments and the hash are those of a full parse.
func TestParseWithoutHTML(t *testing.T) {
	raw := []byte("From: a@b.test\r\nSubject: Offerte\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: multipart/mixed; boundary=m\r\n\r\n" +
		"--m\r\nContent-Type: multipart/alternative; boundary=a\r\n\r\n" +
		"--a\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nDe offerte staat klaar.\r\n" +
		"--a\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" +
		"<p>De offerte staat klaar=2E</p>\r\n--a--\r\n" +
		"--m\r\nContent-Type: application/pdf; name=offerte.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
		"JVBERi0xLjQK\r\n--m--\r\n")
	full := Parse(raw)
	p, _, err := ParseAndSavePending(raw, "", Options{NoHTML: true})
	if err != nil {
		t.Fatal(err)
	}
	if full.HTML == "" {
		t.Fatal("a full parse found no HTML: the fixture is wrong")
	}
	if p.HTML != "" {
		t.Errorf("HTML = %q, want it left out", p.HTML)
	}
	if p.Text != full.Text || p.SHA256 != full.SHA256 || len(p.Attachments) != 1 ||
		p.Attachments[0].SHA256 != full.Attachments[0].SHA256 {
		t.Errorf("without HTML: text %q, hash %s, attachments %+v; full parse: %q, %s, %+v",
			p.Text, p.SHA256, p.Attachments, full.Text, full.SHA256, full.Attachments)
	}
}
