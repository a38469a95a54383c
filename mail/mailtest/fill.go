package mailtest

import (
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// MixedMail is message i of a realistic mixed folder: plain text bodies
// of 1–64 KiB, and every tenth message a multipart with a PDF-like
// attachment of up to 96 KiB. Message-IDs are unique per i and run.
func MixedMail(i int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "From: Jan de Klant <jan@klant.test>\r\nTo: alice@acme.test\r\nSubject: Bericht %d\r\n"+
		"Date: Tue, 24 Nov 2026 10:%02d:00 +0100\r\nMessage-ID: <mixed%d.%d@klant.test>\r\nMIME-Version: 1.0\r\n",
		i, i%60, i, time.Now().UnixNano())
	text := strings.Repeat(fmt.Sprintf("Regel %d van een testbericht.\r\n", i), 1+(i*37)%2000)
	if i%10 != 0 {
		b.WriteString("Content-Type: text/plain; charset=utf-8\r\n\r\n" + text)
		return []byte(b.String())
	}
	att := make([]byte, 1024*(1+(i*7)%96))
	for j := range att {
		att[j] = byte(i + j*31)
	}
	fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=b%d\r\n\r\n--b%d\r\n"+
		"Content-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n--b%d\r\nContent-Type: application/pdf\r\n"+
		"Content-Disposition: attachment; filename=\"offerte-%d.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n",
		i, i, text, i, i)
	enc := base64.StdEncoding.EncodeToString(att)
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	fmt.Fprintf(&b, "%s\r\n--b%d--\r\n", enc, i)
	return []byte(b.String())
}

// FillMaildir writes n messages made by mail straight into the user's
// Maildir folder (creating it) and returns their total size: doveadm
// save would spawn a process per message, too slow for 50,000. The files
// are named as Dovecot's own delivery names them, with the size (S=) and
// the size with CRLF line ends (W=, RFC822.SIZE) in the name; without
// them Dovecot reads every file to answer a FETCH of RFC822.SIZE, which
// no mailbox that Dovecot delivered to ever makes it do.
func (s *Stack) FillMaildir(t testing.TB, user User, folder string, n int, mail func(i int) []byte) int64 {
	t.Helper()
	dir := filepath.Join(s.Dir, "mail", user.Name, "Maildir", filepath.FromSlash(folder))
	if !strings.EqualFold(folder, "INBOX") {
		s.CreateMailbox(t, user, folder)
	} else {
		dir = filepath.Join(s.Dir, "mail", user.Name, "Maildir")
	}
	newDir := filepath.Join(dir, "new")
	if err := os.MkdirAll(newDir, 0o755); err != nil {
		t.Fatal(err)
	}
	var total int64
	for i := 0; i < n; i++ {
		raw := mail(i)
		name := filepath.Join(newDir, fmt.Sprintf("%d.M%dP%d.fill,S=%d,W=%d", time.Now().UnixNano(), i, os.Getpid(), len(raw), crlfSize(raw)))
		if err := os.WriteFile(name, raw, 0o644); err != nil {
			t.Fatal(err)
		}
		os.Chown(name, 65534, 65534) // nobody:nogroup, as Dovecot's own files
		total += int64(len(raw))
	}
	os.Chown(newDir, 65534, 65534)
	return total
}

// DrawingMail makes message i of a folder of large mail: a short text and
// a scanned drawing of about 15 MB, 20 MB once base64-encoded — the mail
// of a building office (manual 004) that a sync must take without holding
// many of them at once.
func DrawingMail(i int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "From: Architect <tekening@architect.test>\r\nTo: alice@acme.test\r\nSubject: Tekening %d\r\n"+
		"Date: Tue, 24 Nov 2026 11:%02d:00 +0100\r\nMessage-ID: <drawing%d.%d@architect.test>\r\nMIME-Version: 1.0\r\n"+
		"Content-Type: multipart/mixed; boundary=d%d\r\n\r\n--d%d\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"+
		"Bijgaand de tekening.\r\n--d%d\r\nContent-Type: image/tiff\r\n"+
		"Content-Disposition: attachment; filename=\"tekening-%d.tif\"\r\nContent-Transfer-Encoding: base64\r\n\r\n",
		i, i%60, i, time.Now().UnixNano(), i, i, i, i)
	line := make([]byte, 57) // 76 characters once encoded (RFC 2045 §6.8)
	const lines = 15 << 20 / 57
	b.Grow(lines * 78)
	for l := 0; l < lines; l++ {
		for j := range line {
			line[j] = byte(i*7 + l*13 + j)
		}
		b.WriteString(base64.StdEncoding.EncodeToString(line) + "\r\n")
	}
	fmt.Fprintf(&b, "--d%d--\r\n", i)
	return []byte(b.String())
}

// crlfSize is the size of raw with every bare LF counted as CRLF: what
// Dovecot reports as RFC822.SIZE (RFC 9051 §7.5.2).
func crlfSize(raw []byte) int {
	n := len(raw)
	for i, c := range raw {
		if c == '\n' && (i == 0 || raw[i-1] != '\r') {
			n++
		}
	}
	return n
}
