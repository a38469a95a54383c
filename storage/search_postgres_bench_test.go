package storage

import (
	"context"
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
	s, account, parsed := genmailStoreOn(b, mailtest.Postgres(b))
	importGenmailCopies(b, s, account, parsed, copies)
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
