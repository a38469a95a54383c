package ui

import (
	"encoding/json"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/explain"
)

// addDomainRows lists, under the mailboxes, the sending domains whose
// delivery was checked: the last check's most serious state
// and, when it is not ok, its first line of that state in words, so an
// admin sees that mail from a domain will land in spam before a customer
// says so. Only for those who may change the company's settings.
func (h *healthView) addDomainRows() {
	if !h.w.mayChange(func(r app.Role) bool { return r.ManageCompany || r.OwnMailServer }) {
		return
	}
	list, err := h.w.backend.Actions.Domains()
	if err != nil {
		return
	}
	h.domains = nil
	for _, d := range list {
		if d.CheckedAt == nil || d.Excluded {
			continue
		}
		if h.domains == nil {
			h.rows.Add(widget.NewLabelWithStyle(t("health.domains", "Sending domains"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		}
		h.domains = append(h.domains, d.Domain)
		h.rows.Add(domainHealthRow(d))
		h.rows.Add(widget.NewSeparator())
	}
}

// domainHealthRow is one domain: its state in colour, the domain and
// when it was checked, and what is wrong.
func domainHealthRow(d app.SendingDomain) fyne.CanvasObject {
	worst := app.DeliverStatus(d.CheckWorst)
	state := widget.NewLabelWithStyle(explain.Status(worst), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	state.Importance = statusImportance(worst)
	head := widget.NewLabelWithStyle(t("health.domain_checked", "{{.Domain}}: delivery checked {{.When}}",
		map[string]any{"Domain": d.Domain, "When": when(d.CheckedAt)}), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	lines := container.NewVBox(container.NewHBox(state, head))
	var rep app.DeliverReport
	if worst == app.DeliverStatusOK || json.Unmarshal([]byte(d.CheckReport), &rep) != nil {
		return lines
	}
	for _, f := range rep.Findings {
		if f.Status == worst {
			l := widget.NewLabel(explain.CheckName(f.Check) + ": " + explain.Finding(f))
			l.Wrapping = fyne.TextWrapWord
			lines.Add(l)
			break
		}
	}
	return lines
}
