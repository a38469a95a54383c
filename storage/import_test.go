package storage

import (
	"fmt"
	"reflect"
	"strings"
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
		acc := bulkAccount(t, s)
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

// The duplicate check finds a stored Message-ID whatever characters it
// holds (PostgreSQL receives the batch's keys as one text[] literal),
// and only that Message-ID: one differing by an escaped character is a
// new mail.
func TestDuplicatesFoundWhateverTheMessageIDHolds(t *testing.T) {
	ids := []string{`<"quoted"@x>`, `<back\slash@x>`, `<a,b@x>`, `<{brace}@x>`, `NULL`, `<sp ace@x>`, `<über@x>`, `<\"@x>`}
	eachDB(t, func(t *testing.T, s *Store) {
		acc := bulkAccount(t, s)
		date := time.Date(2026, 12, 7, 8, 0, 0, 0, time.UTC)
		batch := func(uid0 uint32, sha string, mid func(string) string) []NewMessage {
			var b []NewMessage
			for i, id := range ids {
				b = append(b, NewMessage{Message: Message{Folder: "In", UIDValidity: 1, UID: uid0 + uint32(i),
					SHA256: fmt.Sprintf("%s-%d", sha, i), ContentHash: fmt.Sprintf("c-%d", i),
					MessageID: mid(id), Subject: "s", Date: date, Direction: DirectionIn}})
			}
			return b
		}
		same := func(id string) string { return id }
		if res, err := s.ImportBatch(acc, batch(1, "first", same), date); err != nil || res.Imported != len(ids) {
			t.Fatalf("first import: %+v, %v", res, err)
		}
		// Delivered again with other Received lines: other bytes, the same
		// Message-ID and content.
		res, err := s.ImportBatch(acc, batch(100, "again", same), date)
		if err != nil || res.Duplicates != len(ids) || res.Imported != 0 {
			t.Errorf("re-delivery: %+v, %v; want %d duplicates", res, err, len(ids))
		}
		// The same bytes under Message-IDs never stored.
		res, err = s.ImportBatch(acc, batch(200, "first", func(id string) string { return id + "x" }), date)
		if err != nil || res.Duplicates != len(ids) {
			t.Errorf("same bytes: %+v, %v; want %d duplicates", res, err, len(ids))
		}
		// A Message-ID differing by an escaped character is another mail.
		res, err = s.ImportBatch(acc, batch(300, "other", func(id string) string { return strings.ReplaceAll(id, `\`, `\\`) + `"` }), date)
		if err != nil || res.Imported != len(ids) {
			t.Errorf("other Message-IDs: %+v, %v; want %d imported", res, err, len(ids))
		}
	})
}
