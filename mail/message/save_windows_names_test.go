package message

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
)

// These tests look at what is really on disk, so under Wine
// (make check-windows runs them as a Windows program) they go through the
// Windows file API, where a device name opens a device and a trailing dot
// vanishes.

// diskDir is t.TempDir whose clean-up failing is only logged: Wine 8
// cannot delete through the call Go's RemoveAll makes ("Invalid
// function"), and these tests are about writing, not deleting.
func diskDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "postbridge-names-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := os.RemoveAll(dir); err != nil {
			t.Logf("clean-up: %v", err)
		}
	})
	return dir
}

func TestSaveAttachmentsWindowsNames(t *testing.T) {
	root := diskDir(t)
	tests := []struct{ in, want string }{
		{"CON", "_CON"},
		{"nul.txt", "_nul.txt"},
		{"Com7.log", "_Com7.log"},
		{"LPT9", "_LPT9"},
		{"PRN .pdf", "_PRN .pdf"},
		{"report. . .", "report"},
		{"Offerte.pdf. ", "Offerte.pdf"},
		{`a<b>c:d"e|f?g*h.txt`, "a_b_c_d_e_f_g_h.txt"},
		{`..\..\escape.txt`, "escape.txt"},
	}
	var files [][2]string
	for _, tc := range tests {
		files = append(files, [2]string{tc.in, "content of " + tc.want})
	}
	p := Parse(mailWith(files...))
	if _, err := SaveAttachments(root, p.Dir(), p.Attachments); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, filepath.FromSlash(p.Dir()))
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got, want []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	for _, tc := range tests {
		want = append(want, tc.want)
		data, err := os.ReadFile(filepath.Join(dir, tc.want))
		if err != nil || string(data) != "content of "+tc.want {
			t.Errorf("%q saved as %q holds %q (%v)", tc.in, tc.want, data, err)
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("files on disk %q, want %q", got, want)
	}
	if all := listFiles(t, root); len(all) != len(tests) {
		t.Errorf("files under the attachment path %q, want only the %d in %s", all, len(tests), p.Dir())
	}
}

// longRoot makes an attachment path of about n characters under t.TempDir.
func longRoot(t *testing.T, n int) string {
	t.Helper()
	root := diskDir(t)
	for len(root) < n {
		root = filepath.Join(root, strings.Repeat("d", min(40, max(1, n-len(root)-1))))
	}
	if err := os.MkdirAll(root, 0o750); err != nil {
		t.Fatal(err)
	}
	return root
}

func utf16Len(s string) int { return len(utf16.Encode([]rune(s))) }

func TestSaveAttachmentsLongPath(t *testing.T) {
	long := strings.Repeat("Überlange Bestandsnaam ", 12) + ".pdf"
	tests := []struct {
		name     string
		rootLen  int
		maxTotal int // the longest the full path may be
	}{
		{"short root, name cut to the name limit", 20, maxPathChars},
		{"long root, name cut to fit 259", 150, maxPathChars},
		{"root too long, name kept readable", 240, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := longRoot(t, tc.rootLen)
			p := Parse(mailWith([2]string{long, "long"}, [2]string{long, "other"}))
			saved, err := SaveAttachments(root, p.Dir(), p.Attachments)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range saved {
				full := filepath.Join(root, filepath.FromSlash(s.Path))
				name := filepath.Base(full)
				if !strings.HasSuffix(name, ".pdf") || !strings.HasPrefix(name, "Überlange") {
					t.Errorf("saved as %q: lost its start or extension", name)
				}
				if tc.maxTotal > 0 && utf16Len(full) > tc.maxTotal {
					t.Errorf("%d characters in %s, want at most %d", utf16Len(full), full, tc.maxTotal)
				}
				if len(name) > MaxFileNameBytes {
					t.Errorf("name %q is %d bytes", name, len(name))
				}
				if data, err := os.ReadFile(full); err != nil || len(data) == 0 {
					t.Errorf("read %s: %q, %v", full, data, err)
				}
			}
			if len(saved) == 2 && saved[0].Path == saved[1].Path {
				t.Errorf("two different files saved under one path %s", saved[0].Path)
			}
			again, err := SaveAttachments(root, p.Dir(), p.Attachments)
			if err != nil || !again[0].Reused || again[0].Path != saved[0].Path {
				t.Errorf("second save %+v, %v: want the first file reused", again, err)
			}
		})
	}
}
