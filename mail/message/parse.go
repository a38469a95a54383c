package message

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/mail"
	"path"
	"strings"
	"time"

	gomessage "github.com/emersion/go-message"
	// Registers every charset go-message knows for RFC 2047 words and
	// text bodies (ISO-8859-x, windows-125x, KOI8, Shift_JIS, GB18030, ...).
	_ "github.com/emersion/go-message/charset"
	gomail "github.com/emersion/go-message/mail"

	"postbridge/problem"
)

// maxMessageIDBytes is RFC 5322's line limit (§2.1.1); a longer
// Message-ID is garbage and would only bloat the index.
const maxMessageIDBytes = 998

// Parsed is what Parse reads from one raw message.
type Parsed struct {
	MessageID   string    // without angle brackets; "" when missing
	From        Address   // the first author (RFC 5322 §3.6.2); zero when missing
	To, Cc, Bcc []Address // in header order
	Date        time.Time // the Date field; zero when missing or unreadable
	Subject     string
	Text        string // text/plain body parts joined, LF line ends
	HTML        string // text/html body parts joined, LF line ends
	Attachments []Part // every other leaf part, file names unique in the message
	Warnings    []problem.P
	SHA256      string // hex SHA-256 of the raw bytes
	Size        int64  // length of the raw message
}

// Part is one attachment of a parsed message. Its bytes are not held;
// SaveAttachments decodes them again from the raw message.
type Part struct {
	Section     string // IMAP part number (RFC 9051 §6.4.5), e.g. "2" or "1.3"
	FileName    string // decoded (RFC 2047/2231), sanitised, unique within the message
	ContentType string // lower-case type/subtype, e.g. "application/pdf"
	ContentID   string // without angle brackets, for cid: links in HTML (RFC 2392)
	Inline      bool   // Content-Disposition: inline (RFC 2183 §2.1)
	Size        int64  // decoded bytes
	SHA256      string // hex SHA-256 of the decoded bytes
	src         *source
}

// source is the raw message a Part came from, shared, never copied.
type source struct {
	raw []byte
}

// recoverPanics is switched off by the fuzz test, which wants the stack.
var recoverPanics = true

// Parse reads a raw message (RFC 5322 with MIME, RFC 2045-2049). It never
// fails: what cannot be read is left empty and explained in Warnings, and
// the caller keeps raw. Parse keeps a reference to raw in the returned
// Parts, for SaveAttachments; raw must not be changed afterwards.
func Parse(raw []byte) Parsed {
	return parse(raw, nil, Options{})
}

// Options choose what a parse leaves out.
type Options struct {
	// NoHTML leaves Parsed.HTML empty: text/html parts are skipped, not
	// decoded. An importer that keeps no HTML body (the raw message has
	// it) saves the decoding of every HTML alternative.
	NoHTML bool
}

// parse is Parse; with a spool, attachments are written as they are read.
func parse(raw []byte, sp *spool, o Options) (p Parsed) {
	sum := sha256.Sum256(raw)
	p.SHA256, p.Size = hex.EncodeToString(sum[:]), int64(len(raw))
	d := &decoder{}
	defer func() {
		if recoverPanics {
			if r := recover(); r != nil {
				d.warn(WarnUnparsable, "Detail", fmt.Sprint(r))
				sp.fail(panicked(r))
			}
		}
		p.Warnings = d.warnings
	}()
	h, body, ok := splitHeader(raw, d)
	if !ok {
		d.warn(WarnNoHeader)
		return p
	}
	d.envelope(&p, h)
	c := collector{d: d, p: &p, src: &source{raw: raw}, spool: sp, noHTML: o.NoHTML}
	c.walk(h, body)
	return p
}

// envelope reads the RFC 5322 §3.6 fields. Missing ones are tolerated:
// drafts lack a Message-ID, some robots send no Date or From.
func (d *decoder) envelope(p *Parsed, h header) {
	p.MessageID = d.messageID(h)
	p.Subject = d.text(h.Get("Subject"))
	p.Date = d.date(h)
	if from := d.addresses(h, "From"); len(from) > 0 {
		p.From = from[0]
	} else {
		d.warn(WarnNoFrom)
	}
	p.To = d.addresses(h, "To")
	p.Cc = d.addresses(h, "Cc")
	p.Bcc = d.addresses(h, "Bcc")
}

// messageID reads msg-id (RFC 5322 §3.6.4) with go-message and, when that
// fails, keeps the first word without its angle brackets: a malformed ID
// still helps to recognise the message again.
func (d *decoder) messageID(h header) string {
	v := h.Get("Message-Id")
	if strings.TrimSpace(v) == "" {
		d.warn(WarnNoMessageID)
		return ""
	}
	mh := gomail.Header{Header: gomessage.Header{Header: h.Header}}
	id, err := mh.MessageID()
	if err != nil || id == "" {
		fields := strings.Fields(oneLine(fixUTF8([]byte(v))))
		if len(fields) == 0 {
			return ""
		}
		id = strings.Trim(fields[0], "<>")
		d.warn(WarnBadMessageID, "A", clip(v, 60))
	}
	return truncateUTF8(oneLine(fixUTF8([]byte(id))), maxMessageIDBytes)
}

// date reads the Date field (RFC 5322 §3.3, with the obsolete forms of
// §4.3 that net/mail accepts).
func (d *decoder) date(h header) time.Time {
	v := strings.TrimSpace(h.Get("Date"))
	if v == "" {
		d.warn(WarnNoDate)
		return time.Time{}
	}
	t, err := mail.ParseDate(v)
	if err != nil {
		d.warn(WarnBadDate, "A", clip(v, 60))
		return time.Time{}
	}
	return t
}

// Dir is the directory, relative to the attachment path and separated by
// slashes, where this message's attachments belong:
// yyyy/mm/<16 hex digits of SHA256>. See the package documentation for why.
func (p Parsed) Dir() string {
	hash := p.SHA256
	if len(hash) > 16 {
		hash = hash[:16]
	}
	if p.Date.IsZero() {
		return path.Join("undated", hash)
	}
	t := p.Date.UTC()
	if t.Year() < 1970 || t.Year() > 9999 {
		return path.Join("undated", hash)
	}
	return fmt.Sprintf("%04d/%02d/%s", t.Year(), int(t.Month()), hash)
}
