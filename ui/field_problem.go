package ui

import "postbridge/app"

// problemText is a refused field's problem in the window's language:
// "field.<key>" of assets/translations/fields.*.json with {{.A1}}… for
// the arguments; the English sentence for a problem without a key.
func problemText(fe app.FieldError) string {
	if fe.Key == "" {
		return fe.Problem
	}
	return textWithArgs("field."+fe.Key, fe.Problem, fe.Args)
}
