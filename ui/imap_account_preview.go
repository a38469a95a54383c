package ui

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/explain"
)

// preview is the card's Preview button: per folder what
// Synchronize would import, move, archive or delete, with counts, sizes
// and the oldest and newest date — nothing changes on the server or in
// the database. It looks at the saved account.
func (c *accountCard) preview() {
	if c.a.ID == 0 {
		return
	}
	var res []app.PreviewResult
	var err error
	c.task(t("account.previewRunning", "Looking at the folders…"), func(ctx context.Context) {
		res, err = c.w().backend.Actions.Preview(ctx, app.SyncFilter{AccountID: c.a.ID})
	}, func() { c.showPreview(res, err) })
}

// previewColumns are the table's headings.
func previewColumns() []string {
	return []string{t("account.previewFolder", "Folder"), t("account.previewMessages", "Messages"),
		t("account.previewSize", "Size"), t("account.previewImport", "Import"), t("account.previewMove", "Move"),
		t("account.previewArchive", "Archive"), t("account.previewDelete", "Delete"),
		t("account.previewOldest", "Oldest"), t("account.previewNewest", "Newest")}
}

func previewCells(p app.SyncFolderPreview) []string {
	if p.Missing {
		return []string{p.Folder, t("account.previewMissing", "(missing)"), "", "", "", "", "", "", ""}
	}
	return []string{p.Folder, strconv.Itoa(p.Messages), megabytes(p.Bytes), strconv.Itoa(p.Import),
		strconv.Itoa(p.Move), strconv.Itoa(p.Archive), strconv.Itoa(p.Delete), day(p.Oldest), day(p.Newest)}
}

func day(d time.Time) string {
	if d.IsZero() {
		return "—"
	}
	return d.Local().Format("2006-01-02")
}

func megabytes(b int64) string { return fmt.Sprintf("%.1f MB", float64(b)/(1<<20)) }

func (c *accountCard) showPreview(res []app.PreviewResult, err error) {
	if err != nil && (len(res) == 0 || len(res[0].Folders) == 0) {
		c.w().showError(err)
		return
	}
	c.previewRows = res[0].Folders
	head := previewColumns()
	table := widget.NewTable(
		func() (int, int) { return len(c.previewRows) + 1, len(head) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row == 0 {
				l.TextStyle.Bold = true
				l.SetText(head[id.Col])
				return
			}
			l.TextStyle.Bold = false
			l.SetText(previewCells(c.previewRows[id.Row-1])[id.Col])
		})
	table.SetColumnWidth(0, 220)
	for i := 1; i < len(head); i++ {
		table.SetColumnWidth(i, 90)
	}
	note := widget.NewLabel(t("account.previewNote", "Nothing has been changed on the server or in Postbridge."))
	if err != nil {
		note.SetText(explain.Error(err))
	}
	d := dialog.NewCustom(t("account.previewTitle", "Preview of the synchronization"), t("account.previewClose", "Close"),
		container.NewBorder(nil, note, nil, nil, table), c.w().win)
	d.Resize(fyne.NewSize(960, 420))
	d.Show()
}
