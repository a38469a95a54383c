package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/app/autosync"
	"postbridge/explain"
	"postbridge/problem"
)

// healthScreen is the admins' view of every mailbox (like
// Dynamics 365's mailbox health page): per user and IMAP account its
// state, failing ones first, with the last error explained, since when,
// what was imported, what waits for attention, the next automatic sync
// and the server's quota. "Open account" opens the account's card. A
// user without the right to manage users sees only their own mailboxes.
func (w *MainWindow) healthScreen() fyne.CanvasObject {
	h := &healthView{w: w, rows: container.NewVBox()}
	refresh := widget.NewButtonWithIcon(t("health.refresh", "Refresh"), theme.ViewRefreshIcon(), h.reload)
	title := widget.NewLabelWithStyle(t("health.title", "Mailbox health"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	h.reload()
	w.health = h
	return container.NewBorder(container.NewHBox(title, refresh), nil, nil, nil, container.NewVScroll(h.rows))
}

// healthView is the Health screen's state.
type healthView struct {
	w     *MainWindow
	rows  *fyne.Container
	shown []autosync.Judged // as shown, for tests
	// domains are the sending domains shown with their last check.
	domains []string
}

// reload reads the health rows again. Called on Fyne's goroutine.
func (h *healthView) reload() {
	now := h.w.now()
	rows, err := h.w.backend.Actions.HealthRows(now)
	if err != nil {
		h.w.showError(err)
		return
	}
	// Every mailbox for those who manage users; the others see their own.
	if !h.w.mayChange(func(r app.Role) bool { return r.ManageUsers }) {
		own := rows[:0]
		for _, r := range rows {
			if r.User == h.w.toolbar.user.Selected {
				own = append(own, r)
			}
		}
		rows = own
	}
	h.shown = autosync.Overview(rows, now)
	h.rows.Objects = nil
	for _, j := range h.shown {
		h.rows.Add(h.row(j))
		h.rows.Add(widget.NewSeparator())
	}
	if len(h.shown) == 0 {
		h.rows.Add(widget.NewLabel(t("health.none", "No IMAP accounts yet.")))
	}
	h.addDomainRows() // health_domains.go
	h.rows.Refresh()
}

// row is one account: a coloured state, who and which account, the
// figures, and the last error in words.
func (h *healthView) row(j autosync.Judged) fyne.CanvasObject {
	state := widget.NewLabelWithStyle(healthStateText(j.State), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	state.Importance = map[autosync.State]widget.Importance{autosync.StateOK: widget.SuccessImportance,
		autosync.StateWarning: widget.WarningImportance, autosync.StateFailing: widget.DangerImportance}[j.State]
	who := widget.NewLabelWithStyle(j.User+" — "+j.Account, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	open := widget.NewButton(t("health.open", "Open account"), func() { h.w.openAccount(j.AccountID) })
	lines := container.NewVBox(container.NewHBox(state, who, open))
	// Every line wraps: one long line would widen the whole list.
	wrapped := func(text string) *widget.Label {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	if j.Reason != autosync.ReasonNone {
		lines.Add(wrapped(t("health.reason."+string(j.Reason), j.Reason.English())))
	}
	lines.Add(wrapped(h.figures(j)))
	if j.Failing() {
		sentence, detail := storedError(explain.LastFailure(j.AccountHealth))
		e := wrapped(t("health.lastError", "Last error (since {{.Since}}): {{.Error}}",
			map[string]any{"Since": when(j.ErrorSince), "Error": sentence}))
		e.Importance = widget.DangerImportance
		lines.Add(e)
		if detail != "" {
			// The server's own words, in its language, named as such.
			lines.Add(wrapped(t("health.serverSaid", "The server's own words: {{.Text}}", map[string]any{"Text": detail})))
		}
	}
	for _, m := range j.Refused {
		r := wrapped(t("health.refused", "Left on the server for its size: {{.Folder}} UID {{.UID}}, {{.Size}} bytes, {{.When}} ({{.Reason}})",
			map[string]any{"Folder": m.Folder, "UID": m.UID, "Size": m.Size, "When": when(&m.RefusedAt), "Reason": explain.Problem(m.Reason)}))
		r.Importance = widget.WarningImportance
		lines.Add(r)
	}
	return lines
}

func (h *healthView) figures(j autosync.Judged) string {
	text := t("health.figures", "Last successful sync: {{.Last}} · imported today {{.Today}}, in all {{.Total}} · waiting for attention {{.Attention}}",
		map[string]any{"Last": when(j.LastSuccess), "Today": j.ImportedToday, "Total": j.ImportedTotal, "Attention": j.NeedsAttention})
	if j.AutoSync {
		text += " · " + t("health.next", "next automatic sync {{.Next}}", map[string]any{"Next": when(j.NextSync)})
	}
	if j.QuotaLimit > 0 {
		text += " · " + t("health.quota", "quota {{.Percent}}% of {{.Limit}} MB",
			map[string]any{"Percent": j.QuotaUsed * 100 / j.QuotaLimit, "Limit": j.QuotaLimit >> 20})
	}
	return text
}

func healthStateText(s autosync.State) string {
	switch s {
	case autosync.StateFailing:
		return t("health.failing", "Failing")
	case autosync.StateWarning:
		return t("health.warning", "Warning")
	}
	return t("health.ok", "OK")
}

// when is a moment as the health view shows it; "—" for never.
func when(at *time.Time) string {
	if at == nil {
		return "—"
	}
	return at.Local().Format("2006-01-02 15:04")
}

// storedError splits a stored failure into the sentence in the reader's
// language and the error's own text (the server's words), which follow
// on a line of their own; detail is empty when no sentence is known.
func storedError(p problem.P) (sentence, detail string) {
	if s, ok := explain.ProblemSentence(p); ok && p.Arg("detail") != "" {
		return s, p.Arg("detail")
	}
	return explain.Problem(p), ""
}

// sentenceOnly is explain's sentence for err without the error's own
// text after it, as a sentence; the whole text when no sentence is known.
func sentenceOnly(err error) string {
	if s, ok := explain.Sentence(err); ok && s != "" {
		return sentence(s) + "."
	}
	return explain.Error(err)
}
