package storage

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"postbridge/mail/mailtest"
)

// A message of the batch before, whose commit may still run, is a
// duplicate for the batch after it, as if it were stored.
func TestImportFollowingCountsThePrecedingBatch(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		acc := bulkAccount(t, s)
		before := bulkBatch(3, 100)
		after := bulkBatch(4, 100) // the first three are before's mails again
		for i := range after {
			after[i].UID += 10
		}
		prev := &Preceding{Keys: KeysOf(before), Outcome: func() error { return nil }}
		res, err := s.ImportFollowing(acc, after, time.Now(), prev)
		if err != nil || res.Imported != 1 || res.Duplicates != 3 {
			t.Errorf("ImportFollowing = %+v, %v; want 1 imported, 3 duplicates", res, err)
		}
	})
}

// On PostgreSQL the transaction of the batch after runs while the batch
// before commits, but its rows appear only after that commit, and never
// when it failed.
func TestImportFollowingCommitsAfterThePrecedingBatch(t *testing.T) {
	s := openPostgres(t, mailtest.Postgres(t))
	acc := bulkAccount(t, s)
	for _, failed := range []bool{false, true} {
		batch := bulkBatch(5, 100)
		for i := range batch {
			batch[i].UID += uint32(100 + 100*boolInt(failed))
			batch[i].SHA256 += fmt.Sprint(failed)
		}
		release, inserted := make(chan error), make(chan struct{})
		prev := &Preceding{Outcome: func() error {
			close(inserted) // the rows are in, the commit waits
			return <-release
		}}
		done := make(chan error, 1)
		go func() {
			_, err := s.ImportFollowing(acc, batch, time.Now(), prev)
			done <- err
		}()
		<-inserted
		if n, _ := s.MessageCount(acc); n != 5*boolInt(failed) {
			t.Errorf("failed=%v: %d messages seen before the batch before committed, want %d", failed, n, 5*boolInt(failed))
		}
		errBefore := errors.New("the batch before failed")
		if failed {
			release <- errBefore
		} else {
			release <- nil
		}
		err := <-done
		if failed != errors.Is(err, errBefore) {
			t.Errorf("failed=%v: ImportFollowing = %v", failed, err)
		}
		if n, _ := s.MessageCount(acc); n != 5 {
			t.Errorf("failed=%v: %d messages after, want 5 (the first run's only)", failed, n)
		}
	}
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// A batch that waits for the commit before it is idle in its transaction
// meanwhile. A server whose admin set a short
// idle_in_transaction_session_timeout must not cut it for that wait.
func TestImportFollowingOutlastsAShortIdleTimeout(t *testing.T) {
	dsn := mailtest.Postgres(t)
	s := openPostgres(t, dsn)
	if err := s.db.Exec(`ALTER DATABASE ` + currentDatabase(t, s) + ` SET idle_in_transaction_session_timeout = '100ms'`).Error; err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = openPostgres(t, dsn) // new connections take the setting
	acc := bulkAccount(t, s)
	prev := &Preceding{Outcome: func() error { time.Sleep(400 * time.Millisecond); return nil }}
	res, err := s.ImportFollowing(acc, bulkBatch(3, 100), time.Now(), prev)
	if err != nil || res.Imported != 3 {
		t.Fatalf("ImportFollowing after a 400 ms wait = %+v, %v; want 3 imported", res, err)
	}
	if n, _ := s.MessageCount(acc); n != 3 {
		t.Errorf("%d messages stored, want 3", n)
	}
}

func currentDatabase(t *testing.T, s *Store) string {
	t.Helper()
	var name string
	if err := s.db.Raw(`SELECT quote_ident(current_database())`).Scan(&name).Error; err != nil {
		t.Fatal(err)
	}
	return name
}
