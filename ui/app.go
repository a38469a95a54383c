// Package ui holds Postbridge's Fyne screens. It is the only package that
// imports fyne; it does not import fyne's app driver, so its tests run on
// the software test driver without a display or CGO. Widgets change only
// inside fyne.Do when work happens on another goroutine.
package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"postbridge/assets"
)

// AppID is the application's unique id (also in FyneApp.toml), under which
// Fyne keeps its preferences.
const AppID = "nl.postbridge.app"

// Title is the window title.
const Title = "Postbridge"

// Icon is the application icon as a Fyne resource.
var Icon = fyne.NewStaticResource("postbridge.png", assets.IconPNG)

// NewMainWindow builds the main window on a.
func NewMainWindow(a fyne.App) fyne.Window {
	a.SetIcon(Icon)
	w := a.NewWindow(Title)
	w.SetIcon(Icon)
	logo := canvas.NewImageFromResource(Icon)
	logo.FillMode = canvas.ImageFillContain
	logo.SetMinSize(fyne.NewSize(128, 128))
	w.SetContent(container.NewCenter(container.NewVBox(
		logo,
		widget.NewLabelWithStyle(Title, fyne.TextAlignCenter, fyne.TextStyle{Bold: true}),
	)))
	w.Resize(fyne.NewSize(960, 640))
	return w
}
