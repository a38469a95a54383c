package storage

import (
	"fmt"
	"testing"
	"time"

	"postbridge/mail/mailtest"
)

// BenchmarkDuplicateLookupPostgres is the duplicate check of one batch
// of 100 new messages against an account that already has 20,000, in a
// table PostgreSQL has not analysed since they were inserted — as in a
// first import. ms/lookup is the check as the import makes it;
// in-list-ms the IN list it replaced, for comparison: that one reads
// every row of the account, so it grows with the mailbox.
func BenchmarkDuplicateLookupPostgres(b *testing.B) {
	s, err := Open(mailtest.Postgres(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	acc := bulkAccount(b, s)
	// What autovacuum would analyse a minute later at best.
	if err := s.db.Exec(`ALTER TABLE messages SET (autovacuum_enabled = false)`).Error; err != nil {
		b.Fatal(err)
	}
	const stored, chunk = 20000, 1000
	for start := 0; start < stored; start += chunk {
		batch := bulkBatch(chunk, 200)
		for i := range batch {
			batch[i].UID = uint32(start + i + 1)
			batch[i].SHA256 = fmt.Sprintf("stored-%d", start+i)
			batch[i].MessageID = fmt.Sprintf("<stored-%d@bench>", start+i)
		}
		if _, err := s.ImportBatch(acc, batch, time.Now()); err != nil {
			b.Fatal(err)
		}
	}
	fresh := bulkBatch(100, 200)
	var shas, mids []string
	for i := range fresh {
		fresh[i].SHA256 = fmt.Sprintf("new-%d", i)
		fresh[i].MessageID = fmt.Sprintf("<new-%d@bench>", i)
		shas, mids = append(shas, fresh[i].SHA256), append(mids, fresh[i].MessageID)
	}
	var inList time.Duration
	b.ResetTimer()
	for range b.N {
		if _, err := loadKnownMessages(s.db, acc, fresh); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		start := time.Now()
		var found []string
		if err := s.db.Model(&Message{}).Where("account_id = ? AND sha256 IN ?", acc, shas).Pluck("sha256", &found).Error; err != nil {
			b.Fatal(err)
		}
		if err := s.db.Model(&Message{}).Where("account_id = ? AND message_id IN ?", acc, mids).Pluck("message_id", &found).Error; err != nil {
			b.Fatal(err)
		}
		inList += time.Since(start)
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/lookup")
	b.ReportMetric(float64(inList.Microseconds())/1000/float64(b.N), "in-list-ms")
}
