package imapsync

import (
	"postbridge/problem"

	"context"
	"errors"
	"testing"
	"time"

	"postbridge/storage"
)

func (f *fixture) importSettings(t *testing.T, sf *storage.SettingsFile) {
	t.Helper()
	if err := f.store.ImportSettings(sf); err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) messagesByState(t *testing.T) map[storage.MessageState]int {
	t.Helper()
	list, err := f.store.ListMessages(storage.MessageFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[storage.MessageState]int{}
	for _, m := range list {
		out[m.State]++
	}
	return out
}

func TestProjectFoldersLinkMailToTheirProject(t *testing.T) {
	f := newFixture(t)
	f.importSettings(t, &storage.SettingsFile{Projects: []storage.ProjectJSON{{Number: "210-01", Description: "Musterprojekt Wohnanlage"}}})
	known, unknown := "ProjektPro/210-01 Musterprojekt Wohnanlage", "ProjektPro/999-99 Unbekannt"
	f.s.CreateMailbox(t, f.user, known)
	f.s.CreateMailbox(t, f.user, unknown)
	f.s.Deliver(t, f.user, known, rawMail(1, "jan@klant.test"))
	f.s.Deliver(t, f.user, known, rawMail(2, "jan@klant.test"))
	f.s.Deliver(t, f.user, unknown, rawMail(3, "jan@klant.test"))

	counts, err := Run(context.Background(), f.job, nil)
	if err != nil || counts.Imported != 3 || counts.NeedsAttention != 1 {
		t.Fatalf("sync: %+v, %v; want 3 imported, 1 needs attention", counts, err)
	}
	list, _ := f.store.ListMessages(storage.MessageFilter{})
	for _, m := range list {
		switch m.Folder {
		case known:
			if m.Project == nil || m.Project.Number != "210-01" {
				t.Errorf("message in %s not linked to project 210-01: %+v", known, m.Project)
			}
		case unknown:
			if m.State != storage.StateNeedsAttention || m.Project != nil {
				t.Errorf("message in %s: state %s, project %v; want needs attention, none", unknown, m.State, m.Project)
			}
		}
	}
	if n := f.s.Count(t, f.user, known); n != 2 {
		t.Errorf("project folder has %d messages after sync, want 2 (users keep filing there)", n)
	}
	if again, err := Run(context.Background(), f.job, nil); err != nil || again.Imported != 0 {
		t.Errorf("second sync: %+v, %v; want nothing new", again, err)
	}
}

func TestProjectNumber(t *testing.T) {
	for folder, want := range map[string]string{
		"ProjektPro/210-01 Musterprojekt Wohnanlage": "210-01",
		"ProjektPro/210-01 Musterprojekt/Pläne":      "210-01",
		"ProjektPro/7":                               "7",
		"ProjektPro":                                 "",
		"INBOX/ProjektPro/1 x":                       "",
		"ProjektProX/1 x":                            "",
	} {
		if got := ProjectNumber(folder, "ProjektPro", "/"); got != want {
			t.Errorf("ProjectNumber(%q) = %q, want %q", folder, got, want)
		}
	}
	if got := ProjectNumber("ProjektPro.12 Dak", "ProjektPro", "."); got != "12" {
		t.Errorf("dot-separated: %q, want 12", got)
	}
}

func (f *fixture) mirrorInbox() {
	f.job.Mode = storage.ModeMirror
	f.job.Folders = []SyncFolder{{Name: "INBOX", Direction: storage.DirectionIn}}
}

// A month and a half from now, everything delivered today is older than
// a 30-day limit: the server's internal dates cannot be set back.
func (f *fixture) fortyDaysLater() {
	f.job.SyncDays = 30
	f.job.Now = func() time.Time { return time.Now().AddDate(0, 0, 40) }
}

func TestTimeLimitMovesStoredMailToTheArchive(t *testing.T) {
	f := newFixture(t)
	f.deliver(t, "INBOX", 4)
	f.mirrorInbox()
	f.job.Archive = "PP-Archiv"

	counts, err := Run(context.Background(), f.job, nil)
	if err != nil || counts.Imported != 4 || counts.Archived != 0 {
		t.Fatalf("within the limit: %+v, %v; want 4 imported, none archived", counts, err)
	}
	f.fortyDaysLater()
	counts, err = Run(context.Background(), f.job, nil)
	if err != nil || counts.Archived != 4 || counts.Imported != 0 {
		t.Fatalf("past the limit: %+v, %v; want 4 archived", counts, err)
	}
	if in, arch := f.s.Count(t, f.user, "INBOX"), f.s.Count(t, f.user, "PP-Archiv"); in != 0 || arch != 4 {
		t.Errorf("server: INBOX %d, archive %d; want 0 and 4", in, arch)
	}
	if st := f.messagesByState(t); st[storage.StateArchived] != 4 || len(st) != 1 {
		t.Errorf("Postbridge keeps them, marked archived: %v", st)
	}
	if again, err := Run(context.Background(), f.job, nil); err != nil || again != (Counts{}) {
		t.Errorf("next sync: %+v, %v; want nothing to do", again, err)
	}
}

func TestTimeLimitDeletesOnlyWhatIsStored(t *testing.T) {
	f := newFixture(t)
	f.deliver(t, "INBOX", 3)
	f.mirrorInbox()
	f.job.DeleteAfterLimit = true
	f.fortyDaysLater()
	stores := f.job.Convert
	f.job.Convert = func(m Fetched) (storage.NewMessage, []problem.P, error) {
		if m.UID == 3 {
			return storage.NewMessage{}, nil, errors.New("disk full")
		}
		return stores(m)
	}
	f.job.BatchSize = 1
	counts, err := Run(context.Background(), f.job, nil)
	if err == nil || counts.Imported != 2 || counts.Deleted != 2 {
		t.Fatalf("sync with an unstorable message: %+v, %v; want 2 imported, 2 deleted and an error", counts, err)
	}
	if n := f.s.Count(t, f.user, "INBOX"); n != 1 {
		t.Errorf("INBOX has %d; want 1: the message that is not stored must stay on the server", n)
	}
	if st := f.messagesByState(t); st[storage.StateDeletedOnServer] != 2 {
		t.Errorf("states %v; want 2 deleted on server and kept", st)
	}
}

func TestReIndexRelinks(t *testing.T) {
	f := newFixture(t)
	f.deliver(t, "INBOX", 3)
	f.mirrorInbox()
	counts, err := Run(context.Background(), f.job, nil)
	if err != nil || counts.Unlinked != 3 {
		t.Fatalf("first sync: %+v, %v; want 3 unlinked", counts, err)
	}
	f.importSettings(t, &storage.SettingsFile{Relations: []storage.RelationJSON{{Name: "Klant BV", Emails: []string{"jan@klant.test"}}}})
	counts, err = ReIndex(context.Background(), f.job, f.job.Folders[0], nil)
	if err != nil || counts.Imported != 3 || counts.Linked != 3 {
		t.Fatalf("ReIndex: %+v, %v; want 3 re-imported and linked", counts, err)
	}
	if n := f.messageCount(t); n != 3 {
		t.Errorf("%d messages after ReIndex, want 3", n)
	}
	if n := f.s.Count(t, f.user, "INBOX"); n != 3 {
		t.Errorf("ReIndex changed the server: INBOX has %d", n)
	}
}

func TestPurgeExpungesOnlyFlaggedMessages(t *testing.T) {
	f := newFixture(t)
	f.deliver(t, "INBOX", 3)
	f.mirrorInbox()
	if _, err := Run(context.Background(), f.job, nil); err != nil {
		t.Fatal(err)
	}
	f.s.Doveadm(t, nil, "flags", "add", "-u", f.user.Name, `\Deleted`, "mailbox", "INBOX", "uid", "2")
	counts, err := Purge(context.Background(), f.job, "INBOX")
	if err != nil || counts.Purged != 1 {
		t.Fatalf("Purge: %+v, %v; want 1 purged", counts, err)
	}
	if n := f.s.Count(t, f.user, "INBOX"); n != 2 {
		t.Errorf("INBOX has %d after purge, want 2", n)
	}
	if st := f.messagesByState(t); st[storage.StateDeletedOnServer] != 1 || st[storage.StateImported] != 2 {
		t.Errorf("states %v; want 1 deleted on server, 2 imported", st)
	}
	if _, err := Purge(context.Background(), f.job, "Nope"); err == nil {
		t.Error("purging a missing folder: no error")
	}
}

func TestDownloadOnceLeavesTheFolderUnmarked(t *testing.T) {
	f := newFixture(t)
	f.s.CreateMailbox(t, f.user, "Oud")
	f.s.Deliver(t, f.user, "Oud", rawMail(1, "jan@klant.test"))
	counts, err := DownloadOnce(context.Background(), f.job, SyncFolder{Name: "Oud", Direction: storage.DirectionIn}, nil)
	if err != nil || counts.Imported != 1 {
		t.Fatalf("DownloadOnce: %+v, %v", counts, err)
	}
	if n := f.s.Count(t, f.user, "Oud"); n != 1 {
		t.Errorf("Download once changed the server: %d", n)
	}
}
