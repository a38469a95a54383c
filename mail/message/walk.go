package message

import (
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/emersion/go-message/textproto"
)

const (
	// maxDepth bounds nested multiparts; real mail rarely goes past 5.
	maxDepth = 32
	// maxLeaves bounds the parts read from one message.
	maxLeaves = 1000
)

// errStop ends a walk early without being a failure.
var errStop = errors.New("stop walking")

// leaf is one non-multipart entity met on a walk. Its body is decoded
// from its Content-Transfer-Encoding (RFC 2045 §6) but not from its
// charset, so attachments keep their bytes.
type leaf struct {
	section   string // IMAP part number (RFC 9051 §6.4.5): "1", "2.3"
	h         header
	mediaType string // lower-case type/subtype
	params    map[string]string
	body      io.Reader
}

// walker goes through the MIME tree of a message (RFC 2046 §5.1) part by
// part, streaming, and calls visit for every leaf in order. The same raw
// bytes always give the same sections, which is how SaveAttachments finds
// a part again.
type walker struct {
	d      *decoder
	leaves int
	visit  func(*leaf) error
}

// entity walks one entity. section is "" for the message itself.
func (w *walker) entity(h header, body io.Reader, section, defaultType string, depth int) error {
	mediaType, params := w.d.params(h.Get("Content-Type"))
	if !validMediaType(mediaType) {
		// RFC 2045 §5.2: a missing or invalid Content-Type means
		// text/plain, except in a multipart/digest (RFC 2046 §5.1.5).
		mediaType, params = defaultType, map[string]string{}
	}
	if sub, ok := strings.CutPrefix(mediaType, "multipart/"); ok {
		if depth >= maxDepth {
			w.d.warn(WarnMIMETooDeep, "Limit", strconv.Itoa(maxDepth))
			return nil
		}
		return w.multipart(body, params["boundary"], section, sub, depth)
	}
	if w.leaves >= maxLeaves {
		w.d.warn(WarnMIMETooMany, "Limit", strconv.Itoa(maxLeaves))
		return errStop
	}
	w.leaves++
	if section == "" {
		section = "1"
	}
	soft := &softReader{r: w.d.transfer(h.Get("Content-Transfer-Encoding"), body)}
	err := w.visit(&leaf{section: section, h: h, mediaType: mediaType, params: params, body: soft})
	if soft.err != nil {
		w.d.warn(WarnMIMEPartPartly, "Section", section, "Detail", clip(soft.err.Error(), 80))
	}
	return err
}

// multipart walks the body parts between the boundaries. A broken
// boundary ends the walk of this multipart with a warning; the parts read
// until then are kept.
func (w *walker) multipart(body io.Reader, boundary, section, subtype string, depth int) error {
	if boundary == "" {
		w.d.warn(WarnNoBoundary, "Subtype", clip(subtype, 30))
		return nil
	}
	child := "text/plain"
	if subtype == "digest" {
		child = "message/rfc822"
	}
	mr := textproto.NewMultipartReader(body, boundary)
	for n := 1; ; n++ {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			w.d.warn(boundaryProblem(err, n), "Subtype", clip(subtype, 30), "Detail", clip(err.Error(), 80))
			return nil
		}
		sec := strconv.Itoa(n)
		if section != "" {
			sec = section + "." + sec
		}
		if err := w.entity(header{p.Header}, p, sec, child, depth+1); err != nil {
			return err
		}
	}
}

// boundaryProblem says in words what NextPart's error means.
func boundaryProblem(err error, n int) string {
	switch {
	case !strings.Contains(err.Error(), "EOF"):
		return WarnMultipart
	case n == 1:
		return WarnBoundaryNeverOccurs
	default:
		return WarnNoClosingBoundary
	}
}

func validMediaType(t string) bool {
	typ, sub, ok := strings.Cut(t, "/")
	return ok && typ != "" && sub != "" && !strings.ContainsAny(t, " \t\"")
}

// transfer decodes a Content-Transfer-Encoding (RFC 2045 §6). Multipart
// entities never reach here, so the rule of §6.4 that they be 7bit, 8bit
// or binary needs no quirk.
func (d *decoder) transfer(cte string, r io.Reader) io.Reader {
	switch enc := strings.ToLower(strings.TrimSpace(cte)); enc {
	case "", "7bit", "8bit", "binary":
		return r
	case "base64":
		// RFC 2045 §6.8: characters outside the alphabet are ignored.
		// Padding is dropped too, so a missing "=" costs nothing.
		return decodeBase64(r)
	case "quoted-printable":
		return decodeQP(r)
	default:
		d.warn(WarnUnknownEncoding, "A", clip(enc, 30))
		return r
	}
}

// The transfer decoders; a test compares them with the ones used before.
var (
	decodeBase64 = func(r io.Reader) io.Reader { return newB64Reader(r) }
	decodeQP     = func(r io.Reader) io.Reader { return newQPReader(r) }
)

// softReader turns a read error into the end of the data and remembers
// it: a part that breaks off (a truncated mail, bad base64) keeps what was
// read, and only errors writing an attachment fail SaveAttachments.
type softReader struct {
	r   io.Reader
	err error
}

func (s *softReader) Read(p []byte) (int, error) {
	if s.err != nil {
		return 0, io.EOF
	}
	n, err := s.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) {
		s.err = err
		err = io.EOF
	}
	return n, err
}
