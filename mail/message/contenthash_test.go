package message

import (
	"bytes"
	"strings"
	"testing"
)

func TestContentHashIgnoresTransportHeaders(t *testing.T) {
	base := "From: a@klant.test\r\nSubject: Offerte\r\nMessage-ID: <x@klant.test>\r\n\r\nTekst\r\n"
	same := []string{
		"Received: from mx1 by mx2; Tue, 24 Nov 2026 10:00:00 +0100\r\nReturn-Path: <a@klant.test>\r\n" + base,
		"Delivered-To: alice@acme.test\r\nReceived: from a\r\n\tby b with LMTP\r\nX-Spam-Score: 1.2\r\n" + base,
		"From: a@klant.test\nSubject: Offerte\nMessage-ID: <x@klant.test>\nAuthentication-Results: mx; spf=pass\n\nTekst\n",
	}
	different := []string{
		"From: a@klant.test\r\nSubject: Offerte 2\r\nMessage-ID: <x@klant.test>\r\n\r\nTekst\r\n",
		"From: a@klant.test\r\nSubject: Offerte\r\nMessage-ID: <x@klant.test>\r\n\r\nTekst 2\r\n",
		// A Received line in the body is content, not a header.
		"From: a@klant.test\r\nSubject: Offerte\r\nMessage-ID: <x@klant.test>\r\n\r\nReceived: x\r\nTekst\r\n",
	}
	want := ContentHash([]byte(base))
	for _, s := range same {
		if got := ContentHash([]byte(s)); got != want {
			t.Errorf("ContentHash(%q) differs from the mail without transport headers", s)
		}
	}
	for _, s := range different {
		if got := ContentHash([]byte(s)); got == want {
			t.Errorf("ContentHash(%q) equals another mail's", s)
		}
	}
}

// writeLF gives what bytes.ReplaceAll gave (ContentHash's values must not
// change: stored rows are compared with new mail), also across its
// buffer's edges.
func TestWriteLFMatchesReplaceAll(t *testing.T) {
	long := strings.Repeat("x", 32<<10-1)
	for _, body := range []string{"", "a", "\r\n", "a\r\nb\r\n", "\r\r\n\n", "no end\r", long + "\r\n" + long,
		long + "\r" + "\n", strings.Repeat("line\r\n", 20000), strings.Repeat("\r\n", 40000)} {
		var got bytes.Buffer
		writeLF(&got, []byte(body))
		if want := strings.ReplaceAll(body, "\r\n", "\n"); got.String() != want {
			t.Errorf("body of %d bytes: got %d bytes, want %d", len(body), got.Len(), len(want))
		}
	}
}
