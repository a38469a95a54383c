package app

import "strings"

// mailTexts are the words of the mails Postbridge writes itself, by key,
// in English; assets/translations/mail.*.json has the other languages.
var mailTexts = map[string]string{
	"mail.validation.subject": "Postbridge validation code for {{.Domain}}",
	// Manual 003 shows this mail: "Beste, U heeft zojuist een validatie
	// code aangevraagd. Voer deze validatiecode in om de SMTP server
	// validatie af te ronden."
	"mail.validation.body": "Hello,\n\nYou have just asked for a validation code. Enter this code in Postbridge to finish " +
		"validating {{.Domain}} for sending through the own mail server:\n\n    {{.Code}}\n\nThe code is valid for 24 hours.\n",
}

// TextKeys lists the keys of mailTexts with their English, for the
// translations' completeness test.
func TextKeys() map[string]string {
	out := map[string]string{}
	for k, v := range mailTexts {
		out[k] = v
	}
	return out
}

// text is key's text in the reader's language with data filled in.
func (a *Actions) text(key string, data map[string]string) string {
	english := mailTexts[key]
	if a.Translate != nil {
		return a.Translate(key, english, data)
	}
	for k, v := range data {
		english = strings.ReplaceAll(english, "{{."+k+"}}", v)
	}
	return english
}
