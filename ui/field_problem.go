package ui

import (
	"fmt"

	"fyne.io/fyne/v2/lang"

	"postbridge/storage"
)

// problemText is a refused field's problem in the window's language:
// "field.<key>" of assets/translations/fields.*.json with {{.A1}}… for
// the arguments; the English sentence for a problem without a key.
func problemText(fe storage.FieldError) string {
	if fe.Key == "" {
		return fe.Problem
	}
	data := map[string]string{}
	for i, a := range fe.Args {
		data[fmt.Sprintf("A%d", i+1)] = a
	}
	loadTranslations()
	return lang.X("field."+fe.Key, fe.Problem, data)
}
