package ui

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	fynelang "fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"postbridge/assets"
)

// A pane that scrolls ends on a whole line: on no screen of the
// screenshots, in no language, is a text line, field, check box or button
// of a form, a detail pane, a dialog or the folder tree shown cut in half
// at its top or bottom edge. The folder tree lies above the card's Save
// and Cancel, and the folder it shows with the role Archive is the one
// the Archive folder field names. A refused Save shows the sentence of
// the first field it marked whole.
func TestPanesEndOnWholeLines(t *testing.T) {
	b := demoScreens(t)
	t.Cleanup(func() { fynelang.AddTranslationsFS(assets.Translations, "translations") })
	t.Setenv("LC_ALL", os.Getenv("LC_ALL"))
	t.Setenv("LANGUAGE", os.Getenv("LANGUAGE"))
	var mu sync.Mutex
	var bad []string
	seen := 0
	look := func(lang, name string, w *MainWindow) {
		mu.Lock()
		defer mu.Unlock()
		seen++
		roots := append([]fyne.CanvasObject{w.win.Canvas().Content()}, w.win.Canvas().Overlays().List()...)
		for _, root := range roots {
			for _, c := range cutLines(root) {
				bad = append(bad, fmt.Sprintf("%s/%s: %s", lang, name, c))
			}
		}
		if name == "57-archive-refused" || name == "58-delete-after-limit-refused" {
			for _, c := range refusalHidden(w) {
				bad = append(bad, fmt.Sprintf("%s/%s: %s", lang, name, c))
			}
		}
		if name == "14-account-folders" {
			for _, c := range append(treeUnderButtons(w.screenContent()), archiveDisagrees(w.users.account)...) {
				bad = append(bad, fmt.Sprintf("%s/%s: %s", lang, name, c))
			}
		}
	}
	if _, err := screenshots(b, t.TempDir(), Languages, nil, look); err != nil {
		t.Fatal(err)
	}
	if want := len(Languages) * len(shots()); seen != want {
		t.Errorf("looked at %d screens, want %d", seen, want)
	}
	slices.Sort(bad)
	for _, c := range slices.Compact(bad) {
		t.Error(c)
	}
}

// area is a rectangle in window coordinates.
type area struct{ x0, y0, x1, y1 float32 }

func areaOf(at fyne.Position, s fyne.Size) area {
	return area{at.X, at.Y, at.X + s.Width, at.Y + s.Height}
}

func (a area) cut(b area) area {
	return area{max(a.x0, b.x0), max(a.y0, b.y0), min(a.x1, b.x1), min(a.y1, b.y1)}
}

func (a area) empty() bool { return a.x1-a.x0 < 0.5 || a.y1-a.y0 < 0.5 }

// lineUnit reports whether o is drawn as one piece that a reader sees
// whole or cut: a line of text, or a field, check box or button.
func lineUnit(o fyne.CanvasObject) (string, bool) {
	switch v := o.(type) {
	case *canvas.Text:
		return v.Text, strings.TrimSpace(v.Text) != ""
	case *widget.Select:
		return "field " + v.Selected, true
	case *widget.Entry:
		return "field " + v.Text, true
	case *widget.Check:
		return "check box " + v.Text, true
	case *widget.Button:
		return "button " + v.Text, true
	}
	return "", false
}

// cutLines lists the lines of text, fields, check boxes and buttons in
// root that a scroll shows partly: part of it inside the scroll's view
// and part above or below it.
func cutLines(root fyne.CanvasObject) []string {
	var out []string
	var walk func(o fyne.CanvasObject, at fyne.Position, clip area, clipped bool)
	walk = func(o fyne.CanvasObject, at fyne.Position, clip area, clipped bool) {
		if o == nil || !o.Visible() {
			return
		}
		at = at.Add(o.Position())
		r := areaOf(at, o.Size())
		if _, ok := o.(*container.Scroll); ok {
			if clipped {
				clip = clip.cut(r)
			} else {
				clip, clipped = r, true
			}
		}
		if what, ok := lineUnit(o); ok && clipped {
			seen := r.cut(clip)
			const e = 0.5
			if !seen.empty() && r.y0 < clip.y0-e {
				out = append(out, fmt.Sprintf("%q cut at the top: shown from y %.0f to %.0f of %.0f to %.0f", what, seen.y0, seen.y1, r.y0, r.y1))
			}
			if !seen.empty() && r.y1 > clip.y1+e {
				out = append(out, fmt.Sprintf("%q cut at the bottom: shown from y %.0f to %.0f of %.0f to %.0f", what, seen.y0, seen.y1, r.y0, r.y1))
			}
			return
		}
		switch c := o.(type) {
		case *fyne.Container:
			for _, child := range c.Objects {
				walk(child, at, clip, clipped)
			}
		case fyne.Widget:
			for _, child := range test.WidgetRenderer(c).Objects() {
				walk(child, at, clip, clipped)
			}
		}
	}
	walk(root, fyne.Position{}, area{}, false)
	return out
}

