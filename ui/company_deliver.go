package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/explain"
)

// checkDelivery is the Domains tab's Check delivery button:
// SPF, DMARC, MX and reverse DNS of the selected domain for the route its
// mail takes, shown as a table with what to change on each line.
func (c *companyDomains) checkDelivery() {
	if c.selected < 0 {
		c.s.showMessage(t("company.deliver.choose", "Choose a domain in the list first."))
		return
	}
	name := c.rows[c.selected].Domain
	w := c.s.w
	w.runLong(t("company.deliver.title", "Delivery of {{.Domain}}", map[string]string{"Domain": name}),
		func(ctx context.Context) func() {
			res, err := w.backend.Actions.CheckDomain(ctx, name, app.DomainCheckOptions{})
			return func() { c.showCheck(res, err) }
		}, func() { c.s.showMessage(canceledText()) })
}

// showCheck shows a finished check: its table, and its line in the list's
// Delivery column. Called on Fyne's goroutine.
func (c *companyDomains) showCheck(res app.DomainCheck, err error) {
	if err != nil {
		c.s.w.showError(err)
		return
	}
	c.lastCheck = &res
	c.reload() // the list's Delivery column
	c.s.w.showDelivery(res)
}

// deliveryState is the domain list's Delivery column: the last check's
// most serious line and when it ran; empty before the first.
func deliveryState(d *app.SendingDomain) string {
	if d.CheckedAt == nil {
		return ""
	}
	return explain.Status(app.DeliverStatus(d.CheckWorst)) + " — " + d.CheckedAt.Local().Format("2006-01-02 15:04")
}

// showDelivery opens the deliverability table of one check.
func (w *MainWindow) showDelivery(res app.DomainCheck) {
	d := dialog.NewCustom(t("company.deliver.title", "Delivery of {{.Domain}}", map[string]string{"Domain": res.Report.Domain}),
		t("company.deliver.close", "Close"), container.NewVScroll(deliveryTable(res)), w.win)
	d.Resize(fyne.NewSize(940, 620))
	d.Show()
}

// deliveryTable is the route, the sending addresses, and one row per
// finding: the check, its status in colour, and the sentence.
func deliveryTable(res app.DomainCheck) fyne.CanvasObject {
	rep := res.Report
	addrs := strings.Join(rep.IPs, ", ")
	if addrs == "" {
		addrs = "–"
	}
	head := widget.NewLabel(reasonText(res.Route.Reason) + "\n" +
		t("company.deliver.addresses", "Sending address: {{.Addresses}}", map[string]string{"Addresses": addrs}))
	head.Wrapping = fyne.TextWrapWord
	rows := container.NewVBox(head, deliveryRow(
		widget.NewLabelWithStyle(t("company.deliver.check", "Check"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle(t("company.deliver.status", "Status"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle(t("company.deliver.finding", "What was found, and what to change"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})))
	for _, f := range rep.Findings {
		status := widget.NewLabelWithStyle(explain.Status(f.Status), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		status.Importance = statusImportance(f.Status)
		text := widget.NewLabel(explain.Finding(f))
		text.Wrapping = fyne.TextWrapWord
		rows.Add(widget.NewSeparator())
		rows.Add(deliveryRow(widget.NewLabel(explain.CheckName(f.Check)), status, text))
	}
	return rows
}

// deliveryRow lays out one row: two narrow columns and the sentence,
// which takes the rest of the width and wraps.
func deliveryRow(check, status, text fyne.CanvasObject) fyne.CanvasObject {
	narrow := container.New(layout.NewGridWrapLayout(fyne.NewSize(70, 36)), check)
	wide := container.New(layout.NewGridWrapLayout(fyne.NewSize(130, 36)), status)
	return container.NewBorder(nil, nil, container.NewHBox(narrow, wide), nil, text)
}

// statusImportance colours ok, warning and failing.
func statusImportance(s app.DeliverStatus) widget.Importance {
	switch s {
	case app.DeliverStatusOK:
		return widget.SuccessImportance
	case app.DeliverStatusWarning:
		return widget.WarningImportance
	}
	return widget.DangerImportance
}
