package ui

import (
	"context"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// runLong runs work (Check, Send test e-mail, Validate) on its own
// goroutine behind a progress dialog, so the window stays responsive.
// work returns the function that shows its result, which runs inside
// fyne.Do. Cancel cancels work's context and runs canceled at once; a
// result that arrives after that is dropped. The screen does not wait for
// work to notice: a server can hold a connection open without a word, and
// the mail library below gives up only at its own timeout.
func (w *MainWindow) runLong(title string, work func(ctx context.Context) (show func()), canceled func()) {
	ctx, cancel := context.WithCancel(context.Background())
	var finish sync.Once // either the result or the cancel is shown, never both
	var dlg *dialog.CustomDialog
	stop := widget.NewButton(t("company.progress.cancel", "Cancel"), func() {
		cancel()
		finish.Do(func() {
			dlg.Hide()
			canceled()
		})
	})
	dlg = dialog.NewCustomWithoutButtons(title, container.NewVBox(
		widget.NewLabel(t("company.progress.busy", "Connecting to the server…")), widget.NewProgressBarInfinite()), w.win)
	dlg.SetButtons([]fyne.CanvasObject{stop})
	dlg.Show()
	go func() {
		defer cancel()
		show := work(ctx)
		fyne.Do(func() {
			finish.Do(func() {
				dlg.Hide()
				show()
			})
		})
	}()
}

// canceledText is what a canceled test shows.
func canceledText() string {
	return t("company.progress.canceled", "Canceled: the test was stopped before the server answered.")
}

// resultView is the result of a test next to its buttons (DESIGN.md
// section 2: the reason is shown next to every Test button), with
// manual 002's Detail button, which shows and hides the conversation
// with the server; the button appears once there is a conversation.
type resultView struct {
	outcome    *widget.Label
	reason     *widget.Label
	detail     *widget.Button
	transcript *widget.Label
	box        *fyne.Container
	// relayout, when set, lays the screen out again after the view grew
	// or shrank (a shown or hidden child does not resize its parents).
	relayout func()
	// reveal, when set, scrolls the opened Detail into view, so Save and
	// Cancel below never hide it.
	reveal func()
	// shown hears of every result put on screen, so a test can wait for
	// a run on another goroutine without racing it.
	shown chan struct{}
}

func newResultView() *resultView {
	r := &resultView{outcome: widget.NewLabel(""), reason: widget.NewLabel(""), shown: make(chan struct{}, 16)}
	r.outcome.Wrapping, r.reason.Wrapping = fyne.TextWrapWord, fyne.TextWrapWord
	// A log to read and copy, not to edit: a selectable label in full
	// contrast (a disabled entry drew it in the pale grey of a field
	// that cannot be used).
	r.transcript = widget.NewLabel("")
	r.transcript.TextStyle = fyne.TextStyle{Monospace: true}
	r.transcript.Selectable = true
	r.transcript.Hide()
	r.detail = widget.NewButton(t("company.detail", "Detail"), r.toggleDetail)
	r.detail.Hide()
	r.box = container.NewVBox(r.outcome, r.reason, container.NewHBox(r.detail), r.transcript)
	return r
}

func (r *resultView) toggleDetail() {
	if r.transcript.Visible() {
		r.transcript.Hide()
	} else {
		r.transcript.Show()
	}
	r.layout()
	if r.transcript.Visible() && r.reveal != nil {
		r.reveal()
	}
}

func (r *resultView) layout() {
	r.box.Refresh()
	if r.relayout != nil {
		r.relayout()
	}
}

// show puts a result on screen; ok colours the outcome.
func (r *resultView) show(ok bool, outcome, reason, transcript string) {
	r.outcome.Importance = widget.SuccessImportance
	if !ok {
		r.outcome.Importance = widget.DangerImportance
	}
	r.outcome.SetText(outcome)
	r.reason.SetText(reason)
	r.transcript.SetText(transcript)
	r.transcript.Hide()
	if transcript == "" {
		r.detail.Hide()
	} else {
		r.detail.Show()
	}
	r.layout()
	select {
	case r.shown <- struct{}{}:
	default: // nobody waits (the application): drop it
	}
}
