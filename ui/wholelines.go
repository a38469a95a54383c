package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// wholeLines lays out a pane that scrolls (a detail pane, a tree) in the
// height it is given less what would show its last line cut in half: the
// view ends under the last line of text, field or row that fits whole,
// and the strip below stays empty. A line cut through its middle reads as
// a defect, and the scroll bar already says there is more.
type wholeLines struct {
	// fit is the height the view takes of h, ending on a whole line.
	fit func(h float32) float32
	// placed, when set, hears that the view has its size.
	placed func()
}

func (l *wholeLines) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.Position{})
		if o.Size().Width != size.Width || o.Size().Height > size.Height || o.Size().Height == 0 {
			o.Resize(size) // the lines wrap at the width, so place them first
		}
		o.Resize(fyne.NewSize(size.Width, l.fit(size.Height)))
	}
	if l.placed != nil {
		l.placed()
	}
}

func (l *wholeLines) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var min fyne.Size
	for _, o := range objs {
		min = min.Max(o.MinSize())
	}
	return min
}

// wholeLineScroll is s in a pane whose view ends on a whole line, also
// after the reader scrolled; scrolled to its end, the view begins on a
// whole line too. Refresh the pane after the content changed.
func wholeLineScroll(s *container.Scroll) *fyne.Container {
	moved := false
	l := &wholeLines{fit: func(h float32) float32 {
		was := s.Offset.Y
		fit := scrollFit(s, h)
		moved = moved || s.Offset.Y != was
		return fit
	}}
	l.placed = func() {
		if moved {
			moved = false
			s.Refresh() // the fit moved the content: draw it there
		}
	}
	pane := container.New(l, s)
	busy := false
	s.OnScrolled = func(fyne.Position) {
		if busy {
			return // the pane's own resize moved the content
		}
		busy = true
		pane.Layout.Layout(pane.Objects, pane.Size())
		busy = false
	}
	return pane
}

// wholeRowTree is a tree in a pane that shows only whole rows (scrolled
// to the top; rows are all as high as a node CreateNode makes).
func wholeRowTree(tr *widget.Tree) *fyne.Container {
	return container.New(&wholeLines{fit: func(h float32) float32 {
		row := max(tr.CreateNode(false).MinSize().Height, tr.CreateNode(true).MinSize().Height, theme.IconInlineSize())
		return wholeRows(h, row)
	}}, tr)
}

// wholeRowTable is a table under its header row that shows only whole
// rows when it has more than fit (scrolled to the top; every row as high
// as a cell CreateCell makes, or the header if that is higher, as
// Fyne's table has it).
func wholeRowTable(tbl *widget.Table) *fyne.Container {
	return container.New(&wholeLines{fit: func(h float32) float32 {
		row := tbl.CreateCell().MinSize().Height
		var head float32
		if tbl.ShowHeaderRow {
			header := fyne.CanvasObject(widget.NewLabel("00")) // Fyne's own header
			if tbl.CreateHeader != nil {
				header = tbl.CreateHeader()
			}
			head = header.MinSize().Height
			row = max(row, head)
		}
		if rows, _ := tbl.Length(); head+float32(rows)*(row+theme.Padding()) <= h {
			return h // every row shows: the columns' lines run to the bottom
		}
		return head + wholeRows(h-head, row)
	}}, tbl)
}

// wholeRows is the height of as many rows of height row as fit in h:
// Fyne's lists put a padding between rows, the separator in it.
func wholeRows(h, row float32) float32 {
	pitch := row + theme.Padding()
	if rows := int((h + theme.Padding()) / pitch); rows > 0 {
		return float32(rows)*pitch - theme.Padding()
	}
	return h
}

