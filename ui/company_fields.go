package ui

import (
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
)

// Helpers of the Company screen: fields that can say what is wrong with
// them, ports typed as text, and the four security modes in words.

// fieldNotes holds, per settings path ("company.smtp.port"), the entry
// and the red line under it where a refused Save says what is wrong.
type fieldNotes struct {
	notes   map[string]*widget.Label
	entries map[string]*widget.Entry
	labels  map[string]string // the field's label, for the sentence on top
	tabs    map[string]int    // which tab holds the field
}

func newFieldNotes() *fieldNotes {
	return &fieldNotes{notes: map[string]*widget.Label{}, entries: map[string]*widget.Entry{},
		labels: map[string]string{}, tabs: map[string]int{}}
}

// item is a form row for the field at path: the widget with its (hidden)
// note under it. An entry also gets the red error mark of Fyne's
// validation.
func (f *fieldNotes) item(tab int, path, label string, w fyne.CanvasObject) *widget.FormItem {
	note := widget.NewLabel("")
	note.Importance = widget.DangerImportance
	note.Wrapping = fyne.TextWrapWord
	note.Hide()
	f.notes[path], f.labels[path], f.tabs[path] = note, label, tab
	if e, ok := w.(*widget.Entry); ok {
		e.AlwaysShowValidationError = true
		f.entries[path] = e
	}
	return widget.NewFormItem(label, container.NewVBox(w, note))
}

// clear hides every note.
func (f *fieldNotes) clear() {
	for path, n := range f.notes {
		n.SetText("")
		n.Hide()
		if e := f.entries[path]; e != nil {
			e.SetValidationError(nil)
		}
	}
}

// show marks each field of a refused save and returns the sentence for
// the top of the screen and the tab of the first marked field (-1 when
// no field of the screen is named).
func (f *fieldNotes) show(fields []app.FieldError) (sentence string, tab int) {
	tab = -1
	var lines []string
	for _, fe := range fields {
		label, known := f.labels[fe.Path]
		if !known {
			lines = append(lines, fe.String())
			continue
		}
		f.notes[fe.Path].SetText(problemText(fe))
		f.notes[fe.Path].Show()
		if e := f.entries[fe.Path]; e != nil {
			e.SetValidationError(errors.New(problemText(fe)))
		}
		lines = append(lines, label+": "+problemText(fe))
		if tab < 0 {
			tab = f.tabs[fe.Path]
		}
	}
	return strings.Join(lines, "\n"), tab
}

// portOf reads a port entry: empty is 0 ("not set"), a number is taken
// as typed (storage checks the range), anything else is a problem at path.
func portOf(e *widget.Entry, path string, problems *[]app.FieldError) int {
	text := strings.TrimSpace(e.Text)
	if text == "" {
		return 0
	}
	n, err := strconv.Atoi(text)
	if err != nil {
		*problems = append(*problems, app.FieldError{Path: path,
			Problem: t("company.port_not_number", "{{.Text}} is not a port (1-65535)", map[string]string{"Text": strconv.Quote(text)})})
		return 0
	}
	return n
}

// portText shows 0 ("not set") as an empty entry.
func portText(p int) string {
	if p == 0 {
		return ""
	}
	return strconv.Itoa(p)
}

// securityChoices are the four modes in the words of manual 003
// (Encryptie), in its order; they serve the IMAP tab too.
func securityChoices() []string {
	return []string{securityLabel(app.SecurityTLS), securityLabel(app.SecuritySTARTTLS),
		securityLabel(app.SecuritySTARTTLSOptional), securityLabel(app.SecurityNone)}
}

func securityLabel(s app.Security) string {
	switch s {
	case app.SecurityTLS:
		return t("company.security.tls", "Use SSL")
	case app.SecuritySTARTTLS:
		return t("company.security.starttls", "Use TLS")
	case app.SecuritySTARTTLSOptional:
		return t("company.security.starttls_optional", "Use TLS if available")
	case app.SecurityNone:
		return t("company.security.none", "No encryption")
	}
	return ""
}

// securityOf is the mode whose label is chosen; nothing chosen is "".
func securityOf(label string) app.Security {
	for _, s := range []app.Security{app.SecurityTLS, app.SecuritySTARTTLS,
		app.SecuritySTARTTLSOptional, app.SecurityNone} {
		if securityLabel(s) == label {
			return s
		}
	}
	return ""
}

// smtpSecurity maps manual 000's single "use SSL" box onto the four modes.
// Manual 000's own example ticks it on port 587, which is STARTTLS
// (RFC 6409), while 465 is implicit TLS (RFC 8314). While the box stays
// ticked and the port is the stored one, the stored mode is kept: the box
// alone cannot say "TLS if available" or implicit TLS on another port,
// and Save must not change what the admin did not touch.
func smtpSecurity(ssl bool, port int, was app.Endpoint) app.Security {
	switch {
	case !ssl:
		return app.SecurityNone
	case port == was.Port && was.Security != app.SecurityNone && was.Security != "":
		return was.Security
	case port == 465:
		return app.SecurityTLS
	}
	return app.SecuritySTARTTLS
}
