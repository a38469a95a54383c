package ui

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Screenshots for testers: every screen, tab and dialog the
// manuals show, rendered by Fyne's software renderer without a display,
// at a fixed size and in the light theme, so two runs give the same
// pictures. The backend holds the demo office (package demo).

// ScreenshotSize is the size of every picture.
var ScreenshotSize = fyne.NewSize(1024, 680)

// Languages are the languages Postbridge speaks, in --lang codes.
var Languages = []string{"en", "nl", "de", "nb"}

// shot is one picture: its file name without extension and how to bring
// a freshly opened window there.
type shot struct {
	name string
	show func(w *MainWindow) error
}

// writeScreenshots writes dir/<lang>/NN-screen-tab.png for each language
// and returns the files written. It works off the calling goroutine: on
// the program's main goroutine (TestMain) Fyne would hand widget updates
// to another goroutine, and the pictures would race them.
func writeScreenshots(b Backend, dir string, langs []string) ([]string, error) {
	type result struct {
		files []string
		err   error
	}
	done := make(chan result)
	go func() {
		files, err := screenshots(b, dir, langs, nil, nil)
		done <- result{files, err}
	}()
	r := <-done
	return r.files, r.err
}

// screenshotsOf renders only the named shots (all when names is nil).
func screenshotsOf(b Backend, dir string, langs, names []string) ([]string, error) {
	return screenshots(b, dir, langs, names, nil)
}

// inspector looks at a window as it is captured (tests: is a label cut
// off?); lang and name say which picture it is.
type inspector func(lang, name string, w *MainWindow)

func screenshots(b Backend, dir string, langs, names []string, inspect inspector) ([]string, error) {
	a := test.NewApp()
	defer a.Quit()
	a.Settings().SetTheme(lightTheme{Theme()})
	if err := stageMirror(b); err != nil {
		return nil, err
	}
	var files []string
	for _, l := range langs {
		if err := SetLanguage(l); err != nil {
			return files, err
		}
		out := filepath.Join(dir, l)
		if err := os.MkdirAll(out, 0o755); err != nil {
			return files, fmt.Errorf("screenshots: %w", err)
		}
		for _, s := range shots() {
			if names != nil && !slices.Contains(names, s.name) {
				continue
			}
			var look func(*MainWindow)
			if inspect != nil {
				look = func(w *MainWindow) { inspect(l, s.name, w) }
			}
			img, err := render(a, b, s, look)
			if err != nil {
				return files, fmt.Errorf("screenshot %s (%s): %w", s.name, l, err)
			}
			file := filepath.Join(out, s.name+".png")
			if err := writePNG(file, img); err != nil {
				return files, err
			}
			files = append(files, file)
		}
	}
	return files, nil
}

// render opens a window on b, brings it to s and captures it.
func render(a fyne.App, b Backend, s shot, look func(*MainWindow)) (image.Image, error) {
	w := NewMainWindow(a, b)
	defer w.win.Close()
	defer undoShot(w)
	w.win.Resize(ScreenshotSize)
	if err := s.show(w); err != nil {
		return nil, err
	}
	w.toolbar.wait()
	restore := hideScrolledOut(w.win.Canvas().Content())
	defer restore()
	for _, o := range w.win.Canvas().Overlays().List() {
		defer hideScrolledOut(o)()
	}
	if look != nil {
		look(w)
	}
	return w.win.Canvas().Capture(), nil
}

func writePNG(file string, img image.Image) error {
	f, err := os.Create(file)
	if err != nil {
		return fmt.Errorf("screenshot: %w", err)
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return fmt.Errorf("screenshot %s: %w", file, err)
	}
	return f.Close()
}

// lightTheme is Postbridge's theme always in its light variant, whatever the
// desktop prefers, so pictures do not depend on the machine.
type lightTheme struct{ fyne.Theme }

func (lightTheme) postbridgeTheme() {}

func (l lightTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return l.Theme.Color(n, theme.VariantLight)
}

// errNotThere is returned when a shot cannot find what it shows: a
// screen changed, and the shot list must follow.
var errNotThere = errors.New("the screen does not have what this screenshot shows")

// findAll walks o's tree and returns every object of type T, in order.
func findAll[T fyne.CanvasObject](o fyne.CanvasObject) []T { return findOutside[T](o, nil) }

// findOutside is findAll that does not look inside objects skip is true of.
func findOutside[T fyne.CanvasObject](o fyne.CanvasObject, skip func(fyne.CanvasObject) bool) []T {
	var out []T
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if v, ok := o.(T); ok {
			out = append(out, v)
		}
		if skip != nil && skip(o) {
			return
		}
		switch c := o.(type) {
		case *fyne.Container:
			for _, child := range c.Objects {
				walk(child)
			}
		case fyne.Widget:
			for _, child := range test.WidgetRenderer(c).Objects() {
				walk(child)
			}
		}
	}
	walk(o)
	return out
}

// content is the screen on the right of the navigation.
func (w *MainWindow) screenContent() fyne.CanvasObject { return w.content }

// selectTab shows tab i of the first tab bar on the screen.
func (w *MainWindow) selectTab(i int) error {
	tabs := findAll[*container.AppTabs](w.screenContent())
	if len(tabs) == 0 || i >= len(tabs[0].Items) {
		return errNotThere
	}
	tabs[0].SelectIndex(i)
	return nil
}

// rowPicker is a list screen's table.
type rowPicker interface {
	fyne.CanvasObject
	Select(int)
}

func isTable(o fyne.CanvasObject) bool { _, ok := o.(rowPicker); return ok }

// chooseFirstAndTap selects the first row of the screen's table and taps
// its button number i (0 New, 1 Change, 2 Delete on every list screen).
func (w *MainWindow) chooseFirstAndTap(i int) error {
	tables := findAll[rowPicker](w.screenContent())
	buttons := findOutside[*widget.Button](w.screenContent(), isTable)
	if len(tables) == 0 || i >= len(buttons) {
		return errNotThere
	}
	tables[0].Select(0)
	test.Tap(buttons[i])
	return nil
}

// chooseFirstTableRow selects the first row of the screen's table, so
// its detail pane shows.
func (w *MainWindow) chooseFirstTableRow() error {
	tables := findAll[rowPicker](w.screenContent())
	if len(tables) == 0 {
		return errNotThere
	}
	tables[0].Select(0)
	return nil
}

// chooseFirstRow selects the first row of the screen's list.
func (w *MainWindow) chooseFirstRow() error {
	if tables := findAll[*widget.Table](w.screenContent()); len(tables) > 0 {
		tables[0].Select(widget.TableCellID{Row: 0, Col: 0}) // the Messages screen
		return nil
	}
	lists := findAll[*widget.List](w.screenContent())
	if len(lists) == 0 {
		return errNotThere
	}
	lists[0].Select(0)
	return nil
}
