package message

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"strconv"
	"strings"
	"sync"
)

const (
	// maxBodyBytes caps Text and HTML each. The raw message keeps the
	// rest; the database and the screen gain nothing from more.
	maxBodyBytes = 8 << 20
	// maxInnerHeader is how much of an attached message is kept to read
	// its Subject for the file name.
	maxInnerHeader = 64 << 10
)

// collector builds a Parsed from the leaves of a walk.
type collector struct {
	d        *decoder
	p        *Parsed
	src      *source
	text     strings.Builder
	html     strings.Builder
	rawNames []string // file names as the message gives them, per attachment
	spool    *spool   // writes the attachments as they are read; nil in Parse
	noHTML   bool     // Options.NoHTML
}

// walk reads the body of the message with header h.
func (c *collector) walk(h header, body []byte) {
	w := walker{d: c.d, visit: c.leaf}
	err := w.entity(h, bytes.NewReader(body), "", "text/plain", 0)
	if err != nil && !errors.Is(err, errStop) {
		c.d.warn(WarnMIMEStructure, "Detail", clip(err.Error(), 80))
	}
	if w.leaves == 0 && len(bytes.TrimSpace(body)) > 0 {
		// A multipart whose boundary never occurs, or nested too deep:
		// show the body as a mail client would, rather than nothing.
		c.d.warn(WarnNoReadablePart)
		c.text.WriteString(fixUTF8(body[:min(len(body), maxBodyBytes)]))
	}
	c.p.Text = normalizeBody(c.text.String())
	c.p.HTML = normalizeBody(c.html.String())
	c.nameAttachments()
}

func (c *collector) leaf(l *leaf) error {
	disp, dparams := c.d.params(l.h.Get("Content-Disposition"))
	name := dparams["filename"] // RFC 2183 §2.3
	if name == "" {
		name = l.params["name"] // RFC 1341, still sent by many mailers
	}
	if disp != "attachment" && name == "" {
		switch l.mediaType {
		case "text/plain":
			c.body(&c.text, l)
			return nil
		case "text/html":
			if !c.noHTML {
				c.body(&c.html, l)
			}
			return nil
		}
	}
	c.attachment(l, name, disp == "inline")
	return nil
}

// body appends a text part, converted from its charset (RFC 2046 §4.1.2),
// to b. Several parts (Apple Mail splits text around inline images) are
// joined by a line break.
func (c *collector) body(b *strings.Builder, l *leaf) {
	budget := maxBodyBytes - b.Len()
	if budget <= 0 {
		c.d.warn(WarnBodyTooLong, "Limit", strconv.Itoa(maxBodyBytes))
		return
	}
	r, _ := c.d.charsetReader(l.params["charset"], l.body)
	buf := bodyBuffers.Get().(*bytes.Buffer)
	defer putBodyBuffer(buf)
	buf.Reset()
	_, err := buf.ReadFrom(io.LimitReader(r, int64(budget)+1))
	if err != nil {
		c.d.warn(WarnMIMEPart, "Section", l.section, "Detail", clip(err.Error(), 80))
	}
	s := fixUTF8(buf.Bytes())
	if len(s) > budget {
		s = truncateUTF8(s, budget)
		c.d.warn(WarnBodyTooLong, "Limit", strconv.Itoa(maxBodyBytes))
	}
	if b.Len() > 0 && s != "" {
		b.WriteByte('\n')
	}
	b.WriteString(s)
}

// bodyBuffers keeps the buffers text parts are read into for the next
// part: io.ReadAll made a new one, grown step by step, for every part.
var bodyBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putBodyBuffer keeps buf unless a very long body made it large.
func putBodyBuffer(buf *bytes.Buffer) {
	if buf.Cap() <= 1<<20 {
		bodyBuffers.Put(buf)
	}
}

// attachment hashes a part while it streams by; its bytes are not kept.
func (c *collector) attachment(l *leaf, name string, inline bool) {
	h := sha256.New()
	var inner *capped
	var w io.Writer = h
	if isMessage(l.mediaType) {
		inner = &capped{max: maxInnerHeader}
		w = io.MultiWriter(h, inner)
	}
	var n int64
	var err error
	if c.spool != nil {
		n = c.spool.write(c.p, l.body, w)
	} else if n, err = io.Copy(w, l.body); err != nil {
		c.d.warn(WarnMIMEPart, "Section", l.section, "Detail", clip(err.Error(), 80))
	}
	if name == "" && inner != nil {
		// An attached mail (RFC 2046 §5.2.1) is saved whole as .eml and
		// not opened up: its text belongs to another message, and any
		// mail program opens the file. Its Subject names the file.
		// A slash in a subject is no directory, as it would be in a
		// file name.
		if subj := innerSubject(inner.buf.Bytes()); subj != "" {
			name = strings.NewReplacer("/", "-", `\`, "-").Replace(subj) + ".eml"
		}
	}
	if l.mediaType == "application/ms-tnef" || l.mediaType == "application/vnd.ms-tnef" {
		c.d.warn(WarnTNEF)
	}
	c.p.Attachments = append(c.p.Attachments, Part{
		Section:     l.section,
		ContentType: l.mediaType,
		ContentID:   strings.Trim(oneLine(fixUTF8([]byte(l.h.Get("Content-Id")))), "<> "),
		Inline:      inline,
		Size:        n,
		SHA256:      hex.EncodeToString(h.Sum(nil)),
		src:         c.src,
	})
	c.rawNames = append(c.rawNames, name)
}

// nameAttachments gives every attachment a safe file name, unique within
// the message without regard to case, because Windows and macOS file
// systems would otherwise let one overwrite the other.
func (c *collector) nameAttachments() {
	taken := make(map[string]bool, len(c.rawNames))
	for i := range c.p.Attachments {
		a := &c.p.Attachments[i]
		name := SanitizeFileName(c.rawNames[i])
		if name == "" {
			name = defaultName(i+1, a.ContentType)
		}
		a.FileName = uniqueName(name, func(n string) bool { return taken[foldName(n)] })
		taken[foldName(a.FileName)] = true
	}
}

func isMessage(mediaType string) bool {
	return mediaType == "message/rfc822" || mediaType == "message/global"
}

// innerSubject reads the Subject of an attached message from the start of
// its bytes. Problems with it are not the outer message's warnings.
func innerSubject(b []byte) string {
	d := &decoder{}
	h, _, ok := splitHeader(b, d)
	if !ok {
		return ""
	}
	return d.text(h.Get("Subject"))
}

// normalizeBody turns CRLF (RFC 5322 §2.3), and a CR alone, into LF, as
// text is stored, in one pass over s.
func normalizeBody(s string) string {
	i := strings.IndexByte(s, '\r')
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i >= 0 {
		b.WriteString(s[:i])
		b.WriteByte('\n')
		if i+1 < len(s) && s[i+1] == '\n' {
			i++
		}
		s = s[i+1:]
		i = strings.IndexByte(s, '\r')
	}
	b.WriteString(s)
	return b.String()
}

// capped keeps the first max bytes written to it and ignores the rest.
type capped struct {
	buf bytes.Buffer
	max int
}

func (c *capped) Write(p []byte) (int, error) {
	if room := c.max - c.buf.Len(); room > 0 {
		c.buf.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}
