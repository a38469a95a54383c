package message

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkInvariants holds for every message, however broken: what Parse
// returns can go into PostgreSQL text columns and onto a file system.
func checkInvariants(t testing.TB, raw []byte, p Parsed) {
	t.Helper()
	sum := sha256.Sum256(raw)
	if p.Size != int64(len(raw)) || p.SHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("size %d hash %s do not describe the raw message", p.Size, p.SHA256)
	}
	texts := []string{p.MessageID, p.Subject, p.Text, p.HTML, p.From.Name, p.From.Addr}
	for _, list := range [][]Address{p.To, p.Cc, p.Bcc} {
		for _, a := range list {
			texts = append(texts, a.Name, a.Addr)
		}
	}
	texts = append(texts, warningStrings(p.Warnings)...)
	for _, s := range texts {
		if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
			t.Errorf("%q is not clean UTF-8", s)
		}
	}
	for _, s := range []string{p.MessageID, p.Subject, p.From.Name, p.From.Addr} {
		if strings.ContainsAny(s, "\r\n") {
			t.Errorf("header value %q spans lines", s)
		}
	}
	if len(p.Warnings) > maxWarnings+1 {
		t.Errorf("%d warnings, want at most %d", len(p.Warnings), maxWarnings+1)
	}
	names, sections := map[string]bool{}, map[string]bool{}
	for _, a := range p.Attachments {
		n := a.FileName
		if n == "" || SanitizeFileName(n) != n || len(n) > MaxFileNameBytes || names[foldName(n)] {
			t.Errorf("file name %q is empty, unsafe, too long or a duplicate", n)
		}
		if sections[a.Section] {
			t.Errorf("section %s twice", a.Section)
		}
		names[foldName(n)], sections[a.Section] = true, true
	}
}

func FuzzParse(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.eml"))
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		f.Add(readFixture(f, filepath.Base(file)))
	}
	f.Add([]byte("Content-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: multipart/mixed; boundary=x\n\n--x\n"))
	f.Add([]byte("Content-Type: text/plain; name*0*=utf-8''%; name*1*=%e2%82\n\n"))
	recoverPanics = false
	f.Cleanup(func() { recoverPanics = true })
	f.Fuzz(func(t *testing.T, raw []byte) {
		p := Parse(raw)
		checkInvariants(t, raw, p)
		if p.Dir() == "" || strings.Contains(p.Dir(), "..") {
			t.Errorf("Dir %q", p.Dir())
		}
	})
}

func FuzzSanitizeFileName(f *testing.F) {
	for _, s := range []string{"../../x", `C:\x`, "CON", "aux.txt", "a/b", "", "..", " .x. ",
		"a\x00b", "\u202egnp.exe", "e\u200d\u0301", strings.Repeat("é", 150) + ".pdf", "Con .txt", "LPT¹"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		got := SanitizeFileName(name)
		if got == "" {
			return
		}
		if !utf8.ValidString(got) || len(got) > MaxFileNameBytes || strings.ContainsAny(got, "/\\:*?\"<>|\x00") ||
			strings.Contains(got, "..") || strings.HasPrefix(got, ".") || isDeviceName(got) ||
			strings.HasSuffix(got, ".") || strings.HasSuffix(got, " ") {
			t.Errorf("SanitizeFileName(%q) = %q, not safe", name, got)
		}
		if again := SanitizeFileName(got); again != got {
			t.Errorf("SanitizeFileName(%q) = %q, then %q: not stable", name, got, again)
		}
	})
}
