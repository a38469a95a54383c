package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/version"
)

// aboutButton sits under the navigation: the version is what support asks
// for first, and an admin checks it after an upgrade. (A main menu would
// bring Fyne's own Quit item, which skips the question asked when the
// window is closed during a sync.)
func (w *MainWindow) aboutButton() *widget.Button {
	b := widget.NewButtonWithIcon(t("about.button", "About"), theme.InfoIcon(), w.showAbout)
	b.Importance = widget.LowImportance
	return b
}

// showAbout shows the name, the version from FyneApp.toml (the one the
// installer carries) and which database this window works on.
func (w *MainWindow) showAbout() {
	v := version.Current()
	icon := canvas.NewImageFromResource(Icon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(64, 64))
	name := widget.NewLabelWithStyle(v.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	lines := container.NewVBox(
		name,
		widget.NewLabel(t("about.version", "Version {{.Version}} (build {{.Build}})",
			map[string]any{"Version": v.Version, "Build": v.Build})),
		widget.NewLabel(t("about.purpose", "Connects the office's business software to its own mail server.")),
		widget.NewLabel(t("about.database", "Database: {{.Kind}}, schema {{.Schema}}",
			map[string]any{"Kind": databaseKindName(w.backend.Actions.DatabaseKind()), "Schema": app.SchemaVersion})),
	)
	d := dialog.NewCustom(t("about.title", "About Postbridge"), t("about.close", "Close"),
		container.NewBorder(nil, nil, icon, nil, lines), w.win)
	d.Show()
}

// databaseKindName is the database product an admin recognises.
func databaseKindName(kind string) string {
	if kind == "postgres" {
		return "PostgreSQL"
	}
	return "SQLite"
}