// refusalHidden says so when the sentence of the first field a refused
// account Save marked is not wholly in view: a pane that ends on whole
// lines must scroll to it, not leave it below its edge.
func refusalHidden(w *MainWindow) []string {
	if w.users == nil || w.users.account == nil || w.users.account.marks.first == nil {
		return []string{"no account card with a marked field"}
	}
	l := w.users.account.marks.first
	r, clip, ok := placedIn(w.win.Canvas().Content(), l)
	switch {
	case !ok:
		return []string{fmt.Sprintf("the refusal %q is not on screen", l.Text)}
	case r.y0 < clip.y0-0.5 || r.y1 > clip.y1+0.5:
		return []string{fmt.Sprintf("the refusal %q lies from y %.0f to %.0f, its scroll shows %.0f to %.0f", l.Text, r.y0, r.y1, clip.y0, clip.y1)}
	}
	return nil
}

// placedIn is where o lies in root's window and the view of the scroll
// around it (the window when none).
func placedIn(root, o fyne.CanvasObject) (r, clip area, found bool) {
	var walk func(c fyne.CanvasObject, at fyne.Position, view area)
	walk = func(c fyne.CanvasObject, at fyne.Position, view area) {
		if c == nil || !c.Visible() || found {
			return
		}
		at = at.Add(c.Position())
		here := areaOf(at, c.Size())
		if _, ok := c.(*container.Scroll); ok {
			view = view.cut(here)
		}
		if c == o {
			r, clip, found = here, view, true
			return
		}
		switch v := c.(type) {
		case *fyne.Container:
			for _, child := range v.Objects {
				walk(child, at, view)
			}
		case fyne.Widget:
			for _, child := range test.WidgetRenderer(v).Objects() {
				walk(child, at, view)
			}
		}
	}
	walk(root, fyne.Position{}, areaOf(fyne.Position{}, root.Size()))
	return r, clip, found
}

// treeUnderButtons lists what of the folder tree reaches below the top
// of the account card's Save button.
func treeUnderButtons(root fyne.CanvasObject) []string {
	trees := findAll[*widget.Tree](root)
	var save *widget.Button
	for _, b := range findAll[*widget.Button](root) {
		if b.Importance == widget.HighImportance {
			save = b
		}
	}
	if len(trees) == 0 || save == nil {
		return []string{"no folder tree or no Save button"}
	}
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(save).Y
	var out []string
	for _, tr := range trees {
		if bottom := d.AbsolutePositionForObject(tr).Y + tr.Size().Height; bottom > top+0.5 {
			out = append(out, fmt.Sprintf("the folder tree ends at y %.0f, below the top of Save at %.0f", bottom, top))
		}
	}
	return out
}

// archiveDisagrees lists the folders of the account card's tree that
// have the role Archive while the Archive folder field names another.
func archiveDisagrees(c *accountCard) []string {
	if c == nil {
		return []string{"no account card open"}
	}
	var out []string
	for _, f := range c.tree.rows {
		if f.Role == "Archive" && f.Name != c.folders.archive.Text {
			out = append(out, fmt.Sprintf("folder %q has the role Archive, the Archive folder field says %q", f.Name, c.folders.archive.Text))
		}
	}
	return out
}

// A record whose value wraps in the detail pane scrolls there, the view
// ending on a whole line of it.
func TestRecordDetailEndsOnWholeLine(t *testing.T) {
	type rec struct{ a, b, c string }
	long := strings.Repeat("info@bouwcombinatie-utrecht.nl, ", 12)
	rows := []rec{{"Gemeente Utrecht", long, "2"}}
	cols := []column[rec]{
		{title: "Name", weight: 1, text: func(r *rec) string { return r.a }},
		{title: "E-mail addresses", weight: 2, text: func(r *rec) string { return r.b }},
		{title: "Messages", weight: 1, text: func(r *rec) string { return r.c }},
	}
	// The pane's height is fixed; the width decides where the value wraps.
	for _, width := range []float32{380, 430, 470, 520} {
		w := test.NewTempWindow(t, nil)
		rt := newRecordTable(&rows, cols)
		w.SetContent(rt)
		w.Resize(fyne.NewSize(width, 360))
		rt.Select(0)
		scroll := findAll[*container.Scroll](rt.pane)[0]
		if got, room := rt.detail.MinSize().Height, rt.pane.Size().Height; got <= room {
			t.Fatalf("window %.0f wide: the detail is %.0f high in a pane of %.0f: nothing to cut", width, got, room)
		}
		for _, c := range cutLines(w.Content()) {
			t.Errorf("window %.0f wide: %s (pane %.0f high, its view %.0f)", width, c, rt.pane.Size().Height, scroll.Size().Height)
		}
		// Scrolled a little, the line on top is the reader's doing; the
		// bottom still ends whole.
		scroll.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -7}})
		if scroll.Offset.Y == 0 {
			t.Fatalf("window %.0f wide: the detail did not scroll", width)
		}
		for _, c := range cutLines(w.Content()) {
			if strings.Contains(c, "at the bottom") {
				t.Errorf("window %.0f wide, scrolled %.0f: %s", width, scroll.Offset.Y, c)
			}
		}
	}
}
