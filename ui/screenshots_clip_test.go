package ui

import (
	"os"
	"path/filepath"
	"testing"

	fynelang "fyne.io/fyne/v2/lang"

	"postbridge/assets"
)

// An entry scrolled out of the SMTP tab drew its placeholder
// "(ongewijzigd)" over the toolbar in the screenshot (Fyne's software
// painter clips only to the nearest scroll). The toolbar between Cancel
// and the user selector must stay empty.
func TestScrolledOutEntryDrawsNothingOverTheToolbar(t *testing.T) {
	t.Cleanup(func() { fynelang.AddTranslationsFS(assets.Translations, "translations") })
	t.Setenv("LC_ALL", os.Getenv("LC_ALL"))
	t.Setenv("LANGUAGE", os.Getenv("LANGUAGE"))
	dir := t.TempDir()
	if _, err := screenshotsOf(demoScreens(t), dir, []string{"nl"}, []string{"22-testmail-result"}); err != nil {
		t.Fatal(err)
	}
	img := readPNG(t, filepath.Join(dir, "nl", "22-testmail-result.png"))
	bg := img.At(320, 2)
	drawn := 0
	for y := 0; y < 40; y++ {
		for x := 300; x < 700; x++ {
			if img.At(x, y) != bg {
				drawn++
			}
		}
	}
	if drawn > 0 {
		t.Errorf("%d pixels drawn over the toolbar between Cancel and the user selector", drawn)
	}
}
