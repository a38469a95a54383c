package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"postbridge/explain"
	"postbridge/mail/imapsync"
)

// maxLogLines bounds the sync log kept in memory.
const maxLogLines = 2000

// log adds an event to the sync log. Called on the Fyne goroutine.
func (w *MainWindow) log(e imapsync.Event) {
	line := ""
	switch e.Kind {
	case imapsync.EventAccountStarted:
		line = t("synclog.account", "Synchronizing {{.Account}}", map[string]any{"Account": e.Account})
	case imapsync.EventFolderStarted:
		line = "  " + t("synclog.folder", "folder {{.Folder}}", map[string]any{"Folder": e.Folder})
	case imapsync.EventWarning:
		line = "  " + t("synclog.warning", "warning: {{.Text}}", map[string]any{"Text": e.Text})
	case imapsync.EventError:
		line = "  " + t("synclog.error", "error: {{.Text}}", map[string]any{"Text": explain.Error(e.Err)})
	case imapsync.EventDone:
		line = "  " + doneLine(e.Counts)
	default:
		return
	}
	w.logLines = append(w.logLines, w.now().Format("15:04:05 ")+line)
	if len(w.logLines) > maxLogLines {
		w.logLines = w.logLines[len(w.logLines)-maxLogLines:]
	}
	if w.logList != nil {
		w.logList.Refresh()
	}
}

// doneLine sums up one account's sync for the log.
func doneLine(c imapsync.Counts) string {
	return t("synclog.done",
		"done: {{.Imported}} imported, {{.Filed}} filed, {{.Linked}} linked, {{.Attention}} need attention, {{.Duplicates}} duplicates",
		map[string]any{"Imported": c.Imported, "Filed": c.Moved, "Linked": c.Linked,
			"Attention": c.NeedsAttention, "Duplicates": c.Duplicates})
}

func (w *MainWindow) syncLogScreen() fyne.CanvasObject {
	w.logList = widget.NewList(
		func() int { return len(w.logLines) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(w.logLines[i]) },
	)
	return w.logList
}

// now is the window's clock: the backend's when it has one (fixed for
// screenshots), else the system's.
func (w *MainWindow) now() time.Time {
	if a := w.backend.Actions; a != nil && a.Now != nil {
		return a.Now()
	}
	return time.Now()
}
