package imapsync

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"postbridge/mail/mailerr"
)

// The scanner finds each line's head however the bytes are cut, and
// never takes a literal's bytes for a line.
func TestWireScanFindsLinesAroundLiterals(t *testing.T) {
	wire := "* OK [UIDVALIDITY 7] ok\r\n" +
		"* 1 FETCH (UID 1 BODY[] {22}\r\nT9 OK not a tag\r\n* x\r\n)\r\n" +
		"* LIST () \"/\" {5+}\r\nT8 NO\r\n" +
		"T3 OK done\r\n"
	want := []string{"* OK [UIDVALIDITY 7] ok\r\n", "* 1 FETCH (UID 1 BODY[] {22}\r\n", "* LIST () \"/\" {5+}\r\n", "T3 OK done\r\n"}
	for _, cut := range []int{1, 2, 3, 7, 64, len(wire)} {
		w := newWireScan()
		var got []string
		for i := 0; i < len(wire); i += cut {
			err := w.feed([]byte(wire[i:min(i+cut, len(wire))]), 0, func(head []byte) { got = append(got, string(head)) })
			if err != nil {
				t.Fatal(err)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("cut every %d bytes: heads %q, want %q", cut, got, want)
		}
	}
}

func TestLiteralAt(t *testing.T) {
	tests := []struct {
		seg  string
		want int64
		ok   bool
	}{
		{"* 1 FETCH (BODY[] {12}\r\n", 12, true},
		{"T1 APPEND INBOX {310+}\r\n", 310, true},
		{"T1 APPEND INBOX ~{7-}\n", 7, true},
		{"* LIST () \"/\" {999999999999}\r\n", 999999999999, true},
		{"* X {99999999999999999999999}\r\n", math.MaxInt64, true},
		{"* OK {not a number}\r\n", 0, false},
		{"* OK text}\r\n", 0, false},
		{"T1 OK done\r\n", 0, false},
	}
	for _, tt := range tests {
		got, ok := literalAt([]byte(tt.seg))
		if got != tt.want || ok != tt.ok {
			t.Errorf("literalAt(%q) = %d, %v; want %d, %v", tt.seg, got, ok, tt.want, tt.ok)
		}
	}
}

// A line longer than the cap is refused unless its literal was granted.
func TestWireScanCapsALine(t *testing.T) {
	long := "* LIST () \"/\" {100}\r\n" + strings.Repeat("x", 100) + "\r\n"
	w := newWireScan()
	if err := w.feed([]byte(long), 50, func([]byte) {}); !errors.Is(err, mailerr.ErrResponseTooLarge) {
		t.Errorf("a 120-byte line under a 50-byte cap: %v", err)
	}
	w = newWireScan()
	w.grant = 100
	if err := w.feed([]byte(long), 50, func([]byte) {}); err != nil {
		t.Errorf("with its literal granted: %v", err)
	}
}

func TestCommandName(t *testing.T) {
	tests := []struct {
		head, want string
		ok         bool
	}{
		{"T12 IDLE\r\n", "IDLE", true},
		{"T3 UID FETCH 1:* (UID)", "UID", true},
		{"DONE\r\n", "", false},
		{"TG9naW4=\r\n", "", false}, // a SASL response in base64
		{"T\r\n", "", false},
	}
	for _, tt := range tests {
		got, ok := commandName([]byte(tt.head))
		if got != tt.want || ok != tt.ok {
			t.Errorf("commandName(%q) = %q, %v; want %q, %v", tt.head, got, ok, tt.want, tt.ok)
		}
	}
}
