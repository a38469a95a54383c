package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"

	"postbridge/app"
)

// Manual 004, "Test E-Mail senden": "Mit dieser Funktion können Sie eine
// Test E-Mail an einen beliebigen Empfänger senden." The test mail goes
// out from this account as any of its mail would: through its own SMTP
// server when it has one, else by the standard route; the result names
// the server and why, with manual 002's Detail for the conversation.

// sendTest tests the stored account, as every send uses the stored
// settings; a card with changes is saved first, after asking.
func (s *accountSMTP) sendTest() {
	c := s.c
	if !c.d.changed && c.a.ID != 0 {
		s.runTest()
		return
	}
	confirm(c.w().win, t("account.testSaveFirstTitle", "Save first"),
		t("account.testSaveFirst", "The test uses the saved settings. Save the changes now?"), func() {
			if c.store() == nil { // refused: the card says why, on the field
				s.runTest()
			}
		})
}

// runTest sends on another goroutine behind runLong's progress dialog;
// the result dialog opens inside fyne.Do.
func (s *accountSMTP) runTest() {
	w := s.c.w()
	from := app.Sender{User: s.c.tab.c.u.Name, AccountID: s.c.a.ID}
	to, act := strings.TrimSpace(s.testTo.Text), w.backend.Actions
	w.runLong(t("account.sendTest", "Send test e-mail"), func(ctx context.Context) func() {
		res, err := act.SendTestFrom(ctx, from, to)
		return func() { s.resultDialog(err == nil, sendOutcome(res, err), routeReason(res), res.Transcript) }
	}, func() { s.resultDialog(false, canceledText(), "", "") })
}

// resultDialog shows the outcome in a dialog of its own, over the card:
// its only button is Close, below the conversation, so neither the
// card's Save and Cancel nor the dialog's own button can cover Detail;
// the opened conversation takes the dialog's height and scrolls itself.
func (s *accountSMTP) resultDialog(ok bool, outcome, reason, transcript string) {
	w := s.c.w()
	r := s.result // the last dialog is closed: its widgets move to this one
	body := container.NewBorder(container.NewVBox(r.outcome, r.reason, container.NewHBox(r.detail)), nil, nil, nil,
		container.NewVScroll(r.transcript))
	r.relayout = body.Refresh
	d := dialog.NewCustom(t("account.sendTest", "Send test e-mail"), t("account.testClose", "Close"), body, w.win)
	d.Resize(fyne.NewSize(720, 510))
	d.Show()
	r.show(ok, outcome, reason, transcript) // last: it tells a waiting test the result is on screen
}
