package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
)

// userSMTPCheck is manual 000's Check button on the user's e-mail tab
// ("Klik nu op de checkknop"): it stores the card as Save does, then
// connects and logs in as a mail from this user would go out, and shows
// the server, the reason for it and the transcript.
type userSMTPCheck struct {
	c      *userCard
	button *widget.Button
	result *resultView
}

func newUserSMTPCheck(c *userCard) *userSMTPCheck {
	k := &userSMTPCheck{c: c, result: newResultView()}
	k.button = widget.NewButton(t("users.check", "Check"), k.run)
	// No room is taken before there is a result.
	k.result.box.Hide()
	k.result.relayout = func() {
		if k.c.tabs != nil {
			k.c.tabs.Refresh()
		}
	}
	return k
}

// beside puts the button, after others, to the right of o (the
// password: the last field of manual 000's settings, where the reader
// looks for it).
func (k *userSMTPCheck) beside(o fyne.CanvasObject, others ...fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(nil, nil, nil, container.NewHBox(append(others, k.button)...), o)
}

func (k *userSMTPCheck) run() {
	if k.c.store() != nil {
		return // refused: the card says why, on the field
	}
	name, act := k.c.u.Name, k.c.s.w.backend.Actions
	k.c.s.w.runLong(t("users.check", "Check"), func(ctx context.Context) func() {
		res, err := act.CheckSMTP(ctx, name)
		return func() { k.show(res, err) }
	}, func() { k.result.show(false, canceledText(), "", "") })
}

func (k *userSMTPCheck) show(res app.SendResult, err error) {
	k.result.box.Show()
	k.result.show(err == nil, sendOutcome(res, err), routeReason(res), res.Transcript)
}
