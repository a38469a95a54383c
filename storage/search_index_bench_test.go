package storage

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"postbridge/mail/mailtest"
	"postbridge/mail/message"
)

// BenchmarkIndexSearchGenmail indexes 3,000 messages made from the
// genmail corpus (../shared/bench/genmail.py, 300 messages, seed 1, each
// stored ten times under other UIDs) in an SQLite database, as
// `postbridge sync` does after a first import. One iteration
// empties the index and indexes them all; ns/msg is per message.
func BenchmarkIndexSearchGenmail(b *testing.B) {
	const copies = 10
	dir := b.TempDir()
	names := mailtest.Genmail(b, filepath.Join(dir, "mail"), 300, 1)
	s, err := Open(filepath.Join(dir, "postbridge.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	doc := &SettingsFile{Users: []UserJSON{{Name: "Alice", IMAP: []ImapJSON{{Username: "alice", Mode: "transfer", Inbox: "In"}}}}}
	if err := s.ImportSettings(doc); err != nil {
		b.Fatal(err)
	}
	u, _ := s.UserByName("Alice")
	now := time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)
	for c := 0; c < copies; c++ {
		var batch []NewMessage
		for i, name := range names {
			raw, err := os.ReadFile(name)
			if err != nil {
				b.Fatal(err)
			}
			p := message.Parse(raw)
			batch = append(batch, NewMessage{Message: Message{Folder: "In", UIDValidity: 1, UID: uint32(c*len(names) + i + 1),
				SHA256: fmt.Sprint(p.SHA256, c), MessageID: fmt.Sprint(p.MessageID, c), Raw: raw, RawSize: p.Size,
				Direction: DirectionIn, Date: p.Date, Subject: p.Subject, From: p.From.String(), To: "alice@example.test",
				TextBody: p.Text}})
		}
		if _, err := s.ImportBatch(u.ImapAccounts[0].ID, batch, now); err != nil {
			b.Fatal(err)
		}
	}
	n := copies * len(names)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		err := s.db.Exec(`INSERT INTO message_search(message_search) VALUES ('delete-all')`).Error
		if err == nil {
			err = s.db.Exec(`UPDATE search_state SET indexed_up_to = 0 WHERE id = 1`).Error
		}
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		got, err := s.IndexSearch(context.Background())
		if err != nil || got != n {
			b.Fatalf("IndexSearch = %d, %v; want %d", got, err, n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/msg")
}
