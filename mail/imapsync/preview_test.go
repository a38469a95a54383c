package imapsync

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// serverState is every mailbox of the user with its messages' UIDs and
// flags (\Recent included: only a read-write SELECT clears it), to
// prove a preview changed nothing.
func (f *fixture) serverState(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	boxes := f.s.Mailboxes(t, f.user)
	slices.Sort(boxes) // doveadm lists them in no fixed order
	for _, m := range boxes {
		b.WriteString(m + ":\n")
		b.WriteString(f.s.Doveadm(t, nil, "fetch", "-u", f.user.Name, "uid flags", "mailbox", m))
	}
	return b.String()
}

// preview runs Preview and checks that it changed neither the server
// nor the database; it returns the totals over all folders.
func (f *fixture) preview(t *testing.T) FolderPreview {
	t.Helper()
	before, rows := f.serverState(t), f.messageCount(t)
	list, err := Preview(context.Background(), f.job)
	if err != nil {
		t.Fatal(err)
	}
	if after := f.serverState(t); after != before {
		t.Errorf("the preview changed the server:\nbefore\n%s\nafter\n%s", before, after)
	}
	if n := f.messageCount(t); n != rows {
		t.Errorf("the preview changed the database: %d messages, were %d", n, rows)
	}
	var sum FolderPreview
	for _, p := range list {
		sum.Messages += p.Messages
		sum.Bytes += p.Bytes
		sum.Import += p.Import
		sum.ImportBytes += p.ImportBytes
		sum.Move += p.Move
		sum.Archive += p.Archive
		sum.Delete += p.Delete
		if p.Messages > 0 && (p.Oldest.IsZero() || p.Newest.Before(p.Oldest)) {
			t.Errorf("%s: oldest %v, newest %v", p.Folder, p.Oldest, p.Newest)
		}
	}
	return sum
}

func TestPreviewOfTransferMatchesTheSync(t *testing.T) {
	f := newFixture(t)
	f.deliver(t, "Postbridge/In", 4)
	f.deliver(t, "Postbridge/Out", 2)
	p := f.preview(t)
	if p.Messages != 6 || p.Import != 6 || p.Move != 6 || p.Bytes == 0 || p.ImportBytes != p.Bytes {
		t.Errorf("preview %+v, want 6 messages to import and move", p)
	}
	counts, err := Run(context.Background(), f.job, nil)
	if err != nil {
		t.Fatal(err)
	}
	if counts.Imported != p.Import || counts.Moved != p.Move {
		t.Errorf("the sync imported %d and moved %d; the preview said %d and %d", counts.Imported, counts.Moved, p.Import, p.Move)
	}
	if again := f.preview(t); again.Messages != 0 || again.Import != 0 {
		t.Errorf("preview after the sync %+v, want nothing", again)
	}
}

func TestPreviewOfTheTimeLimitMatchesTheSync(t *testing.T) {
	f := newFixture(t)
	f.deliver(t, "INBOX", 3)
	f.mirrorInbox()
	f.job.Archive = "PP-Archiv"
	f.fortyDaysLater()
	p := f.preview(t)
	if p.Messages != 3 || p.Import != 3 || p.Archive != 3 || p.Move != 0 || p.Delete != 0 {
		t.Errorf("preview %+v, want 3 to import and archive", p)
	}
	counts, err := Run(context.Background(), f.job, nil)
	if err != nil {
		t.Fatal(err)
	}
	if counts.Imported != p.Import || counts.Archived != p.Archive {
		t.Errorf("the sync imported %d and archived %d; the preview said %d and %d", counts.Imported, counts.Archived, p.Import, p.Archive)
	}
}
