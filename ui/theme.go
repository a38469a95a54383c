package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// appTheme is Fyne's theme with the colours that fall short of WCAG 2.1
// AA made legible: text 4.5:1 against every background it is drawn on
// (success criterion 1.4.3), the outline of an unticked check box and of
// an entry 3:1 (1.4.11). Fyne's own green #43F436 and orange #FF9800 on
// white reach 1.5:1 and 2.2:1, its disabled grey #E3E3E3 1.3:1, and an
// unticked box (#E3E3E3 on #F3F3F3) is hardly there. The variant still
// follows the desktop; theme_test.go keeps every pair honest.
type appTheme struct{ fyne.Theme }

// Theme is the look of every Postbridge window.
func Theme() fyne.Theme { return appTheme{theme.DefaultTheme()} }

var legibleColors = map[fyne.ThemeVariant]map[fyne.ThemeColorName]color.Color{
	theme.VariantLight: {
		theme.ColorNameForeground:  rgb(0x2B, 0x2B, 0x2B),
		theme.ColorNameDisabled:    rgb(0x6B, 0x6B, 0x6B),
		theme.ColorNamePlaceHolder: rgb(0x6B, 0x6B, 0x6B),
		theme.ColorNamePrimary:     rgb(0x1A, 0x5F, 0xD8),
		theme.ColorNameHyperlink:   rgb(0x1A, 0x5F, 0xD8),
		theme.ColorNameError:       rgb(0xC6, 0x28, 0x28),
		theme.ColorNameSuccess:     rgb(0x1B, 0x74, 0x30),
		theme.ColorNameWarning:     rgb(0x9A, 0x52, 0x00),
		theme.ColorNameInputBorder: rgb(0x8A, 0x8A, 0x8A),
	},
	theme.VariantDark: {
		theme.ColorNameDisabled:            rgb(0x9A, 0x9A, 0x9A),
		theme.ColorNamePlaceHolder:         rgb(0xB2, 0xB2, 0xB2),
		theme.ColorNamePrimary:             rgb(0x6E, 0xA0, 0xFF),
		theme.ColorNameHyperlink:           rgb(0x6E, 0xA0, 0xFF),
		theme.ColorNameForegroundOnPrimary: rgb(0x17, 0x17, 0x18),
		theme.ColorNameError:               rgb(0xFF, 0x6B, 0x5E),
		theme.ColorNameInputBorder:         rgb(0x80, 0x80, 0x80),
	},
}

func rgb(r, g, b uint8) color.Color { return color.NRGBA{R: r, G: g, B: b, A: 0xFF} }

func (a appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if c, ok := legibleColors[v][n]; ok {
		return c
	}
	return a.Theme.Color(n, v)
}

// ownTheme is a theme of Postbridge's: appTheme, or a variant of it
// that a caller set before the window opened (the screenshots' fixed
// light one), which useTheme keeps.
type ownTheme interface{ postbridgeTheme() }

func (appTheme) postbridgeTheme() {}

// useTheme gives a Postbridge's look, unless it already has it.
func useTheme(a fyne.App) {
	if _, ok := a.Settings().Theme().(ownTheme); !ok {
		a.Settings().SetTheme(Theme())
	}
}
