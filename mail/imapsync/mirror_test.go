package imapsync

import (
	"context"
	"strings"
	"testing"

	"postbridge/storage"
)

func TestMirrorFollowsTheServer(t *testing.T) {
	f := newFixture(t)
	for i := 0; i < 6; i++ {
		f.s.Deliver(t, f.user, "INBOX", rawMail(i, "jan@klant.test"))
	}
	f.job.Mode = storage.ModeMirror
	f.job.Folders = []SyncFolder{{Name: "INBOX", Direction: storage.DirectionIn}}
	ctx := context.Background()
	counts, err := Run(ctx, f.job, nil)
	if err != nil || counts.Imported != 6 {
		t.Fatalf("first mirror: %+v, %v", counts, err)
	}
	if n := f.s.Count(t, f.user, "INBOX"); n != 6 {
		t.Errorf("mirror changed the server: INBOX has %d, want 6", n)
	}
	if unseen := f.s.Doveadm(t, nil, "search", "-u", f.user.Name, "mailbox", "INBOX", "UNSEEN"); len(strings.Fields(unseen)) != 12 {
		t.Errorf("mirror marked mail read: unseen = %q", unseen)
	}

	// Nothing changed: nothing is fetched.
	events := make(chan Event, 100)
	counts, err = Run(ctx, f.job, events)
	close(events)
	if err != nil || counts != (Counts{}) {
		t.Errorf("unchanged folder: %+v, %v", counts, err)
	}
	for e := range events {
		switch e.(type) {
		case Progress, Imported:
			t.Errorf("unchanged folder fetched messages: %+v", e)
		}
	}

	// A flag change, a deletion and a new message on the server.
	f.s.Doveadm(t, nil, "flags", "add", "-u", f.user.Name, `\Flagged`, "mailbox", "INBOX", "uid", "2")
	f.s.Doveadm(t, nil, "expunge", "-u", f.user.Name, "mailbox", "INBOX", "uid", "3")
	f.s.Deliver(t, f.user, "INBOX", rawMail(99, "jan@klant.test"))
	counts, err = Run(ctx, f.job, nil)
	if err != nil || counts.Imported != 1 {
		t.Fatalf("third mirror: %+v, %v", counts, err)
	}
	list, _ := f.store.ListMessages(storage.MessageFilter{})
	states := map[uint32]storage.Message{}
	for _, m := range list {
		states[m.UID] = m
	}
	if !strings.Contains(states[2].Flags, `\Flagged`) {
		t.Errorf("flag change not picked up: %q", states[2].Flags)
	}
	if states[3].State != storage.StateDeletedOnServer {
		t.Errorf("deleted message state %q, want deleted on server (it stays in Postbridge)", states[3].State)
	}
	if len(list) != 7 {
		t.Errorf("%d messages stored, want 7", len(list))
	}
}
