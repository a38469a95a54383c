package message

import (
	"bytes"
	"encoding/base64"
	"io"
	"sync"
)

// b64Chunk is how much encoded input one decoding step takes.
const b64Chunk = 32 << 10

// b64Alphabet is 1 for the 64 characters of the base64 alphabet (RFC
// 2045 §6.8, Table 1), 0 for every other byte.
var b64Alphabet = func() (t [256]uint8) {
	for _, c := range []byte("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") {
		t[c] = 1
	}
	return t
}()

// b64Reader decodes a base64 body. RFC 2045 §6.8: characters outside the
// alphabet are ignored; padding is dropped too, so a missing "=" costs
// nothing. The characters left are decoded as one unpadded stream, a
// last group of two or three characters as the bytes they hold, a last
// single character as an error after everything before it.
//
// An attachment is most of a first import's bytes, and a filter that
// looked at every byte on its own was a fifth of its CPU (BENCHMARKS.md).
// So whole lines are moved together (their line ends and trailing padding
// cut off) and up to b64Chunk characters decoded by one call of
// encoding/base64; only a chunk whose lines hold a character outside the
// alphabet goes through a byte-by-byte table filter first.
type b64Reader struct {
	r     io.Reader
	buf   []byte // buf[:n] is input moved together (compactB64), not yet decoded
	n     int
	out   []byte // decoded and not yet returned
	obuf  []byte
	err   error // from r, returned after all data
	final bool  // the last characters are decoded
	bufs  *b64Buffer
}

// release gives the buffers back once everything is decoded and read; a
// reader left before its end leaves them to the garbage collector.
func (d *b64Reader) release() {
	if d.bufs != nil {
		b64Buffers.Put(d.bufs)
		d.bufs, d.buf, d.obuf = nil, nil, nil
	}
}

// b64Buffers keeps the input and output buffers of finished readers for
// the next base64 part: 56 KiB each, which every attachment would
// otherwise allocate anew.
var b64Buffers = sync.Pool{New: func() any { return new(b64Buffer) }}

type b64Buffer struct {
	in  [b64Chunk + 4]byte
	out [(b64Chunk + 4) / 4 * 3]byte
}

func newB64Reader(r io.Reader) *b64Reader {
	d := &b64Reader{r: r, bufs: b64Buffers.Get().(*b64Buffer)}
	d.buf, d.obuf = d.bufs.in[:], d.bufs.out[:]
	return d
}

func (d *b64Reader) Read(p []byte) (int, error) {
	for len(d.out) == 0 {
		if d.final {
			d.release()
			return 0, d.err
		}
		if d.err == nil {
			d.fill()
			continue
		}
		d.flush()
	}
	n := copy(p, d.out)
	d.out = d.out[n:]
	return n, nil
}

// fill reads more input, moves its lines together and decodes whole
// groups of four.
func (d *b64Reader) fill() {
	m, err := d.r.Read(d.buf[d.n:])
	d.n += compactB64(d.buf[d.n : d.n+m])
	if err != nil {
		d.err = err
	}
	// Decode only when a chunk is full or the input ended: fewer, larger
	// calls of Decode, and the 4 KiB reads of a multipart add up first.
	if d.n < b64Chunk && d.err == nil {
		return
	}
	whole := d.n / 4 * 4
	out, ok := d.decode(d.buf[:whole])
	if !ok {
		// A character outside the alphabet inside a line: keep only
		// the alphabet, then the groups of four are other ones.
		d.n = filterB64(d.buf[:d.n])
		whole = d.n / 4 * 4
		out, _ = d.decode(d.buf[:whole])
	}
	d.out = out
	d.n = copy(d.buf, d.buf[whole:d.n])
}

// flush decodes the last one to three characters once the input ended.
func (d *b64Reader) flush() {
	d.final = true
	switch d.n = filterB64(d.buf[:d.n]); d.n {
	case 0:
	case 1:
		// What base64.NewDecoder says about a lone last character; its
		// text reaches the warning, which must read as it always did.
		d.err = base64.CorruptInputError(0)
	default:
		d.out, _ = d.decode(d.buf[:d.n])
	}
	d.n = 0
}

// decode decodes src with encoding/base64 and reports whether every
// character was of the alphabet.
func (d *b64Reader) decode(src []byte) ([]byte, bool) {
	need := base64.RawStdEncoding.DecodedLen(len(src))
	n, err := base64.RawStdEncoding.Decode(d.obuf[:need], src)
	return d.obuf[:n], err == nil
}

// compactB64 moves the lines of b to its start without their line ends
// and trailing padding or blanks, and returns the length they have then.
// What is left besides the alphabet (a space inside a line, a stray
// character) makes Decode fail, and fill filters that chunk; only a
// lone CR would pass Decode, which skips it, and is filtered here.
func compactB64(b []byte) int {
	w, rest := 0, b
	for len(rest) > 0 {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		end := len(line)
		for end > 0 && b64Alphabet[line[end-1]] == 0 {
			end--
		}
		w += copy(b[w:], line[:end])
	}
	if bytes.IndexByte(b[:w], '\r') >= 0 {
		return filterB64(b[:w])
	}
	return w
}

// filterB64 keeps the characters of the alphabet in b, in order, at its
// start, without a branch per byte, and returns how many there are.
func filterB64(b []byte) int {
	k := 0
	for _, c := range b {
		b[k] = c
		k += int(b64Alphabet[c])
	}
	return k
}
