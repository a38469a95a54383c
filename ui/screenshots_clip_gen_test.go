package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// Fyne's software painter, which draws the screenshots, clips an object
// only to its nearest scroll container: an entry's text sits in a scroll
// of its own, so an entry scrolled out of a form still draws its text,
// over the toolbar or the buttons under the form ("(ongewijzigd)" above
// the toolbar). The window's GL painter intersects the clips and draws
// nothing there. hideScrolledOut hides, for one capture, each nested
// scroll that is not wholly inside the scroll around it (an entry cut by
// the form's edge shows as an empty box) and returns what shows them
// again. Lists and tables higher than a line are left alone: hiding their
// visible part would lie more than the few pixels they may overdraw.
func hideScrolledOut(root fyne.CanvasObject) (restore func()) {
	var hidden []fyne.CanvasObject
	// Positions are summed along the walk, as the painter does: a widget
	// shown twice (a dialog shown again) has one position per tree.
	var walk func(o fyne.CanvasObject, at fyne.Position, outer *clipRect)
	walk = func(o fyne.CanvasObject, at fyne.Position, outer *clipRect) {
		if o == nil || !o.Visible() {
			return
		}
		at = at.Add(o.Position())
		if s, ok := o.(*container.Scroll); ok {
			r := clipRect{at, s.Size()}
			if outer != nil && !outer.holds(r) && (outer.misses(r) || r.size.Height <= lineHeight) {
				s.Hide()
				hidden = append(hidden, s)
				return
			}
			outer = &r
		}
		switch c := o.(type) {
		case *fyne.Container:
			for _, child := range c.Objects {
				walk(child, at, outer)
			}
		case fyne.Widget:
			for _, child := range test.WidgetRenderer(c).Objects() {
				walk(child, at, outer)
			}
		}
	}
	walk(root, fyne.Position{}, nil)
	return func() {
		for _, o := range hidden {
			o.Show()
		}
	}
}

// lineHeight is a little more than an entry of one line.
const lineHeight = 60

type clipRect struct {
	pos  fyne.Position
	size fyne.Size
}

// holds reports whether r lies wholly inside c (half a pixel of slack).
func (c clipRect) holds(r clipRect) bool {
	const e = 0.5
	return r.pos.X >= c.pos.X-e && r.pos.Y >= c.pos.Y-e &&
		r.pos.X+r.size.Width <= c.pos.X+c.size.Width+e && r.pos.Y+r.size.Height <= c.pos.Y+c.size.Height+e
}

// misses reports whether r and c do not overlap at all.
func (c clipRect) misses(r clipRect) bool {
	return r.pos.X >= c.pos.X+c.size.Width || r.pos.Y >= c.pos.Y+c.size.Height ||
		r.pos.X+r.size.Width <= c.pos.X || r.pos.Y+r.size.Height <= c.pos.Y
}
