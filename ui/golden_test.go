package ui

import (
	fynelang "fyne.io/fyne/v2/lang"

	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"postbridge/assets"
	"testing"
	"time"

	"postbridge/app"
	"postbridge/demo"
	"postbridge/storage"
)

var update = flag.Bool("update", false, "write the golden screenshots in testdata/golden anew")

// goldenShots are the key screens whose pictures are kept: the ones held
// beside the manuals (Dutch SMTP tab beside manual 000, German account
// screen beside manual 004, with the account's own SMTP server of manuals 001
// and 004) and the toolbar during a sync.
var goldenShots = []string{"02-company-smtp", "06-mailservers", "13-account-servers", "46-account-smtp", "14-account-folders", "15-account-advanced", "21-synchronize"}

func demoScreens(t *testing.T) Backend {
	t.Helper()
	b, closeStore, err := demoOffice(t.TempDir(), false)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(closeStore)
	return b
}

// demoOffice is the demo office in a database in dir, its mail imported
// as if synchronised (with health is the automatic sync's record of each
// account), secrets kept in memory only, the clock at a fixed time so two
// runs give the same pictures.
func demoOffice(dir string, health bool) (Backend, func(), error) {
	store, err := storage.Open(filepath.Join(dir, "demo.db"))
	if err != nil {
		return Backend{}, nil, err
	}
	closeStore := func() { store.Close() }
	fixed := func() time.Time { return time.Date(2024, 5, 21, 9, 30, 0, 0, time.UTC) }
	act := &app.Actions{Store: store, Secrets: memSecretsRW{}, Now: fixed}
	fill := []func() error{
		func() error { return demo.Fill(store) },
		func() error { return demo.Imported(act) },
		func() error { return demo.Integrations(act) },
	}
	if health {
		fill = append(fill, func() error { return demo.Health(act) })
	}
	for _, f := range fill {
		if err := f(); err != nil {
			closeStore()
			return Backend{}, nil, err
		}
	}
	return Backend{Actions: act, Secrets: memSecrets{}}, closeStore, nil
}

// TestGoldenScreens renders the key screens in every language and
// compares them with testdata/golden; `go test ./ui -run Golden -update`
// writes them anew after an intended change (look at them first).
func TestGoldenScreens(t *testing.T) {
	b := demoScreens(t)
	dir := t.TempDir()
	// Registered first, so it runs after t.Setenv has put the locale back:
	// the next test gets the language it had.
	t.Cleanup(func() { fynelang.AddTranslationsFS(assets.Translations, "translations") })
	t.Setenv("LC_ALL", os.Getenv("LC_ALL"))
	t.Setenv("LANGUAGE", os.Getenv("LANGUAGE"))
	if _, err := screenshotsOf(b, dir, Languages, goldenShots); err != nil {
		t.Fatal(err)
	}
	for _, l := range Languages {
		for _, name := range goldenShots {
			got := filepath.Join(dir, l, name+".png")
			want := filepath.Join("testdata", "golden", l, name+".png")
			if *update {
				copyFile(t, got, want)
				continue
			}
			if diff := differentPixels(t, got, want); diff > 0 {
				// Kept where Fyne's AssertImageMatches keeps its own.
				failed := filepath.Join("testdata", "failed", l, name+".png")
				copyFile(t, got, failed)
				t.Errorf("%s/%s differs from its golden picture in %d pixels; look at ui/%s, and if the change is meant, run go test ./ui -run Golden -update",
					l, name, diff, failed)
			}
		}
	}
}

func readPNG(t *testing.T, file string) image.Image {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatalf("%v (run go test ./ui -run Golden -update to create it)", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// differentPixels counts the pixels that differ; a different size counts all.
func differentPixels(t *testing.T, a, b string) int {
	t.Helper()
	ia, ib := readPNG(t, a), readPNG(t, b)
	if ia.Bounds() != ib.Bounds() {
		return ia.Bounds().Dx() * ia.Bounds().Dy()
	}
	n := 0
	r := ia.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, a1 := ia.At(x, y).RGBA()
			r2, g2, b2, a2 := ib.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				n++
			}
		}
	}
	return n
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// memSecretsRW is a keyring in memory for the actions of the demo screens.
type memSecretsRW map[string]string

func (m memSecretsRW) Get(k string) (string, error) {
	if v, ok := m[k]; ok {
		return v, nil
	}
	return "", &storage.MissingSecretError{Key: k}
}
