package ui

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/image/draw"

	fynelang "fyne.io/fyne/v2/lang"

	"postbridge/assets"
)

// TestParityOnThePixels renders every screenshot that
// docs/manual-parity.md names, reads it with Tesseract in the
// screenshot's language, and fails for each row marked done whose label
// is not read in the screenshot it names: a done row is a promise that
// a tester holding the manual finds the label on that screen.
//
// It needs tesseract-ocr with its Dutch, German and Norwegian data
// (scripts/install-deps.sh installs them). Without Tesseract the test
// is skipped, unless POSTBRIDGE_REQUIRE_OCR=1 (make test sets it).
func TestParityOnThePixels(t *testing.T) {
	if _, err := exec.LookPath("tesseract"); err != nil {
		if os.Getenv("POSTBRIDGE_REQUIRE_OCR") == "1" {
			t.Fatal("tesseract is not installed: run scripts/install-deps.sh")
		}
		t.Skip("tesseract is not installed (scripts/install-deps.sh installs it)")
	}
	rows := doneParityRows(t)
	names := map[string]bool{}
	for _, r := range rows {
		names[r.shot] = true
	}
	dir := t.TempDir()
	t.Cleanup(func() { fynelang.AddTranslationsFS(assets.Translations, "translations") })
	t.Setenv("LC_ALL", os.Getenv("LC_ALL"))
	t.Setenv("LANGUAGE", os.Getenv("LANGUAGE"))
	var shotNames []string
	for n := range names {
		shotNames = append(shotNames, n)
	}
	if _, err := screenshotsOf(demoScreens(t), dir, []string{"nl", "nb", "de"}, shotNames); err != nil {
		t.Fatal(err)
	}
	read := map[string]string{} // file#pass → normalised text
	for _, r := range rows {
		file := filepath.Join(dir, r.lang, r.shot+".png")
		found := false
		// The plain picture; without the navigation, whose entries
		// Tesseract otherwise reads into the lines of a paragraph beside
		// them; and the white text of the blue buttons, one by one.
		for _, pass := range []ocrPass{{}, {cropLeft: 212}, {buttons: true}} {
			key := file + "#" + pass.String()
			if _, ok := read[key]; !ok {
				read[key] = ocrText(t, file, r.lang, pass)
			}
			if found = ocrFinds(read[key], r.label); found {
				break
			}
		}
		if !found {
			t.Errorf("%s: %q is marked done but is not read in %s/%s.png", r.where, r.label, r.lang, r.shot)
		}
	}
}

// ocrPass is one way of preparing a picture for Tesseract.
type ocrPass struct {
	buttons  bool
	cropLeft int
}

func (p ocrPass) String() string { return fmt.Sprintf("%v/%d", p.buttons, p.cropLeft) }

// parityRow is one row marked done, with the screenshot it names.
type parityRow struct{ where, lang, label, shot string }

func doneParityRows(t *testing.T) []parityRow {
	t.Helper()
	data, err := os.ReadFile("../docs/manual-parity.md")
	if err != nil {
		t.Fatal(err)
	}
	var rows []parityRow
	manual := ""
	for n, line := range strings.Split(string(data), "\n") {
		if m := parityHeading.FindStringSubmatch(line); m != nil {
			manual = m[1]
			continue
		}
		if manual == "" || !strings.HasPrefix(line, "| "+manual) {
			continue
		}
		c := parityCells(line)
		if len(c) != 7 || c[6] != "done" {
			continue
		}
		if m := parityShot.FindStringSubmatch(c[5]); m != nil {
			rows = append(rows, parityRow{"docs/manual-parity.md:" + strconv.Itoa(n+1), m[2], c[3], m[1]})
		}
	}
	if len(rows) == 0 {
		t.Fatal("no row marked done names a screenshot")
	}
	return rows
}

var tesseractLang = map[string]string{"nl": "nld+eng", "de": "deu+eng", "nb": "nor+eng", "en": "eng"}

