package ui

import (
	"testing"

	fynelang "fyne.io/fyne/v2/lang"

	"postbridge/assets"
)

// TestChosenLanguageOutranksTheSystems stands in for Windows and macOS,
// where Fyne reads the language from the operating system and not from
// the environment UseLanguage sets: after UseLanguage the locale is put
// back to the system's (here the environment's), the translations are
// loaded again, and the window must still speak the chosen language.
func TestChosenLanguageOutranksTheSystems(t *testing.T) {
	tests := []struct{ lang, system, want string }{
		{"nl", "en_US.UTF-8", "Gebruiker:"},
		{"de", "nl_NL.UTF-8", "Benutzer:"},
		{"nb", "de_DE.UTF-8", "Bruker:"},
		{"en", "nb_NO.UTF-8", "User:"},
		{"", "de_DE.UTF-8", "Benutzer:"}, // no --lang: the system's
	}
	// Runs last, with the environment put back: later tests speak the
	// language they set up, not the last one here.
	t.Cleanup(func() {
		UseLanguage("")
		_ = fynelang.AddTranslationsFS(assets.Translations, "translations")
	})
	t.Setenv("LANGUAGE", "")
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "C.UTF-8")
	for _, tt := range tests {
		UseLanguage(tt.lang)
		t.Setenv("LANGUAGE", "")
		t.Setenv("LC_ALL", tt.system)
		if err := fynelang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
			t.Fatal(err)
		}
		pinLanguage()
		if got := translate("syncbar.user", "User:", nil); got != tt.want {
			t.Errorf("--lang %q on a %s system: %q, want %q", tt.lang, tt.system, got, tt.want)
		}
	}
}
