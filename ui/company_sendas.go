package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/explain"
)

// sendAsCheck is the Own mail server tab's send-as check (manual 003's
// mailbox mode: "remember to give it send-as rights"): for a chosen user,
// may the service mailbox send as that user's address? The server is
// asked with MAIL FROM and RSET; nothing is sent.
type sendAsCheck struct {
	s      *companyScreen
	user   *widget.Select
	send   *widget.Check
	btn    *widget.Button
	result *resultView
}

func newSendAsCheck(s *companyScreen) *sendAsCheck {
	c := &sendAsCheck{s: s, user: widget.NewSelect(nil, nil), result: newResultView()}
	c.user.PlaceHolder = t("company.sendas.user", "(choose a user)")
	// Microsoft 365 judges Send As only after the message (5.7.60).
	c.send = widget.NewCheck(t("company.sendas.send", "Send a real test mail to the company's address"), nil)
	c.btn = widget.NewButton(t("company.sendas.button", "Check send-as rights"), func() { s.whenSaved(c.run) })
	c.reload()
	return c
}

func (c *sendAsCheck) object() fyne.CanvasObject {
	return container.NewVBox(
		widget.NewLabelWithStyle(t("company.sendas.heading", "Send-as rights (mailbox mode)"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewBorder(nil, nil, nil, c.btn, c.user), c.send,
		c.result.box)
}

// reload lists the users to choose from.
func (c *sendAsCheck) reload() {
	users, err := c.s.w.backend.Actions.Users()
	if err != nil {
		return
	}
	names := make([]string, 0, len(users))
	for _, u := range users {
		names = append(names, u.Name)
	}
	c.user.SetOptions(names)
}

func (c *sendAsCheck) run() {
	if c.user.Selected == "" {
		c.result.show(false, t("company.sendas.choose", "Choose the user whose address the service mailbox sends as."), "", "")
		return
	}
	name, act := c.user.Selected, c.s.w.backend.Actions
	check := act.CheckSendAs
	if c.send.Checked {
		check = act.CheckSendAsByMail
	}
	c.s.w.runLong(t("company.sendas.button", "Check send-as rights"), func(ctx context.Context) func() {
		res, err := check(ctx, name)
		return func() { c.show(res, err) }
	}, func() {
		c.result.show(false, canceledText(), "", "")
	})
}

// show puts the outcome next to the button: the sentence with the
// server's codes, the route, and the conversation behind Detail.
func (c *sendAsCheck) show(res app.SendAsCheck, err error) {
	reason := ""
	if res.Route.Reason.Key != "" {
		reason = reasonText(res.Route.Reason)
	}
	if err != nil {
		c.result.show(false, explain.Error(err), reason, res.Result.Transcript)
		return
	}
	c.result.show(res.Accepted(), explain.SendAs(res), reason, res.Result.Transcript)
}
