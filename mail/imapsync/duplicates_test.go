package imapsync

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// Five different mails that carry one Message-ID (broken mailers, list
// software and scanners reuse them) are five messages; one mail that
// Postfix delivered twice, each time with its own Received, Return-Path
// and Delivered-To lines, is one.
func TestDuplicatesByContentNotByMessageID(t *testing.T) {
	f := newFixture(t)
	f.job.Inbox, f.job.Outbox = "INBOX", ""
	for i := 1; i <= 5; i++ {
		raw := fmt.Sprintf("From: scanner@klant.test\r\nTo: %s\r\nSubject: Scan\r\n"+
			"Date: Tue, 24 Nov 2026 10:00:00 +0100\r\nMessage-ID: <shared@scanner.klant.test>\r\n\r\nPagina %d\r\n",
			f.user.Address(), i)
		f.s.SendRaw(t, "scanner@elders.example", f.user, []byte(raw))
	}
	twice := []byte(fmt.Sprintf("From: jan@klant.test\r\nTo: %s\r\nSubject: Offerte\r\n"+
		"Date: Tue, 24 Nov 2026 11:00:00 +0100\r\nMessage-ID: <offerte@klant.test>\r\n\r\nDe offerte.\r\n", f.user.Address()))
	f.s.SendRaw(t, "jan@elders.example", f.user, twice)
	f.s.SendRaw(t, "jan@elders.example", f.user, twice)
	f.s.WaitCount(t, f.user, "INBOX", 7)

	events := make(chan Event, 1000)
	counts, err := Run(context.Background(), f.job, events)
	close(events)
	if err != nil {
		t.Fatal(err)
	}
	if counts.Imported != 6 || counts.Duplicates != 1 || counts.Moved != 7 {
		t.Errorf("counts %+v, want 6 imported, 1 duplicate, 7 moved", counts)
	}
	if n := f.messageCount(t); n != 6 {
		t.Errorf("%d messages stored, want 6", n)
	}
	shared := 0
	for e := range events {
		if w, ok := e.(Warning); ok && w.Folder == "INBOX" && w.Problem.Kind == WarnSharedMessageID && strings.Contains(w.Problem.Arg("ID"), "shared@scanner.klant.test") {
			shared++
		}
	}
	if shared != 4 {
		t.Errorf("%d warnings about a shared Message-ID, want 4 (the 2nd to 5th scan)", shared)
	}
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
