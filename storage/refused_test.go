package storage

import (
	"postbridge/problem"

	"testing"
	"time"
)

func TestRefusedMessagesAreListedOnce(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		err := s.ImportSettings(&SettingsFile{
			Company: &CompanyJSON{Name: "De Vries", MaxMessageMB: 50},
			Users: []UserJSON{{Name: "Alice", Email: "alice@example.test",
				IMAP: []ImapJSON{{Username: "alice", Secret: "user/alice/imap", Mode: "transfer", Inbox: "INBOX"}}}},
		})
		if err != nil {
			t.Fatal(err)
		}
		if c, err := s.Company(); err != nil || c.MaxMessageMB != 50 {
			t.Fatalf("company max_message_mb %d, %v; want 50", c.MaxMessageMB, err)
		}
		rows, err := s.HealthRows(time.Now())
		if err != nil || len(rows) != 1 {
			t.Fatalf("health rows %+v, %v", rows, err)
		}
		acc := rows[0].AccountID
		at := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
		for _, size := range []int64{999, 1000} { // the second refusal of UID 4 updates the first
			r := RefusedMessage{AccountID: acc, Folder: "INBOX", UIDValidity: 7, UID: 4, Size: size, Reason: problem.New("refused.over_announced", "Bytes", "900"), RefusedAt: at}
			if err := s.RefuseMessage(r); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.RefuseMessage(RefusedMessage{AccountID: acc, Folder: "INBOX", UIDValidity: 8, UID: 5, Size: 1, RefusedAt: at}); err != nil {
			t.Fatal(err)
		}
		got, err := s.RefusedUIDs(acc, "INBOX", 7)
		if err != nil || len(got) != 1 || !got[4] {
			t.Errorf("refused UIDs under UIDVALIDITY 7: %v, %v; want only 4", got, err)
		}
		rows, _ = s.HealthRows(time.Now())
		if len(rows[0].Refused) != 2 {
			t.Fatalf("health lists %+v, want two refused messages", rows[0].Refused)
		}
		for _, r := range rows[0].Refused {
			if r.UID == 4 && r.Size != 1000 {
				t.Errorf("UID 4 listed with %d bytes, want the last refusal's 1000", r.Size)
			}
		}
	})
}
