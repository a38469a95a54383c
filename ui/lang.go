package ui

import (
	"errors"
	"fmt"
	"os"
	_ "unsafe" // go:linkname, see fyneSetupLang

	fynelang "fyne.io/fyne/v2/lang"

	"postbridge/assets"
	"postbridge/internal/cleanlocale"
)

// languageTags maps the --lang values to the locales Fyne reads.
var languageTags = map[string]string{"en": "en_US.UTF-8", "nl": "nl_NL.UTF-8", "de": "de_DE.UTF-8", "nb": "nb_NO.UTF-8"}

// chosen is the --lang value in force ("" for the system's language);
// pinLanguage holds Fyne to it once the translations are loaded.
var chosen string

// UseLanguage must run before the app is created: on Linux Fyne reads the
// locale from LC_ALL, LC_MESSAGES and LANG. lang ("en", "nl", "de", "nb")
// wins; without it the system's locale is kept, except the "C"/"POSIX"
// locale of servers and CI, which Fyne cannot parse and which means English.
func UseLanguage(lang string) {
	if tag, ok := languageTags[lang]; ok {
		os.Setenv("LC_ALL", tag)
		// LANGUAGE, a list of preferences, would otherwise win over LC_ALL.
		os.Setenv("LANGUAGE", lang)
		chosen = lang
		return
	}
	chosen = ""
	cleanlocale.Fix()
}

// fyneSetupLang is Fyne's own "speak this language" (fyne.io/fyne/v2/lang's
// setupLang), which it has no exported form of. Fyne otherwise takes the
// language from the system: on Windows and macOS from the operating
// system's settings (GetUserDefaultLocaleName, CFLocale), never from the
// environment UseLanguage sets, so --lang nl on an English Windows showed
// English. Should Fyne rename it, the build fails here, not silently.
//
//go:linkname fyneSetupLang fyne.io/fyne/v2/lang.setupLang
func fyneSetupLang(lang string)

// pinLanguage makes the chosen language Fyne's, on every platform; it
// runs after each loading of translations, which picks the system's again.
func pinLanguage() {
	if chosen != "" {
		fyneSetupLang(chosen)
	}
}

// ErrUnknownLanguage is returned for a --lang value Postbridge does not speak.
var ErrUnknownLanguage = errors.New("unknown language (use en, nl, de or nb)")

// SetLanguage switches the texts of windows built from now on to lang,
// also after the app started (screenshots in every language): Fyne reads
// the locale again when translations are added.
func SetLanguage(lang string) error {
	if _, ok := languageTags[lang]; !ok {
		return fmt.Errorf("%q: %w", lang, ErrUnknownLanguage)
	}
	UseLanguage(lang)
	if err := fynelang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		return fmt.Errorf("load translations: %w", err)
	}
	pinLanguage()
	return nil
}
