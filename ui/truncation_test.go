package ui

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	fynelang "fyne.io/fyne/v2/lang"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"postbridge/assets"
)

// No screen in any language shows a column header, filter, tab, label or
// button cut short: a text of the program (one of the translation files)
// drawn ending in "…", or a button narrower than its own text, fails. The
// office's own data (a long subject in its column) may end in "…".
func TestNoTextCutOffOnAnyScreen(t *testing.T) {
	b := demoScreens(t)
	t.Cleanup(func() { fynelang.AddTranslationsFS(assets.Translations, "translations") })
	t.Setenv("LC_ALL", os.Getenv("LC_ALL"))
	t.Setenv("LANGUAGE", os.Getenv("LANGUAGE"))
	texts := translationKeys(t)
	// The mail.* texts are the words of the e-mails Postbridge writes; on
	// screen they are a received mail's subject, the office's data.
	for _, l := range texts {
		for k := range l {
			if strings.HasPrefix(k, "mail.") {
				delete(l, k)
			}
		}
	}
	var mu sync.Mutex
	var cut []string
	seen := 0
	look := func(lang, name string, w *MainWindow) {
		roots := append([]fyne.CanvasObject{w.win.Canvas().Content()}, w.win.Canvas().Overlays().List()...)
		for _, root := range roots {
			for _, c := range cutTexts(root, texts[lang]) {
				mu.Lock()
				cut = append(cut, fmt.Sprintf("%s/%s: %s", lang, name, c))
				mu.Unlock()
			}
		}
		seen++
	}
	if _, err := screenshots(b, t.TempDir(), Languages, nil, look); err != nil {
		t.Fatal(err)
	}
	if seen < 4*40 {
		t.Fatalf("looked at %d screens, want every screen in four languages", seen)
	}
	slices.Sort(cut)
	for _, c := range slices.Compact(cut) {
		t.Error(c)
	}
}

// cutTexts lists what is drawn cut short in root's visible tree: buttons,
// and texts that program is one of (ignoring {{.Placeholders}}).
func cutTexts(root fyne.CanvasObject, program map[string]string) []string {
	var sources []string
	var drawn []string
	var out []string
	visible(root, func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *canvas.Text:
			if strings.HasSuffix(v.Text, "…") {
				drawn = append(drawn, v.Text)
			}
		case *widget.Label:
			sources = append(sources, v.Text)
		case *widget.Button:
			sources = append(sources, v.Text)
			if v.Text != "" && v.Size().Width+0.5 < v.MinSize().Width {
				out = append(out, fmt.Sprintf("button %q is %.0f wide, its text needs %.0f", v.Text, v.Size().Width, v.MinSize().Width))
			}
		case *widget.Select:
			sources = append(append(sources, v.Selected, v.PlaceHolder), v.Options...)
		case *widget.Check:
			sources = append(sources, v.Text)
		case *widget.RadioGroup:
			sources = append(sources, v.Options...)
		case *widget.Hyperlink:
			sources = append(sources, v.Text)
		case *widget.RichText:
			for _, s := range v.Segments {
				if ts, ok := s.(*widget.TextSegment); ok {
					sources = append(sources, ts.Text)
				}
			}
		case *container.AppTabs:
			for _, it := range v.Items {
				sources = append(sources, it.Text)
			}
		}
	})
	for _, d := range drawn {
		if slices.Contains(sources, d) {
			continue // the text itself ends in "…" ("Connecting…")
		}
		for _, s := range sources {
			if strings.HasPrefix(s, strings.TrimSuffix(d, "…")) && isProgramText(s, program) {
				out = append(out, fmt.Sprintf("%q drawn for %q", d, s))
				break
			}
		}
	}
	return out
}

// visible calls f with o and every visible object inside it.
func visible(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	f(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			visible(child, f)
		}
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(c).Objects() {
			visible(child, f)
		}
	}
}

// isProgramText reports whether s is one of the program's texts, the
// parts around a {{.Placeholder}} compared literally.
func isProgramText(s string, program map[string]string) bool {
	for key, p := range program {
		if strings.HasSuffix(key, "Example") {
			continue // an example value, which the demo's data may equal
		}
		if p == s {
			return true
		}
		if parts := placeholders.Split(p, -1); len(parts) > 1 && hasWord(strings.Join(parts, "")) {
			for i := range parts {
				parts[i] = regexp.QuoteMeta(parts[i])
			}
			if regexp.MustCompile("^" + strings.Join(parts, ".*") + "$").MatchString(s) {
				return true
			}
		}
	}
	return false
}

var placeholders = regexp.MustCompile(`\{\{[^}]*\}\}`)
