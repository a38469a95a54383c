package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/explain"
)

// maxLogLines bounds the sync log kept in memory.
const maxLogLines = 2000

// log adds an event to the sync log. Called on the Fyne goroutine.
func (w *MainWindow) log(e app.SyncEvent) {
	line := ""
	switch e := e.(type) {
	case app.SyncAccountStarted:
		line = t("synclog.account", "Synchronizing {{.Account}}", map[string]any{"Account": e.Account})
	case app.SyncFolderStarted:
		line = "  " + t("synclog.folder", "folder {{.Folder}}", map[string]any{"Folder": e.Folder})
	case app.SyncWarning:
		line = "  " + t("synclog.warning", "warning: {{.Text}}", map[string]any{"Text": warningText(e)})
	case app.SyncFolderFailed:
		line = "  " + errorLine(e.Err)
	case app.SyncReconnecting:
		line = "  " + t("synclog.reconnecting",
			"connection lost in {{.Folder}} ({{.Text}}); what arrived is kept, reconnecting in {{.Wait}}",
			map[string]any{"Folder": e.Folder, "Text": explain.Error(e.Err), "Wait": e.Wait.String()})
	case app.SyncAccountFailed:
		line = "  " + errorLine(e.Err)
	case app.SyncAccountDone:
		line = "  " + doneLine(e.Counts)
	default:
		return // progress is the toolbar's; an import shows in the totals
	}
	w.logLine(line, e.Origin().AccountID)
}

// logLine adds one line, linked to an account when account is not 0.
// Called on the Fyne goroutine.
func (w *MainWindow) logLine(text string, account uint) {
	w.logLines = append(w.logLines, logEntry{text: w.now().Format("15:04:05 ") + text, account: account})
	if len(w.logLines) > maxLogLines {
		w.logLines = w.logLines[len(w.logLines)-maxLogLines:]
	}
	if w.logList != nil {
		w.logList.Refresh()
	}
}

// logEntry is one line of the sync log and the account it is about.
type logEntry struct {
	text    string
	account uint
}

// errorLine says why a folder or an account failed.
func errorLine(err error) string {
	return t("synclog.error", "error: {{.Text}}", map[string]any{"Text": explain.Error(err)})
}

// doneLine sums up one account's sync for the log.
func doneLine(c app.SyncCounts) string {
	return t("synclog.done",
		"done: {{.Imported}} imported, {{.Filed}} filed, {{.Linked}} linked, {{.Attention}} to look at, {{.Duplicates}} already there",
		map[string]any{"Imported": c.Imported, "Filed": c.Moved, "Linked": c.Linked,
			"Attention": c.NeedsAttention, "Duplicates": c.Duplicates})
}

// syncLogScreen lists what the syncs did; choosing a line about an
// account opens that account's card.
func (w *MainWindow) syncLogScreen() fyne.CanvasObject {
	w.logList = widget.NewList(
		func() int { return len(w.logLines) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(w.logLines[i].text) },
	)
	w.logList.OnSelected = func(i widget.ListItemID) {
		w.logList.Unselect(i)
		if id := w.logLines[i].account; id != 0 {
			w.openAccount(id)
		}
	}
	// Titled like every other screen.
	title := widget.NewLabelWithStyle(t("app.nav.synclog", "Sync log"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewBorder(title, nil, nil, nil, w.logList)
}

// now is the window's clock: the backend's when it has one (fixed for
// screenshots), else the system's.
func (w *MainWindow) now() time.Time {
	if a := w.backend.Actions; a != nil && a.Now != nil {
		return a.Now()
	}
	return time.Now()
}
