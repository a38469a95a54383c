package imapsync

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"postbridge/domain"
	"postbridge/mail/mailerr"
)

// startTLS upgrades a plain connection itself instead of through go-imap
// (RFC 9051 §6.2.1), so that the guard (deadline.go) sits above TLS and
// reads IMAP, not TLS records. It reads the greeting, makes sure STARTTLS
// is offered, sends it and completes the handshake. It returns the
// encrypted connection; the server sends no second greeting, so the
// caller hands go-imap one (tlsGreeting), without capabilities: they are
// asked for again over TLS, as RFC 9051 §6.2.1 wants.
//
// "TLS if available" (SecuritySTARTTLSOptional) never sends a password or
// token in clear: a server that does not offer STARTTLS — or a man in the
// middle who removed it — is refused with ErrEncryptionRequired, as SMTP
// refuses a clear-text login in that mode (smtpsend, RFC 4954 §4).
func startTLS(ctx context.Context, raw net.Conn, s Server, conf *tls.Config) (*tls.Conn, error) {
	t := timeoutOf(s)
	raw.SetDeadline(time.Now().Add(t))
	br := bufio.NewReaderSize(raw, 4096)
	greeting, err := readPlainLine(br)
	if err != nil {
		return nil, err
	}
	switch word := upperWord(greeting, 1); word {
	case "OK":
	case "PREAUTH":
		// Logged in before TLS: nothing could be protected (RFC 9051 §7.1.4).
		return nil, fmt.Errorf("%w: the server sent PREAUTH before STARTTLS", mailerr.ErrSTARTTLSNotOffered)
	default:
		return nil, fmt.Errorf("greeting %q: the server did not accept the connection", clip(greeting))
	}
	caps := greeting
	if !strings.Contains(strings.ToUpper(greeting), "[CAPABILITY ") {
		if caps, err = plainCommand(raw, br, "P1 CAPABILITY"); err != nil {
			return nil, err
		}
	}
	if !hasWord(caps, "STARTTLS") {
		if s.Security == domain.SecuritySTARTTLSOptional {
			return nil, fmt.Errorf("%w: the server offers no STARTTLS, and 'TLS if available' sends no password in clear", mailerr.ErrEncryptionRequired)
		}
		return nil, mailerr.ErrSTARTTLSNotOffered
	}
	answer, err := plainCommand(raw, br, "P2 STARTTLS")
	if err != nil {
		return nil, err
	}
	if upperWord(lastLine(answer), 1) != "OK" {
		return nil, fmt.Errorf("%w: %s", mailerr.ErrSTARTTLSNotOffered, clip(lastLine(answer)))
	}
	if br.Buffered() > 0 {
		// Bytes after the OK were sent before TLS and could be anyone's:
		// a command injection (CVE-2011-0411's kind) is refused.
		return nil, fmt.Errorf("%w: the server sent data after its STARTTLS answer", mailerr.ErrTLSHandshake)
	}
	tc := tls.Client(raw, conf)
	if err := tc.HandshakeContext(ctx); err != nil {
		return nil, err
	}
	raw.SetDeadline(time.Time{})
	return tc, nil
}

// tlsGreeting is what go-imap reads first after our STARTTLS.
var tlsGreeting = []byte("* OK TLS started\r\n")

// plainCommand sends cmd and returns every line of the answer up to its
// tagged one, at most 64 lines.
func plainCommand(raw net.Conn, br *bufio.Reader, cmd string) (string, error) {
	if _, err := raw.Write([]byte(cmd + "\r\n")); err != nil {
		return "", err
	}
	tag := cmd[:strings.IndexByte(cmd, ' ')+1]
	var lines []string
	for range 64 {
		line, err := readPlainLine(br)
		if err != nil {
			return "", err
		}
		lines = append(lines, line)
		if strings.HasPrefix(line, tag) {
			return strings.Join(lines, "\n"), nil
		}
	}
	return "", fmt.Errorf("%w: no end to the answer to %s", mailerr.ErrResponseTooLarge, cmd)
}

// readPlainLine reads one line of at most 64 KiB before TLS.
func readPlainLine(br *bufio.Reader) (string, error) {
	var b strings.Builder
	for {
		part, err := br.ReadSlice('\n')
		b.Write(part)
		if b.Len() > 64<<10 {
			return "", fmt.Errorf("%w: a line of more than 64 KiB before TLS", mailerr.ErrResponseTooLarge)
		}
		if err == nil {
			return strings.TrimRight(b.String(), "\r\n"), nil
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			return "", err
		}
	}
}

// upperWord is the i-th space-separated word of line, in upper case.
func upperWord(line string, i int) string {
	f := strings.Fields(line)
	if i >= len(f) {
		return ""
	}
	return strings.ToUpper(f[i])
}

// hasWord reports whether text holds word as a whole word, the brackets
// of "[CAPABILITY ...]" aside.
func hasWord(text, word string) bool {
	for _, f := range strings.FieldsFunc(strings.ToUpper(text), func(r rune) bool { return r == ' ' || r == '[' || r == ']' || r == '\n' }) {
		if f == word {
			return true
		}
	}
	return false
}

func lastLine(text string) string { return text[strings.LastIndexByte(text, '\n')+1:] }

// clip shortens a server's line for an error message.
func clip(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}
