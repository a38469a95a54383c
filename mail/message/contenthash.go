package message

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"strings"
	"sync"
)

// transportFields are header fields that servers on the way add or
// rewrite while the author's message stays the same: trace fields (RFC
// 5322 §3.6.7 Received and Return-Path; RFC 5321 §4.4), delivery notes
// (Delivered-To, X-Original-To, Envelope-To), and the verdicts of
// receiving servers (RFC 8601 Authentication-Results, RFC 8617 ARC,
// RFC 7208 Received-SPF, spam and virus scanners). A re-delivery of one
// mail differs only in these.
var transportFields = map[string]bool{
	"received": true, "return-path": true, "delivered-to": true,
	"x-original-to": true, "envelope-to": true, "x-envelope-to": true,
	"x-received": true, "received-spf": true, "authentication-results": true,
	"arc-seal": true, "arc-message-signature": true, "arc-authentication-results": true,
	"x-ms-exchange-organization-authas": true, "x-originating-ip": true,
	"status": true, "x-status": true, "x-keywords": true, "x-uid": true, // mbox and Dovecot bookkeeping
}

// transportPrefixes name whole families of scanner and relay fields.
var transportPrefixes = []string{"x-spam-", "x-virus-", "x-amavis-", "x-ms-exchange-", "x-forefront-", "x-mimecast-"}

// ContentHash is the hex SHA-256 of raw without its transport header
// fields and with line ends made LF, so the same mail delivered twice
// (other Received lines, CRLF or LF) has one ContentHash, while two
// different mails that carry one Message-ID have two.
func ContentHash(raw []byte) string {
	h := sha256.New()
	pos := 0
	if bytes.HasPrefix(raw, []byte("From ")) { // an mbox separator line
		pos = lineEnd(raw, 0)
	}
	skip := false
	for pos < len(raw) {
		end := lineEnd(raw, pos)
		line := raw[pos:end]
		if isBlank(line) {
			break
		}
		if line[0] != ' ' && line[0] != '\t' {
			skip = isTransportField(line)
		}
		if !skip {
			h.Write(bytes.TrimRight(line, "\r\n"))
			h.Write([]byte{'\n'})
		}
		pos = end
	}
	writeLF(h, raw[pos:])
	return hex.EncodeToString(h.Sum(nil))
}

// writeLF writes body to w with every CRLF made LF, through a small
// buffer: the body of a first import's every message used to be copied
// whole first (bytes.ReplaceAll), 400 MB of garbage for 10,000 mails.
func writeLF(w io.Writer, body []byte) {
	// The buffer goes to w.Write, an interface, so it would be made
	// anew on the heap for every message; it is kept for the next.
	pb := lfBuffers.Get().(*[32 << 10]byte)
	defer lfBuffers.Put(pb)
	buf := pb[:]
	n := 0
	flush := func() { w.Write(buf[:n]); n = 0 }
	for len(body) > 0 {
		i := bytes.Index(body, crlf)
		seg := body
		if i >= 0 {
			seg = body[:i]
		}
		for len(seg) > 0 {
			c := copy(buf[n:], seg)
			n, seg = n+c, seg[c:]
			if n == len(buf) {
				flush()
			}
		}
		if i < 0 {
			break
		}
		if n == len(buf) {
			flush()
		}
		buf[n] = '\n'
		n++
		body = body[i+2:]
	}
	flush()
}

var crlf = []byte("\r\n")

var lfBuffers = sync.Pool{New: func() any { return new([32 << 10]byte) }}

func isTransportField(line []byte) bool {
	colon := bytes.IndexByte(line, ':')
	if colon <= 0 {
		return false
	}
	name := strings.ToLower(strings.TrimSpace(string(line[:colon])))
	if transportFields[name] {
		return true
	}
	for _, p := range transportPrefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}
