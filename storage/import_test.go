package storage

import (
	"reflect"
	"testing"
	"time"
)

func TestImportBatchLinksAndFlagsAmbiguity(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		doc := &SettingsFile{
			Users: []UserJSON{{Name: "Alice", IMAP: []ImapJSON{{Username: "alice", Mode: "transfer", Inbox: "In"}}}},
			Relations: []RelationJSON{
				{Name: "Klant BV", Emails: []string{"Jan@Klant.test"}},
				{Name: "Gedeeld A", Emails: []string{"info@shared.test"}},
				{Name: "Gedeeld B", Emails: []string{"info@shared.test"}},
			},
			Projects: []ProjectJSON{{Number: "210-01", Description: "Wohnanlage"}},
		}
		if err := s.ImportSettings(doc); err != nil {
			t.Fatal(err)
		}
		u, _ := s.UserByName("Alice")
		acc := u.ImapAccounts[0].ID
		msg := func(uid uint32, sha string, link []string, project string) NewMessage {
			return NewMessage{Message: Message{Folder: "In", UIDValidity: 1, UID: uid, SHA256: sha,
				Subject: sha, Direction: DirectionIn}, LinkAddresses: link, ProjectNumber: project}
		}
		now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
		res, err := s.ImportBatch(acc, []NewMessage{
			msg(1, "a", []string{" JAN@klant.TEST "}, ""),
			msg(2, "b", []string{"nobody@else.test"}, ""),
			msg(3, "c", []string{"info@shared.test"}, ""),
			msg(4, "d", nil, "210-01"),
			msg(5, "e", nil, "999"),
			msg(6, "a", []string{"jan@klant.test"}, ""), // same bytes as 1
		}, now)
		if err != nil {
			t.Fatal(err)
		}
		want := ImportResult{Imported: 5, Duplicates: 1, Linked: 2, Unlinked: 3, NeedsAttention: 2}
		if !reflect.DeepEqual(res, want) {
			t.Errorf("result %+v, want %+v", res, want)
		}
		list, err := s.ListMessages(MessageFilter{})
		if err != nil {
			t.Fatal(err)
		}
		bySubject := map[string]Message{}
		for _, m := range list {
			bySubject[m.Subject] = m
		}
		if r := bySubject["a"].Relations; len(r) != 1 || r[0].Name != "Klant BV" {
			t.Errorf("message a linked to %+v, want Klant BV", r)
		}
		if m := bySubject["c"]; m.State != StateNeedsAttention || len(m.Relations) != 0 ||
			len(m.Attention) != 1 || m.Attention[0].Kind != AttentionSharedAddress {
			t.Errorf("ambiguous message: state %s, relations %v, attention %v", m.State, m.Relations, m.Attention)
		}
		if m := bySubject["d"]; m.Project == nil || m.Project.Number != "210-01" {
			t.Errorf("project message: %+v", m.Project)
		}
		if m := bySubject["e"]; m.State != StateNeedsAttention || len(m.Attention) != 1 ||
			m.Attention[0].Kind != AttentionUnknownProject || m.Attention[0].Arg("Number") != "999" {
			t.Errorf("unknown project: state %s, attention %q", m.State, m.Attention)
		}
		known, err := s.ImportedUIDs(acc, "In", 1, []uint32{1, 2, 6, 7})
		if err != nil || !known[1] || !known[2] || known[6] || known[7] {
			t.Errorf("ImportedUIDs = %v, %v", known, err)
		}
		attention, _ := s.ListMessages(MessageFilter{NeedsAttention: true})
		if len(attention) != 2 {
			t.Errorf("%d need attention, want 2", len(attention))
		}
	})
}

// Duplicates by content: one Message-ID on different mails is several
// messages; the same mail again (other transport headers: the same
// ContentHash) is one. A row stored before ContentHash existed is still
// recognised by the old rule (Message-ID, subject and date).
func TestDuplicatesByMessageIDAndContent(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		if err := s.ImportSettings(&SettingsFile{Users: []UserJSON{{Name: "Alice",
			IMAP: []ImapJSON{{Username: "alice", Mode: "transfer", Inbox: "In", Secret: "user/alice/imap"}}}}}); err != nil {
			t.Fatal(err)
		}
		u, _ := s.UserByName("Alice")
		acc := u.ImapAccounts[0].ID
		date := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
		msg := func(uid uint32, sha, content, subject string) NewMessage {
			return NewMessage{Message: Message{Folder: "In", UIDValidity: 1, UID: uid, SHA256: sha, ContentHash: content,
				MessageID: "shared@test", Subject: subject, Date: date, Direction: DirectionIn}}
		}
		res, err := s.ImportBatch(acc, []NewMessage{
			msg(1, "a", "c1", "Scan"), msg(2, "b", "c2", "Scan"), msg(3, "c", "c3", "Scan"),
			msg(4, "d", "c1", "Scan"), // the first again, other Received lines
		}, date)
		if err != nil {
			t.Fatal(err)
		}
		if res.Imported != 3 || res.Duplicates != 1 || len(res.SharedMessageID) != 2 {
			t.Errorf("result %+v, want 3 imported, 1 duplicate, 2 sharing a Message-ID", res)
		}
		// An older Postbridge's row: no ContentHash.
		old := msg(10, "e", "", "Oud")
		old.MessageID = "old@test"
		if _, err := s.ImportBatch(acc, []NewMessage{old}, date); err != nil {
			t.Fatal(err)
		}
		again := msg(11, "f", "c9", "Oud")
		again.MessageID = "old@test"
		if res, err := s.ImportBatch(acc, []NewMessage{again}, date); err != nil || res.Duplicates != 1 {
			t.Errorf("re-delivery of a pre-ContentHash row: %+v, %v; want a duplicate", res, err)
		}
	})
}
