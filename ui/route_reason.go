package ui

import (
	"fmt"

	"postbridge/app"
)

// reasonText is a route's reason in the window's language: the key's
// text from assets/translations/route.*.json with {{.A1}}, {{.A2}} for
// the arguments; the English sentence when a language lacks the key.
func reasonText(r app.RouteReason) string {
	return textWithArgs(r.Key, r.English(), r.Args)
}

// textWithArgs translates a key made outside ui/ whose arguments are
// positional: the translations name them {{.A1}}, {{.A2}}, …
func textWithArgs(key, english string, args []string) string {
	data := map[string]string{}
	for i, a := range args {
		data[fmt.Sprintf("A%d", i+1)] = a
	}
	loadTranslations()
	return translate(key, english, data)
}
