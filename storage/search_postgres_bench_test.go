package storage

import (
	"context"
	"fmt"
	"testing"
	"time"

	"postbridge/mail/mailtest"
)

// BenchmarkIndexSearchGenmailPostgres is BenchmarkIndexSearchGenmail on
// PostgreSQL: 3,000 genmail messages (300, each stored ten times under
// other UIDs) queued for the index; one iteration empties the index,
// queues them all again and indexes them. pg-cpu-s is the server's CPU
// per iteration, which is where the indexing runs.
func BenchmarkIndexSearchGenmailPostgres(b *testing.B) {
	const copies = 10
	_, _, parsed := genmailStore(b)
	s, err := Open(mailtest.Postgres(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	doc := &SettingsFile{Users: []UserJSON{{Name: "Alice", IMAP: []ImapJSON{{Username: "alice", Mode: "transfer", Inbox: "In"}}}}}
	if err := s.ImportSettings(doc); err != nil {
		b.Fatal(err)
	}
	u, _ := s.UserByName("Alice")
	now := time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)
	for c := 0; c < copies; c++ {
		batch := make([]NewMessage, 0, len(parsed))
		for i, m := range parsed {
			m.UID = uint32(c*len(parsed) + i + 1)
			m.SHA256 = fmt.Sprint(m.SHA256, c)
			m.MessageID = fmt.Sprint(m.MessageID, c)
			batch = append(batch, m)
		}
		if _, err := s.ImportBatch(u.ImapAccounts[0].ID, batch, now); err != nil {
			b.Fatal(err)
		}
	}
	n := copies * len(parsed)
	var cpu time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		err := s.db.Exec(`TRUNCATE message_search`).Error
		if err == nil {
			err = s.db.Exec(`INSERT INTO search_queue SELECT id FROM messages ON CONFLICT DO NOTHING`).Error
		}
		if err != nil {
			b.Fatal(err)
		}
		start := mailtest.PostgresCPU(b)
		b.StartTimer()
		got, err := s.IndexSearch(context.Background())
		if err != nil || got != n {
			b.Fatalf("IndexSearch = %d, %v; want %d", got, err, n)
		}
		b.StopTimer()
		cpu += mailtest.PostgresCPU(b) - start
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/msg")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "pg-cpu-s")
}
