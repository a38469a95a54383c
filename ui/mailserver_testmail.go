package ui

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/explain"
)

// Manual 002, "Instellingen testen": 'Test e-mail versturen' sends a
// test e-mail to the company's general address through this server; a
// message says whether it went, and 'Detail' shows and hides the
// conversation with the server.

// testArea is the test button with the result below it.
func (c *mailServerCard) testArea() fyne.CanvasObject {
	c.testBtn = widget.NewButton(t("mailservers.sendTest", "Send test e-mail"), c.sendTest)
	// Find settings and the test share a row, so both show without
	// scrolling the card in the window's first size (1024×680).
	return container.NewVBox(container.NewHBox(c.findSMTP(), c.testBtn), c.result.box)
}

// sendTest tests the stored server, as every send uses the stored
// settings; a card with changes is saved first, after asking.
func (c *mailServerCard) sendTest() {
	if !c.unsaved() {
		c.runTest()
		return
	}
	confirm(c.s.w.win, t("mailservers.saveFirstTitle", "Save first"),
		t("mailservers.saveFirst", "The test uses the saved settings. Save the changes now?"), func() {
			if err := c.store(); err != nil {
				c.dlg.Hide()
				c.refuse(err) // opens the card again with the field marked
				return
			}
			c.runTest()
		})
}

// runTest sends on another goroutine behind a progress dialog whose
// Cancel stops the attempt; the result reaches the card inside fyne.Do.
func (c *mailServerCard) runTest() {
	ctx, cancel := context.WithCancel(context.Background())
	id, user, m := c.m.ID, c.s.w.toolbar.user.Selected, c.m
	progress := dialog.NewCustomWithoutButtons(t("mailservers.sendTest", "Send test e-mail"),
		container.NewVBox(widget.NewLabel(t("mailservers.testBusy", "Sending through {{.Server}}…",
			map[string]any{"Server": m.Identification})), widget.NewProgressBarInfinite()), c.s.w.win)
	progress.SetButtons([]fyne.CanvasObject{widget.NewButton(t("mailservers.cancel", "Cancel"), cancel)})
	progress.Show()
	go func() {
		defer cancel()
		res, err := c.s.w.backend.Actions.SendTestThrough(ctx, id, user)
		fyne.Do(func() {
			progress.Hide()
			c.showTestResult(m, res, err)
		})
	}()
}

// showTestResult says whether the test e-mail went, through which
// server, and keeps the conversation for Detail.
func (c *mailServerCard) showTestResult(m app.MailServer, res app.SendResult, err error) {
	outcome := t("mailservers.testSent", "The test e-mail was sent to {{.To}}.", map[string]any{"To": res.To})
	if err != nil {
		outcome = explain.Error(err)
		if res.Transcript != "" {
			// Detail holds the server's own words; the line above it
			// speaks the window's language only.
			outcome = sentenceOnly(err)
		}
	}
	server := t("mailservers.testServer", "Mail server {{.Server}}: {{.Host}}, port {{.Port}}",
		map[string]any{"Server": m.Identification, "Host": m.Host, "Port": strconv.Itoa(m.Port)})
	c.result.show(err == nil, outcome, server, res.Transcript)
}
