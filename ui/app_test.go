package ui

import (
	"bytes"
	"image/png"
	"os"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestMainWindowTitle(t *testing.T) {
	a := test.NewTempApp(t)
	w := NewMainWindow(a)
	defer w.Close()
	if w.Title() != "Postbridge" {
		t.Errorf("title %q, want Postbridge", w.Title())
	}
}

// The test driver keeps no window icon, so the resource itself is checked:
// it must be the square PNG the window and the Windows build use.
func TestIconIsSquarePNG(t *testing.T) {
	img, err := png.Decode(bytes.NewReader(Icon.Content()))
	if err != nil {
		t.Fatalf("icon is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != b.Dy() || b.Dx() < 256 {
		t.Errorf("icon is %dx%d, want square and at least 256 px", b.Dx(), b.Dy())
	}
}

func TestUseLanguage(t *testing.T) {
	tests := []struct{ lang, lcAll, lang0, wantAll, wantLang string }{
		{"nl", "", "C.UTF-8", "nl_NL.UTF-8", "C.UTF-8"},
		{"", "", "C.UTF-8", "", "en_US.UTF-8"},
		{"", "", "de_DE.UTF-8", "", "de_DE.UTF-8"},
		{"", "POSIX", "de_DE.UTF-8", "en_US.UTF-8", "de_DE.UTF-8"},
	}
	for _, tt := range tests {
		t.Setenv("LC_ALL", tt.lcAll)
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANG", tt.lang0)
		UseLanguage(tt.lang)
		if got := os.Getenv("LC_ALL"); got != tt.wantAll {
			t.Errorf("UseLanguage(%q) with LC_ALL=%q LANG=%q: LC_ALL=%q, want %q", tt.lang, tt.lcAll, tt.lang0, got, tt.wantAll)
		}
		if got := os.Getenv("LANG"); got != tt.wantLang {
			t.Errorf("UseLanguage(%q) with LC_ALL=%q LANG=%q: LANG=%q, want %q", tt.lang, tt.lcAll, tt.lang0, got, tt.wantLang)
		}
	}
}
