package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/explain"
)

// companyDomains is the Domains tab (manual 003): the sending domains of
// the own mail server with Disable, New domain and Delete, and the
// excluded domains, which never go through it. Like manual 003's list
// buttons (and the Mail servers list), these act at once, not on Save.
type companyDomains struct {
	s        *companyScreen
	rows     []app.SendingDomain
	excluded []app.SendingDomain
	list     *recordTable[app.SendingDomain]
	exList   *widget.List
	selected int
	exSel    int

	disableBtn, newBtn, deleteBtn *widget.Button
	checkBtn                      *widget.Button
	// lastCheck is the last deliverability check shown (company_deliver.go).
	lastCheck       *app.DomainCheck
	exEntry         *widget.Entry
	exAdd, exRemove *widget.Button
}

func newCompanyDomains(s *companyScreen) *companyDomains {
	c := &companyDomains{s: s, selected: -1, exSel: -1}
	c.list = newRecordTable(&c.rows, domainColumns())
	c.list.OnSelected = func(i int) { c.selected = i; c.updateDisableText() }
	c.list.OnUnselected = func(int) { c.selected = -1 }
	c.exList = widget.NewList(func() int { return len(c.excluded) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(c.excluded[i].Domain) })
	c.exList.OnSelected = func(i widget.ListItemID) { c.exSel = i }
	c.exList.OnUnselected = func(widget.ListItemID) { c.exSel = -1 }
	c.disableBtn = widget.NewButton(t("company.domains.disable", "Disable"), c.toggleDisabled)
	c.newBtn = widget.NewButton(t("company.domains.new", "New domain"), func() { s.whenSaved(s.own.validation.open) })
	c.deleteBtn = widget.NewButton(t("company.domains.delete", "Delete"), c.confirmDelete)
	c.checkBtn = widget.NewButton(t("company.deliver.button", "Check delivery"), func() { s.whenSaved(c.checkDelivery) })
	c.exEntry = widget.NewEntry()
	c.exEntry.SetPlaceHolder("example.nl")
	c.exAdd = widget.NewButton(t("company.domains.exclude", "Add"), c.addExcluded)
	c.exRemove = widget.NewButton(t("company.domains.unexclude", "Remove"), c.removeExcluded)
	c.reload()
	return c
}

func (c *companyDomains) object() fyne.CanvasObject {
	bold := fyne.TextStyle{Bold: true}
	sending := container.NewBorder(container.NewVBox(
		container.NewHBox(c.disableBtn, c.newBtn, c.deleteBtn, c.checkBtn)), nil, nil, nil, c.list)
	excluded := container.NewBorder(container.NewVBox(
		widget.NewLabelWithStyle(t("company.domains.excluded", "Excluded domains"), fyne.TextAlignLeading, bold),
		container.NewBorder(nil, nil, nil, container.NewHBox(c.exAdd, c.exRemove), c.exEntry)), nil, nil, nil, c.exList)
	split := container.NewVSplit(sending, excluded)
	split.Offset = 0.6
	return split
}

// domainColumns are manual 003's domain list: the domain and its state.
func domainColumns() []column[app.SendingDomain] {
	return []column[app.SendingDomain]{
		{title: t("company.domains.sending", "Domain name"), weight: 2,
			text: func(d *app.SendingDomain) string { return d.Domain }},
		{title: t("company.domains.status", "Status"), weight: 7, text: domainStatus},
		{title: t("company.deliver.column", "Delivery"), weight: 2, text: deliveryState},
	}
}

// domainStatus is validated when and by whom, disabled, or waiting for
// its code.
func domainStatus(d *app.SendingDomain) string {
	switch {
	case d.Disabled:
		return t("company.domains.disabled", "disabled")
	case d.ValidatedAt != nil:
		return t("company.domains.validated", "validated on {{.When}} by {{.Who}}",
			map[string]string{"When": d.ValidatedAt.Local().Format("2006-01-02 15:04"), "Who": d.ValidatedBy})
	}
	return t("company.domains.pending", "waiting for the validation code")
}

// reload reads the domains; excluded ones are listed apart.
func (c *companyDomains) reload() {
	all, err := c.s.w.backend.Actions.Domains()
	if err != nil {
		c.s.showMessage(explain.Error(err))
		return
	}
	c.rows, c.excluded = nil, nil
	for _, d := range all {
		if d.Excluded {
			c.excluded = append(c.excluded, d)
		} else {
			c.rows = append(c.rows, d)
		}
	}
	c.list.UnselectAll()
	c.exList.UnselectAll()
	c.selected, c.exSel = -1, -1
	c.list.Refresh()
	c.exList.Refresh()
}

// updateDisableText makes the button say what it will do to the selection.
func (c *companyDomains) updateDisableText() {
	if c.selected >= 0 && c.rows[c.selected].Disabled {
		c.disableBtn.SetText(t("company.domains.enable", "Enable"))
	} else {
		c.disableBtn.SetText(t("company.domains.disable", "Disable"))
	}
}

func (c *companyDomains) toggleDisabled() {
	if c.selected < 0 {
		return
	}
	d := c.rows[c.selected]
	c.act(c.s.w.backend.Actions.SetDomainDisabled(d.Domain, !d.Disabled))
}

// confirmDelete asks before a domain leaves the list.
func (c *companyDomains) confirmDelete() {
	if c.selected < 0 {
		return
	}
	domain := c.rows[c.selected].Domain
	d := dialog.NewConfirm(t("company.domains.delete", "Delete"),
		t("company.domains.delete_question", "Are you sure you want to delete the domain {{.Domain}}?", map[string]string{"Domain": domain}),
		func(yes bool) {
			if yes {
				c.act(c.s.w.backend.Actions.DeleteDomain(domain))
			}
		}, c.s.w.win)
	d.Show()
}

func (c *companyDomains) addExcluded() {
	domain := strings.ToLower(strings.TrimSpace(c.exEntry.Text))
	if domain == "" || !strings.Contains(domain, ".") || strings.ContainsAny(domain, "@ /") {
		c.s.w.showError(errors.New(t("company.domains.not_a_domain", "{{.Domain}} is not a domain name", map[string]string{"Domain": c.exEntry.Text})))
		return
	}
	if err := c.s.w.backend.Actions.SetDomainExcluded(domain, true); err != nil {
		c.s.w.showError(err)
		return
	}
	c.exEntry.SetText("")
	c.reload()
}

// removeExcluded takes a domain off the excluded list; one that was never
// validated nor waits for a code then has no reason to stay on any list.
func (c *companyDomains) removeExcluded() {
	if c.exSel < 0 {
		return
	}
	d := c.excluded[c.exSel]
	if d.ValidatedAt == nil && d.CodeHash == "" {
		c.act(c.s.w.backend.Actions.DeleteDomain(d.Domain))
		return
	}
	c.act(c.s.w.backend.Actions.SetDomainExcluded(d.Domain, false))
}

// act shows a failed list action, and the list as it now is.
func (c *companyDomains) act(err error) {
	if err != nil {
		c.s.w.showError(err)
	}
	c.reload()
}

func (c *companyDomains) setEditable(on bool) {
	setEnabled(on, c.disableBtn, c.newBtn, c.deleteBtn, c.exEntry, c.exAdd, c.exRemove)
}
