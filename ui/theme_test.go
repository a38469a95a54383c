package ui

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Every text colour of the theme against every background it is drawn
// on, light and dark: WCAG 2.1 AA asks 4.5:1 for text (1.4.3) and 3:1 for
// what shows a control, such as an unticked check box's outline (1.4.11).
func TestThemeContrast(t *testing.T) {
	texts := []fyne.ThemeColorName{theme.ColorNameForeground, theme.ColorNameDisabled, theme.ColorNamePlaceHolder,
		theme.ColorNamePrimary, theme.ColorNameHyperlink, theme.ColorNameError, theme.ColorNameSuccess, theme.ColorNameWarning}
	grounds := []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameInputBackground, theme.ColorNameOverlayBackground,
		theme.ColorNameMenuBackground, theme.ColorNameHeaderBackground, theme.ColorNameButton}
	onColour := map[fyne.ThemeColorName]fyne.ThemeColorName{theme.ColorNameForegroundOnPrimary: theme.ColorNamePrimary,
		theme.ColorNameForegroundOnError: theme.ColorNameError, theme.ColorNameForegroundOnSuccess: theme.ColorNameSuccess,
		theme.ColorNameForegroundOnWarning: theme.ColorNameWarning}
	th := Theme()
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		bg := th.Color(theme.ColorNameBackground, v)
		check := func(fg, ground fyne.ThemeColorName, groundColour color.Color, want float64) {
			t.Helper()
			if got := contrast(th.Color(fg, v), groundColour); got < want {
				t.Errorf("variant %d: %s on %s: contrast %.2f:1, want at least %.1f:1", v, fg, ground, got, want)
			}
		}
		for _, fg := range texts {
			for _, g := range grounds {
				check(fg, g, over(th.Color(g, v), bg), 4.5)
			}
		}
		for fg, g := range onColour {
			check(fg, g, over(th.Color(g, v), bg), 4.5)
		}
		// A selected or hovered row keeps its text legible.
		for _, g := range []fyne.ThemeColorName{theme.ColorNameSelection, theme.ColorNameHover, theme.ColorNameFocus} {
			check(theme.ColorNameForeground, g, over(th.Color(g, v), bg), 4.5)
		}
		// Check boxes and entries: the outline against what is around it.
		for _, g := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameInputBackground, theme.ColorNameOverlayBackground} {
			check(theme.ColorNameInputBorder, g, over(th.Color(g, v), bg), 3)
		}
	}
}

// The test's arithmetic against WCAG's own examples.
func TestContrastFormula(t *testing.T) {
	for _, c := range []struct {
		a, b color.Color
		want float64
	}{
		{rgb(0, 0, 0), rgb(0xFF, 0xFF, 0xFF), 21},
		{rgb(0x76, 0x76, 0x76), rgb(0xFF, 0xFF, 0xFF), 4.54},
		{rgb(0x77, 0x77, 0x77), rgb(0xFF, 0xFF, 0xFF), 4.48},
	} {
		if got := contrast(c.a, c.b); math.Abs(got-c.want) > 0.01 {
			t.Errorf("contrast(%v, %v) = %.3f, want %.2f", c.a, c.b, got, c.want)
		}
	}
}

// contrast is WCAG 2.1's contrast ratio (relative luminance, sRGB).
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(c color.Color) float64 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(n.R) + 0.7152*lin(n.G) + 0.0722*lin(n.B)
}

// over is c drawn over the opaque ground (alpha blending).
func over(c, ground color.Color) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	g := color.NRGBAModel.Convert(ground).(color.NRGBA)
	a := float64(n.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*a + float64(y)*(1-a))) }
	return color.NRGBA{R: mix(n.R, g.R), G: mix(n.G, g.G), B: mix(n.B, g.B), A: 0xFF}
}
