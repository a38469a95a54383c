package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// task runs work (a folder list, a folder creation, a folder operation)
// on its own goroutine behind a progress dialog whose Cancel cancels
// work's context; done runs inside fyne.Do afterwards, so widgets change
// only on Fyne's goroutine.
func (c *accountCard) task(what string, work func(ctx context.Context), done func()) {
	ctx, cancel := context.WithCancel(context.Background())
	status := widget.NewLabel(what)
	stop := widget.NewButton(t("account.taskCancel", "Cancel"), func() {
		cancel()
		status.SetText(t("account.taskStopping", "Stopping…"))
	})
	dlg := dialog.NewCustomWithoutButtons(t("account.taskTitle", "IMAP server"),
		container.NewVBox(status, widget.NewProgressBarInfinite()), c.w().win)
	dlg.SetButtons([]fyne.CanvasObject{stop})
	dlg.Show()
	c.pending.Add(1)
	go func() {
		defer cancel()
		work(ctx)
		fyne.Do(func() {
			defer c.pending.Add(-1)
			dlg.Hide()
			done()
		})
	}()
}
