package ui

import (
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
)

// choice is one entry of a select: the value stored and the label a
// person reads.
type choice struct {
	value string
	label string
}

// encryptionOptions are the four security modes of DESIGN.md section 2,
// plus "as the company" when asCompany is set (an IMAP account's empty
// security means the company's).
func encryptionOptions(asCompany bool) []choice {
	list := []choice{
		{string(app.SecurityNone), t("users.securityNone", "None")},
		{string(app.SecuritySTARTTLS), t("users.securityStartTLS", "STARTTLS")},
		{string(app.SecuritySTARTTLSOptional), t("users.securityOptional", "TLS if available")},
		{string(app.SecurityTLS), t("users.securityTLS", "SSL/TLS")},
	}
	if asCompany {
		list = append([]choice{{"", t("users.securityCompany", "As the company")}}, list...)
	}
	return list
}

func choiceLabels(list []choice) []string {
	out := make([]string, len(list))
	for i, c := range list {
		out[i] = c.label
	}
	return out
}

// choiceLabel is the label of value; an unknown value shows the first entry.
func choiceLabel(list []choice, value string) string {
	for _, c := range list {
		if c.value == value {
			return c.label
		}
	}
	return list[0].label
}

func choiceValue(list []choice, label string) string {
	for _, c := range list {
		if c.label == label {
			return c.value
		}
	}
	return list[0].value
}

// newSSLCheck is manual 000's check box "gebruik ssl" beside the finer
// choice sel: ticked is SSL/TLS, unticked takes TLS if available; the two
// follow each other.
func newSSLCheck(sel *widget.Select, choices []choice) *widget.Check {
	tls, optional := choiceLabel(choices, string(app.SecurityTLS)), choiceLabel(choices, string(app.SecuritySTARTTLSOptional))
	check := widget.NewCheck("", func(on bool) {
		switch {
		case on && sel.Selected != tls:
			sel.SetSelected(tls)
		case !on && sel.Selected == tls:
			sel.SetSelected(optional)
		}
	})
	check.SetChecked(sel.Selected == tls)
	before := sel.OnChanged
	sel.OnChanged = func(label string) {
		check.SetChecked(label == tls)
		if before != nil {
			before(label)
		}
	}
	return check
}
