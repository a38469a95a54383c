package ui

import (
	"fmt"

	"fyne.io/fyne/v2/lang"

	"postbridge/mail/route"
)

// reasonText is a route's reason in the window's language: the key's
// text from assets/translations/route.*.json with {{.A1}}, {{.A2}} for
// the arguments; the English sentence when a language lacks the key.
func reasonText(r route.Reason) string {
	data := map[string]string{}
	for i, a := range r.Args {
		data[fmt.Sprintf("A%d", i+1)] = a
	}
	loadTranslations()
	return lang.X(r.Key, r.English(), data)
}
