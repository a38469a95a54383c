package storage

import (
	"context"
	"testing"
)

// BenchmarkIndexSearchGenmail indexes 3,000 messages made from the
// genmail corpus (../shared/bench/genmail.py, 300 messages, seed 1, each
// stored ten times under other UIDs) in an SQLite database, as
// `postbridge sync` does after a first import. One iteration
// empties the index and indexes them all; ns/msg is per message.
func BenchmarkIndexSearchGenmail(b *testing.B) {
	const copies = 10
	s, account, parsed := genmailStore(b)
	importGenmailCopies(b, s, account, parsed, copies)
	n := copies * len(parsed)
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
