package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// scrollToEnd shows the end of s, where a result or its Detail opens. In
// a pane of wholeLineScroll the view then begins on a whole line.
func scrollToEnd(s *container.Scroll) {
	s.ScrollToBottom()
	if s.OnScrolled != nil {
		s.OnScrolled(s.Offset) // also when ScrollToBottom found it there
	}
}

// scrollShowing scrolls s so that o, somewhere in its content, shows
// whole, the view beginning on a whole line: a refused field's sentence
// is read, not guessed at under the edge. It reports whether s holds o.
func scrollShowing(s *container.Scroll, o fyne.CanvasObject) bool {
	if s.Content == nil {
		return false
	}
	at, ok := placeOf(s.Content, o, fyne.Position{}.Subtract(s.Content.Position()))
	if !ok {
		return false
	}
	top, bottom := at.Y, at.Y+o.Size().Height
	view := s.Size().Height
	y := s.Offset.Y
	switch {
	case top < y:
		y = top
	case bottom > y+view:
		y = min(top, bottom-view)
	default:
		return true
	}
	if y = wholeTop(contentLines(s.Content), max(y, 0)); y > top {
		y = top // o is higher than the view: its start shows
	}
	s.Offset.Y = y
	if s.OnScrolled != nil {
		s.OnScrolled(s.Offset)
	}
	s.Refresh()
	return true
}

// placeOf is where o lies in root, which lies at at: root's containers
// and forms are searched, as lineEdges walks them.
func placeOf(root, o fyne.CanvasObject, at fyne.Position) (fyne.Position, bool) {
	if root == nil || !root.Visible() {
		return fyne.Position{}, false
	}
	at = at.Add(root.Position())
	if root == o {
		return at, true
	}
	var children []fyne.CanvasObject
	switch v := root.(type) {
	case *fyne.Container:
		children = v.Objects
	case *widget.Form:
		for _, it := range v.Items {
			children = append(children, it.Widget)
		}
	}
	for _, c := range children {
		if p, ok := placeOf(c, o, at); ok {
			return p, true
		}
	}
	return fyne.Position{}, false
}
