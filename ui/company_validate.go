package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/explain"
)

// domainValidation is manual 003's "SMTP server validatie": Domain, From
// and To; a code is mailed through the own mail server to the To address,
// and the admin types it in, after which the domain is on the list.
type domainValidation struct {
	s                *companyScreen
	result           *resultView
	domain, from, to *widget.Entry // of the open dialog (tests)
	code             *widget.Entry
}

func newDomainValidation(s *companyScreen) *domainValidation {
	return &domainValidation{s: s, result: newResultView()}
}

// open shows the dialog, with the domain of the company's address filled in.
func (v *domainValidation) open() {
	v.domain, v.from, v.to = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	if e := v.s.saved.Email; strings.Contains(e, "@") {
		v.domain.SetText(app.DomainOf(e))
	}
	intro := widget.NewLabel(t("company.validate.intro", "Enter the domain you want to send from, and a From and a To address in that domain that you can read. The To address receives an e-mail with a validation code."))
	intro.Wrapping = fyne.TextWrapWord
	// From and To are typed as the part before a fixed "@domain", which
	// follows the domain typed above (manual 003's dialog).
	fromAt, toAt := widget.NewLabel(""), widget.NewLabel("")
	v.domain.OnChanged = func(d string) {
		at := "@" + strings.TrimSpace(d)
		fromAt.SetText(at)
		toAt.SetText(at)
	}
	v.domain.OnChanged(v.domain.Text)
	v.from.SetPlaceHolder("info")
	v.to.SetPlaceHolder("postmaster")
	form := widget.NewForm(
		widget.NewFormItem(t("company.validate.domain", "Domain"), v.domain),
		widget.NewFormItem(t("company.validate.from", "From"), container.NewBorder(nil, nil, nil, fromAt, v.from)),
		widget.NewFormItem(t("company.validate.to", "To"), container.NewBorder(nil, nil, nil, toAt, v.to)),
	)
	d := dialog.NewCustomConfirm(t("company.validate.title", "SMTP server validation"),
		t("company.validate.send", "Send validation code"), t("company.cancel", "Cancel"),
		container.NewVBox(intro, form), func(send bool) {
			if send {
				v.send(v.domain.Text, inDomain(v.from.Text, v.domain.Text), inDomain(v.to.Text, v.domain.Text))
			}
		}, v.s.w.win)
	d.Resize(fyne.NewSize(560, 360))
	d.Show()
}

// inDomain is the address of local part local in domain; a whole
// address typed is taken as it is.
func inDomain(local, domain string) string {
	local = strings.TrimSpace(local)
	if local == "" || strings.Contains(local, "@") {
		return local
	}
	return local + "@" + strings.TrimSpace(domain)
}

// send mails the code on a goroutine; on success the code is asked for.
func (v *domainValidation) send(domain, from, to string) {
	act := v.s.w.backend.Actions
	v.s.w.runLong(t("company.validate.title", "SMTP server validation"), func(ctx context.Context) func() {
		res, err := act.ValidateDomain(ctx, domain, from, to)
		return func() { v.showSent(domain, to, res, err) }
	}, func() {
		v.result.show(false, canceledText(), "", "")
	})
}

// showSent shows how sending the code went, and asks for the code.
func (v *domainValidation) showSent(domain, to string, res app.SendResult, err error) {
	if err != nil {
		v.s.w.showError(err)
		v.result.show(false, explain.Error(err), routeReason(res), res.Transcript)
		return
	}
	v.s.domains.reload()
	v.askCode(domain)
	v.result.show(true, t("company.validate.sent", "The validation code was sent to {{.To}}.",
		map[string]string{"To": to}), routeReason(res), res.Transcript)
}

// askCode asks for the code from the validation e-mail.
func (v *domainValidation) askCode(domain string) {
	v.code = widget.NewEntry()
	v.code.SetPlaceHolder("KZ42M…")
	d := dialog.NewForm(t("company.validate.title", "SMTP server validation"),
		t("company.validate.confirm", "Validate"), t("company.cancel", "Cancel"),
		[]*widget.FormItem{widget.NewFormItem(t("company.validate.code", "Validation code"), v.code)},
		func(ok bool) {
			if ok {
				v.confirm(domain, v.code.Text)
			}
		}, v.s.w.win)
	d.Show()
}

func (v *domainValidation) confirm(domain, code string) {
	who := v.s.w.toolbar.user.Selected
	if err := v.s.w.backend.Actions.ConfirmDomain(domain, code, who); err != nil {
		v.s.w.showError(err)
		v.result.show(false, explain.Error(err), "", "")
		return
	}
	v.s.domains.reload()
	v.result.show(true, t("company.validate.done", "{{.Domain}} is validated: mail from this domain now goes through the own mail server.",
		map[string]string{"Domain": strings.ToLower(strings.TrimSpace(domain))}), "", "")
}
