package cleanlocale

import (
	"os"
	"testing"
)

func TestFix(t *testing.T) {
	for _, tt := range []struct{ lcAll, lang, wantAll, wantLang string }{
		{"", "C", "", "en_US.UTF-8"},
		{"", "C.UTF-8", "", "en_US.UTF-8"},
		{"POSIX", "de_DE.UTF-8", "en_US.UTF-8", "de_DE.UTF-8"},
		{"", "nl_NL.UTF-8", "", "nl_NL.UTF-8"},
		{"nb_NO.UTF-8", "C", "nb_NO.UTF-8", "C"},
	} {
		t.Setenv("LC_ALL", tt.lcAll)
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANG", tt.lang)
		Fix()
		if got := os.Getenv("LC_ALL"); got != tt.wantAll {
			t.Errorf("LC_ALL=%q LANG=%q: LC_ALL became %q, want %q", tt.lcAll, tt.lang, got, tt.wantAll)
		}
		if got := os.Getenv("LANG"); got != tt.wantLang {
			t.Errorf("LC_ALL=%q LANG=%q: LANG became %q, want %q", tt.lcAll, tt.lang, got, tt.wantLang)
		}
	}
}
