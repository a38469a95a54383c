// Command icon draws Postbridge's application icon (assets/icon.png): an
// envelope carried by a bridge arch on a blue tile. It is drawn in code so
// the icon can be regenerated exactly: go run ./scripts/icon assets/icon.png
package main

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
)

const (
	size = 512
	ss   = 4 // supersampling per axis, for smooth edges
)

var (
	blue   = color.NRGBA{0x1f, 0x5f, 0xae, 0xff}
	white  = color.NRGBA{0xff, 0xff, 0xff, 0xff}
	orange = color.NRGBA{0xf2, 0x9b, 0x1d, 0xff}
	fold   = color.NRGBA{0xc9, 0xd6, 0xe8, 0xff}
)

// shade returns the colour at a point of the 512-unit canvas, or a zero
// alpha colour outside the tile.
func shade(x, y float64) color.NRGBA {
	if !inRoundRect(x, y, 16, 16, 496, 496, 96) {
		return color.NRGBA{}
	}
	c := blue
	// The bridge: a thick arch with two pillars, under the envelope.
	cx, cy := 256.0, 430.0
	r := math.Hypot(x-cx, y-cy)
	if y < cy && r > 170 && r < 204 {
		c = orange
	}
	if y >= 330 && y <= 440 && ((x >= 70 && x <= 100) || (x >= 412 && x <= 442)) {
		c = orange
	}
	if y >= 420 && y <= 444 && x >= 40 && x <= 472 {
		c = orange
	}
	// The envelope.
	if inRoundRect(x, y, 136, 150, 376, 316, 14) {
		c = white
		if onLine(x, y, 136, 160, 256, 248, 9) || onLine(x, y, 376, 160, 256, 248, 9) {
			c = fold
		}
	}
	return c
}

func inRoundRect(x, y, x0, y0, x1, y1, r float64) bool {
	if x < x0 || x > x1 || y < y0 || y > y1 {
		return false
	}
	dx := math.Max(math.Max(x0+r-x, 0), math.Max(x-(x1-r), 0))
	dy := math.Max(math.Max(y0+r-y, 0), math.Max(y-(y1-r), 0))
	return dx*dx+dy*dy <= r*r
}

// onLine reports whether (x, y) lies within w/2 of the segment a-b.
func onLine(x, y, ax, ay, bx, by, w float64) bool {
	vx, vy := bx-ax, by-ay
	t := math.Max(0, math.Min(1, ((x-ax)*vx+(y-ay)*vy)/(vx*vx+vy*vy)))
	return math.Hypot(x-(ax+t*vx), y-(ay+t*vy)) <= w/2
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: icon OUT.png")
		os.Exit(2)
	}
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			img.SetNRGBA(px, py, sample(px, py))
		}
	}
	f, err := os.Create(os.Args[1])
	if err == nil {
		err = png.Encode(f, img)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "icon:", err)
		os.Exit(1)
	}
}

// sample averages ss×ss points of one pixel, weighting colour by alpha.
func sample(px, py int) color.NRGBA {
	var r, g, b, a float64
	for sy := 0; sy < ss; sy++ {
		for sx := 0; sx < ss; sx++ {
			c := shade(float64(px)+(float64(sx)+0.5)/ss, float64(py)+(float64(sy)+0.5)/ss)
			al := float64(c.A) / 255
			r, g, b, a = r+float64(c.R)*al, g+float64(c.G)*al, b+float64(c.B)*al, a+al
		}
	}
	if a == 0 {
		return color.NRGBA{}
	}
	return color.NRGBA{uint8(r / a), uint8(g / a), uint8(b / a), uint8(a / (ss * ss) * 255)}
}