// ocrText reads file with Tesseract as NOTES.md measured it: scaled to
// 200 %, grey (inverted on request), sparse text.
func ocrText(t *testing.T, file, lang string, pass ocrPass) string {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	src, err := png.Decode(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if pass.buttons {
		var all strings.Builder
		// As one line, and as a block: each reads some short words
		// ("Ja" beside its check mark) the other does not.
		for _, r := range blueAreas(src) {
			img := buttonImage(src, r)
			all.WriteString(tesseract(t, img, lang, "7") + "\n" + tesseract(t, img, lang, "6") + "\n")
		}
		return normaliseOCR(all.String())
	}
	b := src.Bounds()
	b.Min.X += pass.cropLeft
	grey := image.NewGray(image.Rect(0, 0, 2*b.Dx(), 2*b.Dy()))
	draw.CatmullRom.Scale(grey, grey.Bounds(), src, b, draw.Src, nil)
	return normaliseOCR(tesseract(t, grey, lang, "11"))
}

// tesseract reads img in lang with page segmentation mode psm.
func tesseract(t *testing.T, img image.Image, lang, psm string) string {
	t.Helper()
	var in bytes.Buffer
	if err := png.Encode(&in, img); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("tesseract", "stdin", "stdout", "--psm", psm, "-l", tesseractLang[lang])
	cmd.Stdin = &in
	// One thread: on a shared machine OpenMP's threads make it 3× slower.
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("tesseract: %v", err)
	}
	return string(out)
}

// isPrimary: the strong blue of a primary button.
func isPrimary(c color.Color) bool {
	r, _, b, _ := c.RGBA()
	return b > 0xb000 && r < 0x6000
}

// blueAreas are the bounding boxes of the blue buttons (areas of the
// primary colour at least a button's size), found by flood fill.
func blueAreas(img image.Image) []image.Rectangle {
	b := img.Bounds()
	seen := make([]bool, b.Dx()*b.Dy())
	var out []image.Rectangle
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if seen[(y-b.Min.Y)*b.Dx()+x-b.Min.X] || !isPrimary(img.At(x, y)) {
				continue
			}
			r := image.Rect(x, y, x+1, y+1)
			stack := []image.Point{{x, y}}
			seen[(y-b.Min.Y)*b.Dx()+x-b.Min.X] = true
			for len(stack) > 0 {
				p := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				r = r.Union(image.Rect(p.X, p.Y, p.X+1, p.Y+1))
				for _, q := range []image.Point{{p.X + 1, p.Y}, {p.X - 1, p.Y}, {p.X, p.Y + 1}, {p.X, p.Y - 1}} {
					if !q.In(b) {
						continue
					}
					i := (q.Y-b.Min.Y)*b.Dx() + q.X - b.Min.X
					if !seen[i] && isPrimary(img.At(q.X, q.Y)) {
						seen[i] = true
						stack = append(stack, q)
					}
				}
			}
			if r.Dx() >= 40 && r.Dy() >= 20 {
				out = append(out, r)
			}
		}
	}
	return out
}

// buttonImage is area r of img as dark text on white, three times as
// large, with a white margin: the blue becomes white, the white text black.
func buttonImage(img image.Image, r image.Rectangle) image.Image {
	const scale, margin = 3, 20
	out := image.NewGray(image.Rect(0, 0, r.Dx()*scale+2*margin, r.Dy()*scale+2*margin))
	for i := range out.Pix {
		out.Pix[i] = 255
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			g := color.GrayModel.Convert(img.At(x, y)).(color.Gray)
			v := uint8(255)
			if !isPrimary(img.At(x, y)) && g.Y > 150 {
				v = 255 - g.Y
			}
			for dy := 0; dy < scale; dy++ {
				for dx := 0; dx < scale; dx++ {
					out.SetGray(margin+(x-r.Min.X)*scale+dx, margin+(y-r.Min.Y)*scale+dy, color.Gray{Y: v})
				}
			}
		}
	}
	return out
}

// normaliseOCR lower-cases s and keeps only letters and digits, so case,
// spacing, punctuation and line breaks do not decide.
func normaliseOCR(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ocrFinds tells whether label is in the read text; a label with a
// placeholder ("zoals de company: {{.Host}}") needs each fixed part. A
// sentence of five words or more, which Tesseract may read interleaved
// with a column beside it, needs each of its words.
func ocrFinds(text, label string) bool {
	for _, part := range strings.FieldsFunc(label, func(r rune) bool { return r == '{' || r == '}' }) {
		if strings.HasPrefix(part, ".") {
			continue
		}
		if p := normaliseOCR(part); p != "" && !strings.Contains(text, p) && !allWords(text, part) {
			return false
		}
	}
	return true
}

func allWords(text, sentence string) bool {
	words := strings.Fields(sentence)
	if len(words) < 5 {
		return false
	}
	for _, w := range words {
		if !strings.Contains(text, normaliseOCR(w)) {
			return false
		}
	}
	return true
}
