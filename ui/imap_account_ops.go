package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
)

// The folder menu of manual 001 — Download once ("Last ned Mappe"),
// ReIndex Folder, Purge Delete Folder — runs on the saved account, on
// the folder chosen in the tree.

// opFolder is the chosen folder, or "" after telling why there is none:
// the account must be saved (the engine reads it from the database) and
// a folder chosen.
func (ft *folderTree) opFolder() string {
	c := ft.c
	switch {
	case c.a.ID == 0 || c.d.changed:
		ft.tell(t("account.saveAccountFirst", "Save the account first: the folder menu works on the saved account."))
		return ""
	case ft.selected < 0 || ft.selected >= len(ft.rows):
		ft.tell(t("account.pickFolderFirst", "Choose a folder in the list first."))
		return ""
	}
	return ft.rows[ft.selected].Name
}

func (ft *folderTree) tell(text string) {
	d := dialog.NewInformation(t("account.opTitle", "Folder"), text, ft.c.w().win)
	d.Show()
}

// confirmReIndex asks first: ReIndex forgets what was stored of the
// folder and imports it again.
func (ft *folderTree) confirmReIndex() {
	folder := ft.opFolder()
	if folder == "" {
		return
	}
	q := widget.NewLabel(t("account.reindexQuestion",
		"ReIndex forgets what Postbridge stored of {{.Folder}} and imports it again, linking it anew. Continue?",
		map[string]string{"Folder": folder}))
	q.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(t("account.reindex", "ReIndex"), t("account.yes", "Yes"), t("account.no", "No"), q,
		func(yes bool) {
			if yes {
				ft.runOpOn(app.OpReIndex, folder)
			}
		}, ft.c.w().win)
	d.Resize(fyne.NewSize(440, 200))
	d.Show()
}

func (ft *folderTree) runOp(op app.FolderOp) {
	if folder := ft.opFolder(); folder != "" {
		ft.runOpOn(op, folder)
	}
}

func (ft *folderTree) runOpOn(op app.FolderOp, folder string) {
	c := ft.c
	target := app.FolderTarget{User: c.tab.c.u.Name, AccountID: c.a.ID, Folder: folder}
	var counts app.SyncCounts
	var err error
	c.task(t("account.opRunning", "Working on {{.Folder}}…", map[string]string{"Folder": folder}), func(ctx context.Context) {
		counts, err = c.w().backend.Actions.RunFolderOp(ctx, op, target, nil)
	}, func() {
		if err != nil {
			c.w().showError(err)
			return
		}
		ft.tell(t("account.opDone", "{{.Folder}}: {{.Imported}} imported, {{.Purged}} purged.", map[string]any{
			"Folder": folder, "Imported": counts.Imported, "Purged": counts.Purged}))
	})
}
