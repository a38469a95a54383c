package imapsync

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
)

// fakeIMAP is a server written for the tests of a misbehaving server
// (one that sends too much, too slowly or never): it speaks just enough IMAP for Check and a transfer-mode
// Run on one message — greeting, CAPABILITY, LOGIN, LIST, SELECT,
// UID SEARCH, UID FETCH, UID MOVE, LOGOUT — and misbehaves in the one
// command that odd names.
type fakeIMAP struct {
	addr string
	odd  map[string]oddAnswer
	mu   sync.Mutex
	seen []string // the commands received, by key
}

// oddAnswer answers one command its own way; it returns whether the
// conversation goes on.
type oddAnswer func(c net.Conn, tag string) bool

const fakeCaps = "IMAP4rev1 IDLE MOVE UIDPLUS"

// fakeBody is the one message of the fake folder.
const fakeBody = "From: a@example.test\r\nSubject: hello\r\nMessage-Id: <1@example.test>\r\n\r\nbody\r\n"

func startFake(t *testing.T, odd map[string]oddAnswer) *fakeIMAP {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeIMAP{addr: ln.Addr().String(), odd: odd}
	var wg sync.WaitGroup
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() { defer wg.Done(); f.serve(c) }()
		}
	}()
	return f
}

func (f *fakeIMAP) serve(c net.Conn) {
	defer c.Close()
	br := bufio.NewReader(c)
	fmt.Fprintf(c, "* OK [CAPABILITY %s] fake ready\r\n", fakeCaps)
	idleTag := ""
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return
		}
		tag, cmd, _ := strings.Cut(strings.TrimRight(line, "\r\n"), " ")
		key := fakeKey(cmd)
		if tag == "DONE" {
			key = "DONE"
		}
		f.mu.Lock()
		f.seen = append(f.seen, key)
		f.mu.Unlock()
		switch key {
		case "IDLE": // RFC 2177: "+" now, the tagged OK after DONE
			idleTag = tag
			io.WriteString(c, "+ idling\r\n")
			continue
		case "DONE":
			io.WriteString(c, idleTag+" OK idle done\r\n")
			continue
		}
		if odd := f.odd[key]; odd != nil {
			if !odd(c, tag) {
				return
			}
			continue
		}
		if _, err := io.WriteString(c, fakeAnswer(key, cmd, tag)); err != nil || key == "LOGOUT" {
			return
		}
	}
}

// received reports whether the fake was sent a command with this key.
func (f *fakeIMAP) received(key string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, k := range f.seen {
		if k == key {
			return true
		}
	}
	return false
}

// fakeKey names a command: its word, and for UID FETCH what it fetches.
func fakeKey(cmd string) string {
	up := strings.ToUpper(cmd)
	switch {
	case strings.HasPrefix(up, "UID FETCH") && strings.Contains(up, "BODY"):
		return "FETCH BODY"
	case strings.HasPrefix(up, "UID FETCH"):
		return "FETCH SIZES"
	case strings.HasPrefix(up, "UID "):
		return strings.Fields(up)[0] + " " + strings.Fields(up)[1]
	}
	word, _, _ := strings.Cut(up, " ")
	return word
}

func fakeAnswer(key, cmd, tag string) string {
	var b strings.Builder
	switch key {
	case "CAPABILITY":
		b.WriteString("* CAPABILITY " + fakeCaps + "\r\n")
	case "LIST":
		if strings.Contains(cmd, `"" ""`) {
			b.WriteString("* LIST (\\Noselect) \"/\" \"\"\r\n")
		} else {
			b.WriteString("* LIST () \"/\" INBOX\r\n* LIST () \"/\" INBOX/Completed\r\n")
		}
	case "SELECT", "EXAMINE":
		b.WriteString("* 1 EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY 7] UIDs valid\r\n* OK [UIDNEXT 2] next\r\n* FLAGS (\\Seen)\r\n")
	case "UID SEARCH":
		b.WriteString("* SEARCH 1\r\n")
	case "FETCH SIZES":
		fmt.Fprintf(&b, "* 1 FETCH (UID 1 RFC822.SIZE %d)\r\n", len(fakeBody))
	case "FETCH BODY":
		fmt.Fprintf(&b, "* 1 FETCH (UID 1 FLAGS () INTERNALDATE \"01-Jan-2026 10:00:00 +0000\" BODY[] {%d}\r\n%s)\r\n", len(fakeBody), fakeBody)
	case "LOGOUT":
		b.WriteString("* BYE see you\r\n")
	}
	b.WriteString(tag + " OK done\r\n")
	return b.String()
}

// Misbehaviours.

// silent never answers; it returns once the client has closed.
func silent(c net.Conn, tag string) bool {
	io.Copy(io.Discard, c)
	return false
}

// flood sends untagged lines without end.
func flood(c net.Conn, tag string) bool {
	chunk := []byte(strings.Repeat("* OK still working on it\r\n", 4096))
	for {
		if _, err := c.Write(chunk); err != nil {
			return false
		}
	}
}

// endless starts a response with a literal of 999,999,999,999 bytes and
// sends bytes of it until the client closes.
func endless(start string) oddAnswer {
	return func(c net.Conn, tag string) bool {
		if _, err := io.WriteString(c, start+"{999999999999}\r\n"); err != nil {
			return false
		}
		chunk := []byte(strings.Repeat("x", 64<<10))
		for {
			if _, err := c.Write(chunk); err != nil {
				return false
			}
		}
	}
}

// nilBody answers a FETCH as Dovecot does for a message expunged meanwhile.
func nilBody(c net.Conn, tag string) bool {
	_, err := fmt.Fprintf(c, "* 1 FETCH (UID 1 FLAGS () BODY[] NIL)\r\n%s OK done\r\n", tag)
	return err == nil
}
