package storage

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"postbridge/mail/mailtest"
	"postbridge/mail/message"
)

// BenchmarkImportBatchGenmail stores the 300 messages of the genmail
// corpus (../shared/bench/genmail.py, seed 1) in an SQLite database as a
// first import does: batches of 100 (about what DefaultBatchBytes holds
// of this mail), raw messages into packs, rows by ImportBatch. Each
// iteration stores them again under new UIDs and hashes; ns/msg is per
// message.
func BenchmarkImportBatchGenmail(b *testing.B) {
	s, account, parsed := genmailStore(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		importGenmailAgain(b, s, account, parsed, i, 100)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(parsed)), "ns/msg")
}

// genmailStore is an SQLite store in a temporary folder with user Alice's
// transfer-mode account, and the 300 messages of the genmail corpus
// (seed 1) parsed as a first import stores them, still without UIDs.
func genmailStore(b *testing.B) (*Store, uint, []NewMessage) {
	b.Helper()
	return genmailStoreOn(b, filepath.Join(b.TempDir(), "postbridge.db"))
}

// genmailStoreOn is genmailStore with the database dsn.
func genmailStoreOn(b *testing.B, dsn string) (*Store, uint, []NewMessage) {
	b.Helper()
	names := mailtest.Genmail(b, filepath.Join(b.TempDir(), "mail"), 300, 1)
	s, err := Open(dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	doc := &SettingsFile{Users: []UserJSON{{Name: "Alice", IMAP: []ImapJSON{{Username: "alice", Mode: "transfer", Inbox: "In"}}}}}
	if err := s.ImportSettings(doc); err != nil {
		b.Fatal(err)
	}
	u, _ := s.UserByName("Alice")
	var parsed []NewMessage
	for _, name := range names {
		raw, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		p := message.Parse(raw)
		parsed = append(parsed, NewMessage{Message: Message{Folder: "In", UIDValidity: 1,
			SHA256: p.SHA256, MessageID: p.MessageID, ContentHash: p.SHA256, Raw: raw, RawSize: p.Size,
			Direction: DirectionIn, Date: p.Date, Subject: p.Subject, From: p.From.String(), To: "alice@example.test",
			TextBody: p.Text, HTMLBody: p.HTML}, LinkAddresses: []string{p.From.Normalized()}})
	}
	return s, u.ImapAccounts[0].ID, parsed
}

// importGenmailCopies stores parsed copies times, each copy under other
// UIDs, hashes and Message-IDs, a batch per copy.
func importGenmailCopies(b *testing.B, s *Store, account uint, parsed []NewMessage, copies int) {
	b.Helper()
	for c := 0; c < copies; c++ {
		importGenmailAgain(b, s, account, parsed, c, len(parsed))
	}
}

// importGenmailAgain stores parsed as copy number c, in batches of
// perBatch: under UIDs, hashes and Message-IDs of its own.
func importGenmailAgain(b *testing.B, s *Store, account uint, parsed []NewMessage, c, perBatch int) {
	b.Helper()
	now := time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)
	for start := 0; start < len(parsed); start += perBatch {
		batch := make([]NewMessage, 0, perBatch)
		for j, m := range parsed[start:min(start+perBatch, len(parsed))] {
			m.UID = uint32(c*len(parsed) + start + j + 1)
			m.SHA256 = fmt.Sprint(m.SHA256, c)
			m.MessageID = fmt.Sprint(m.MessageID, c)
			batch = append(batch, m)
		}
		if _, err := s.ImportBatch(account, batch, now); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImportBatchGenmailPostgres is BenchmarkImportBatchGenmail
// into the test PostgreSQL, where the raw message goes into its row: the
// inserting alone, without the fetch and the parse that share the
// machine with it in a first import. pg-cpu-ms/msg is the server's CPU
// per message (make bench runs PostgreSQL with fsync=on).
func BenchmarkImportBatchGenmailPostgres(b *testing.B) {
	s, account, parsed := genmailStoreOn(b, mailtest.Postgres(b))
	for i := range parsed {
		parsed[i].HTMLBody = "" // no importer stores it (Message.HTMLBody)
	}
	cpu := mailtest.PostgresCPU(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		importGenmailAgain(b, s, account, parsed, i, 100)
	}
	b.StopTimer()
	msgs := float64(b.N * len(parsed))
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/msgs, "ns/msg")
	b.ReportMetric(float64((mailtest.PostgresCPU(b)-cpu).Milliseconds())/msgs, "pg-cpu-ms/msg")
}
