package message

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
)

// BenchmarkSaveAttachmentsNew writes the attachment of a new message per
// iteration into a fresh directory: what a first import does for every
// tenth mail (BENCHMARKS.md). Each message gets its own directory.
func BenchmarkSaveAttachmentsNew(b *testing.B) {
	root := b.TempDir()
	att := base64.StdEncoding.EncodeToString(make([]byte, 48*1024))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		raw := []byte(fmt.Sprintf("From: a@b.test\r\nDate: Tue, 24 Nov 2026 10:00:00 +0100\r\nMessage-ID: <%d@b.test>\r\n"+
			"Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nHallo %d\r\n"+
			"--x\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"offerte.pdf\"\r\n"+
			"Content-Transfer-Encoding: base64\r\n\r\n%s\r\n--x--\r\n", i, i, strings.TrimSpace(att)))
		p := Parse(raw)
		b.StartTimer()
		if _, err := SaveAttachments(root, p.Dir(), p.Attachments); err != nil {
			b.Fatal(err)
		}
	}
}
