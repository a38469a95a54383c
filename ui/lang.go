package ui

import (
	"errors"
	"fmt"
	"os"

	fynelang "fyne.io/fyne/v2/lang"

	"postbridge/assets"
	"postbridge/internal/cleanlocale"
)

// languageTags maps the --lang values to the locales Fyne reads.
var languageTags = map[string]string{"en": "en_US.UTF-8", "nl": "nl_NL.UTF-8", "de": "de_DE.UTF-8", "nb": "nb_NO.UTF-8"}

// UseLanguage must run before the app is created: Fyne reads the locale
// from LC_ALL, LC_MESSAGES and LANG. lang ("en", "nl", "de", "nb") wins;
// without it the system's locale is kept, except the "C"/"POSIX" locale
// of servers and CI, which Fyne cannot parse and which means English.
func UseLanguage(lang string) {
	if tag, ok := languageTags[lang]; ok {
		os.Setenv("LC_ALL", tag)
		// LANGUAGE, a list of preferences, would otherwise win over LC_ALL.
		os.Setenv("LANGUAGE", lang)
		return
	}
	cleanlocale.Fix()
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
	return nil
}
