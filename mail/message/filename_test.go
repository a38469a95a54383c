package message

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSanitizeFileName(t *testing.T) {
	longStem := strings.Repeat("ä", 150) // 300 bytes
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Offerte 210-01.pdf", "Offerte 210-01.pdf"},
		{"parent directories", "../../x", "x"},
		{"windows path", `C:\Users\Jan\x`, "x"},
		{"drive without slash", "C:x", "C_x"},
		{"alternate data stream", "a.txt:evil", "a.txt_evil"},
		{"unix path", "a/b", "b"},
		{"trailing slash", "dir/", ""},
		{"device", "CON", "_CON"},
		{"device with extension", "aux.txt", "_aux.txt"},
		{"device lower case with space", "con .log", "_con .log"},
		{"device COM digit", "com1.txt", "_com1.txt"},
		{"device superscript", "LPT².doc", "_LPT².doc"},
		{"not a device", "console.txt", "console.txt"},
		{"empty", "", ""},
		{"only dots", "..", ""},
		{"dot", ".", ""},
		{"hidden file", ".htaccess", "htaccess"},
		{"trailing dots and spaces", "report.pdf. . ", "report.pdf"},
		{"dot runs", "a...b..pdf", "a.b.pdf"},
		{"control characters", "a\x00b\x01c\x7fd\u0085e.txt", "abcd e.txt"},
		{"tab and newline", "a\tb\r\nc.txt", "a b c.txt"},
		{"bidi override", "invoice\u202efdp.exe", "invoicefdp.exe"},
		{"reserved characters", `a<b>c"d|e?f*g.txt`, "a_b_c_d_e_f_g.txt"},
		{"space runs", "a    b.txt", "a b.txt"},
		{"latin-1 bytes", "Gr\xfc\xdfe.txt", "Grüße.txt"},
		{"decomposed to NFC", "Cafe\u0301.txt", "Café.txt"},
		{"long keeps extension", longStem + ".pdf", strings.Repeat("ä", 98) + ".pdf"},
		{"long odd cut", "x" + longStem + ".pdf", "x" + strings.Repeat("ä", 97) + ".pdf"},
		{"long extension is not kept", "a." + strings.Repeat("b", 300), "a." + strings.Repeat("b", 198)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := SanitizeFileName(tc.in)
			if got != tc.want {
				t.Errorf("SanitizeFileName(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if len(got) > MaxFileNameBytes || !utf8.ValidString(got) {
				t.Errorf("%q is %d bytes or not UTF-8", got, len(got))
			}
		})
	}
}

func TestVariantStaysShort(t *testing.T) {
	name := strings.Repeat("ä", 98) + ".pdf"
	got := variant(name, 12)
	if len(got) > MaxFileNameBytes || !strings.HasSuffix(got, " (12).pdf") || !utf8.ValidString(got) {
		t.Errorf("variant = %q (%d bytes)", got, len(got))
	}
}

func TestDefaultName(t *testing.T) {
	tests := []struct {
		n        int
		ct, want string
	}{
		{1, "application/octet-stream", "attachment-1.bin"},
		{2, "application/pdf", "attachment-2.pdf"},
		{3, "message/rfc822", "attachment-3.eml"},
		{4, "application/ms-tnef", "winmail.dat"},
		{5, "x-unknown/x-thing", "attachment-5.bin"},
	}
	for _, tc := range tests {
		if got := defaultName(tc.n, tc.ct); got != tc.want {
			t.Errorf("defaultName(%d, %q) = %q, want %q", tc.n, tc.ct, got, tc.want)
		}
	}
}
