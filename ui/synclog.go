package ui

import (
	"fmt"
	"postbridge/explain"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"postbridge/mail/imapsync"
)

// maxLogLines bounds the sync log kept in memory.
const maxLogLines = 2000

// log adds an event to the sync log. Called on the Fyne goroutine.
func (w *MainWindow) log(e imapsync.Event) {
	line := ""
	switch e.Kind {
	case imapsync.EventAccountStarted:
		line = "Synchronizing " + e.Account
	case imapsync.EventFolderStarted:
		line = "  folder " + e.Folder
	case imapsync.EventWarning:
		line = "  warning: " + e.Text
	case imapsync.EventError:
		line = "  error: " + explain.Error(e.Err)
	case imapsync.EventDone:
		c := e.Counts
		line = fmt.Sprintf("  done: %d imported, %d filed, %d linked, %d need attention, %d duplicates",
			c.Imported, c.Moved, c.Linked, c.NeedsAttention, c.Duplicates)
	default:
		return
	}
	w.logLines = append(w.logLines, time.Now().Format("15:04:05 ")+line)
	if len(w.logLines) > maxLogLines {
		w.logLines = w.logLines[len(w.logLines)-maxLogLines:]
	}
	if w.logList != nil {
		w.logList.Refresh()
	}
}

func (w *MainWindow) syncLogScreen() fyne.CanvasObject {
	w.logList = widget.NewList(
		func() int { return len(w.logLines) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(w.logLines[i]) },
	)
	return w.logList
}
