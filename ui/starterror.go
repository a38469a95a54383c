package ui

import (
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"postbridge/explain"
)

// ShowStartError shows, in a window of its own, why Postbridge cannot
// start (a database a newer Postbridge wrote, an unreachable PostgreSQL),
// and returns when it is closed. Started from the Start menu, the Windows
// program has no console: without this window it would vanish without a
// word.
func ShowStartError(a fyne.App, err error) {
	a.SetIcon(Icon)
	useTheme(a)
	startErrorWindow(a, err).ShowAndRun()
}

// startErrorWindow builds that window: the sentence from explain, and a
// button to close it.
func startErrorWindow(a fyne.App, err error) fyne.Window {
	w := a.NewWindow(Title)
	message := widget.NewLabel(sentence(explain.Error(err)))
	message.Wrapping = fyne.TextWrapWord
	closeBtn := widget.NewButton(t("starterror.close", "Close"), w.Close)
	heading := widget.NewLabelWithStyle(t("starterror.title", "Postbridge cannot start"),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	w.SetContent(container.NewBorder(heading, container.NewHBox(closeBtn), nil, nil, message))
	w.Resize(fyne.NewSize(560, 220))
	return w
}

// sentence starts explain's text, written to follow "postbridge: " on the
// command line, with a capital as a window's text does.
func sentence(text string) string {
	if text == "" {
		return text
	}
	r, size := utf8.DecodeRuneInString(text)
	return string(unicode.ToUpper(r)) + text[size:]
}