// scrollFit is the height of s's view, at most h, that ends under a
// whole line of its content.
func scrollFit(s *container.Scroll, h float32) float32 {
	c := s.Content
	if c == nil {
		return h
	}
	// A wrapped label knows its height once it has its width: lay the
	// content out, then once more at the height that gives.
	for range 2 {
		c.Resize(c.MinSize().Max(fyne.NewSize(s.Size().Width, h)))
		if box, ok := c.(*fyne.Container); ok && box.Layout != nil {
			box.Layout.Layout(box.Objects, box.Size())
		}
	}
	lines := contentLines(c)
	end := c.MinSize().Height
	if y := s.Offset.Y; y > 0 && y >= end-s.Size().Height-0.5 && end > h {
		// Shown at its end, it shows the end in all the room there is,
		// from the first whole line.
		s.Offset.Y = wholeTop(lines, end-h)
	}
	y := s.Offset.Y
	for i := range lines {
		lines[i][0] -= y
		lines[i][1] -= y
	}
	fit := lastWholeLine(lines, h)
	if y > 0 {
		fit = min(fit, end-y) // a view begun on a whole line may end with the content
	}
	return fit
}

// contentLines are the top and bottom of every line of a scroll's
// content c, from c's top (the scroll moves c up by its offset).
func contentLines(c fyne.CanvasObject) [][2]float32 {
	var lines [][2]float32
	lineEdges(c, fyne.Position{}.Subtract(c.Position()), func(top, bottom float32) {
		lines = append(lines, [2]float32{top, bottom})
	})
	return lines
}

// wholeTop moves the top edge y down to the bottom of every line it
// cuts, until it cuts none.
func wholeTop(lines [][2]float32, y float32) float32 {
	const e = 0.5
	for moved := true; moved; {
		moved = false
		for _, l := range lines {
			if l[0] < y-e && l[1] > y+e {
				y, moved = l[1], true
			}
		}
	}
	return y
}

// lastWholeLine moves the bottom edge h up to the top of every line it
// cuts, until it cuts none. A line begun above the view is left cut: the
// reader scrolled it there.
func lastWholeLine(lines [][2]float32, h float32) float32 {
	const e = 0.5
	for moved := true; moved; {
		moved = false
		for _, l := range lines {
			if l[0] > e && l[0] < h-e && l[1] > h+e {
				h, moved = l[0], true
			}
		}
	}
	return h
}

// lineEdges calls add with the top and bottom of every line o shows at
// (o's parent's place): each line of a label's text, each choice of a
// radio group; a field, check box, button or other widget as one line.
func lineEdges(o fyne.CanvasObject, at fyne.Position, add func(top, bottom float32)) {
	if o == nil || !o.Visible() {
		return
	}
	at = at.Add(o.Position())
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			lineEdges(c, at, add)
		}
	case *widget.Label:
		labelLines(v, at.Y, add)
	case *widget.Form:
		// A form's rows are its items' widgets, placed from the form's
		// top-left corner; the row's name stands level with its first line.
		for _, it := range v.Items {
			lineEdges(it.Widget, at, add)
		}
	case *widget.Separator:
	case *widget.RadioGroup:
		// Each choice is a line of its own: Fyne stacks them, equally high.
		n := len(v.Options)
		if v.Horizontal || n == 0 {
			add(at.Y, at.Y+o.Size().Height)
			return
		}
		h := v.MinSize().Height / float32(n)
		for i := range n {
			add(at.Y+float32(i)*h, at.Y+float32(i+1)*h)
		}
	case fyne.Widget:
		add(at.Y, at.Y+o.Size().Height)
	}
}

// labelLines adds a label's lines: Fyne's rich text puts them one under
// the other, a text's height apart, inside the inner padding.
func labelLines(l *widget.Label, top float32, add func(top, bottom float32)) {
	if strings.TrimSpace(l.Text) == "" {
		return // an empty label shows nothing to cut: only its room
	}
	size := theme.TextSize()
	if l.SizeName != "" {
		size = theme.Size(l.SizeName)
	}
	line := fyne.MeasureText("M", size, l.TextStyle).Height
	pad := theme.InnerPadding()
	n := int((l.MinSize().Height - 2*pad + 0.5) / line)
	for i := range n {
		y := top + pad + float32(i)*line
		add(y, y+line)
	}
}
