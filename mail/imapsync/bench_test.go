package imapsync

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// benchMessages is the folder size of the benchmarks (make bench): the
// 10,000 messages of mixed size that the first import's targets in
// BENCHMARKS.md are stated for.
const benchMessages = 10000

func fillMixed(b *testing.B, s *mailtest.Stack, u mailtest.User, folder string, n int) int64 {
	return s.FillMaildir(b, u, folder, n, mailtest.MixedMail)
}

func benchJob(b *testing.B, s *mailtest.Stack, u mailtest.User, batch int) (Job, *storage.Store) {
	return benchJobOn(b, s, u, batch, filepath.Join(b.TempDir(), "p.db"))
}

func benchJobOn(b *testing.B, s *mailtest.Stack, u mailtest.User, batch int, dsn string) (Job, *storage.Store) {
	b.Helper()
	store, err := storage.Open(dsn)
	if err != nil {
		b.Fatal(err)
	}
	cj := childJob{Addr: s.IMAP, User: u.Name, Password: u.Password, Batch: batch}
	return faultJob(cj, store), store
}

// BenchmarkTransferImport: the first Synchronize of a full inbox folder in
// transfer mode: fetch, convert, commit, move; on SQLite (raw messages in
// packs beside it) and on PostgreSQL (raw messages in their rows).
func BenchmarkTransferImport(b *testing.B) {
	b.Run("db=sqlite", func(b *testing.B) {
		benchTransferImport(b, func() string { return filepath.Join(b.TempDir(), "p.db") })
	})
	b.Run("db=postgres", func(b *testing.B) {
		benchTransferImport(b, func() string { return mailtest.Postgres(b) })
	})
}

func benchTransferImport(b *testing.B, dsn func() string) {
	s := mailtest.Servers(b)
	var msgs, bytes int64
	var elapsed time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		u := s.NewUser(b)
		bytes += fillMixed(b, s, u, "Postbridge/In", benchMessages)
		job, store := benchJobOn(b, s, u, DefaultBatchSize, dsn())
		b.StartTimer()
		start := time.Now()
		counts, err := Run(context.Background(), job, nil)
		elapsed += time.Since(start)
		b.StopTimer()
		store.Close()
		if err != nil || counts.Imported != benchMessages {
			b.Fatalf("run: %+v, %v", counts, err)
		}
		msgs += benchMessages
	}
	b.ReportMetric(float64(msgs)/elapsed.Seconds(), "msgs/s")
	b.ReportMetric(float64(bytes)/elapsed.Seconds()/1e6, "MB/s")
}

// BenchmarkRawFetch is the floor: one UID FETCH 1:* BODY.PEEK[] of the
// same folder, bodies read and discarded.
func BenchmarkRawFetch(b *testing.B) {
	s := mailtest.Servers(b)
	u := s.NewUser(b)
	fillMixed(b, s, u, "Postbridge/In", benchMessages)
	b.ResetTimer()
	var msgs int
	var elapsed time.Duration
	for i := 0; i < b.N; i++ {
		n, took := s.RawFetch(b, u, "Postbridge/In")
		msgs += n
		elapsed += took
	}
	b.ReportMetric(float64(msgs)/elapsed.Seconds(), "msgs/s")
}

// BenchmarkResyncNoChange: Synchronize when nothing arrived since the last one.
func BenchmarkResyncNoChange(b *testing.B) {
	s := mailtest.Servers(b)
	u := s.NewUser(b)
	s.CreateMailbox(b, u, "Postbridge/In")
	job, store := benchJob(b, s, u, 0)
	defer store.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Run(context.Background(), job, nil); err != nil {
			b.Fatal(err)
		}
	}
}
