package ui

import (
	"postbridge/app"
	"postbridge/explain"
)

// warningText says a sync warning in the window's language: the engine
// and the MIME reader give it as a problem (kind and arguments), which
// explain words; a warning about one message names its UID.
func warningText(w app.SyncWarning) string {
	loadTranslations()
	text := explain.Problem(w.Problem)
	if w.UID == 0 {
		return text
	}
	return t("synclog.w.message", "message UID {{.UID}}: {{.Text}}", map[string]any{"UID": w.UID, "Text": text})
}
