package ui

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"postbridge/assets"
	"postbridge/explain"
)

// Every text the window shows goes through t (or lang.X directly) with a
// key "<screen>.<name>" and the English text as fallback; the key's
// texts live in assets/translations/<screen>.<lang>.json for en, nl, de
// and nb. A screen that a manual describes uses that manual's words in
// that manual's language. i18n_test.go fails when a key is missing in
// any language.

var loadTranslations = sync.OnceFunc(func() {
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		fyne.LogError("loading translations", err)
	}
	pinLanguage() // --lang, also where Fyne reads the system's language itself
	// Error explanations speak the window's language too.
	explain.SetTranslator(translate)
})

// translate is t for keys made elsewhere (explain, actions), whose data
// is a map of strings; the window has loaded the translations by then.
func translate(key, english string, data map[string]string) string {
	return lang.X(key, english, data)
}

// t returns the text for key in the current language; data fills
// {{.Name}} placeholders.
func t(key, english string, data ...any) string {
	loadTranslations()
	return lang.X(key, english, data...)
}

// plural is one when n is 1, else many: both are t(...) calls with keys
// of their own ("messages.countOne" beside "messages.count"), so no
// screen says "1 messages" in any language, and the key scan sees both.
func plural[N int | int64](n N, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
