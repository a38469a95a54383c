package imapsync

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// slowCommits holds each batch's transaction a moment before its
// commit, so that the transaction of the batch after it looks for
// duplicates while this one has not committed.
type slowCommits struct{ Importer }

func (c slowCommits) ImportFollowing(account uint, b []storage.NewMessage, now time.Time, prev *storage.Preceding) (storage.ImportResult, error) {
	slow := &storage.Preceding{Outcome: func() error { time.Sleep(200 * time.Millisecond); return nil }}
	if prev != nil {
		slow.Keys = prev.Keys
		slow.Outcome = func() error { time.Sleep(200 * time.Millisecond); return prev.Outcome() }
	}
	return c.Importer.ImportFollowing(account, b, now, slow)
}

// On PostgreSQL a batch's transaction runs beside the commit of the
// batch before it (storage.ImportFollowing). The same mail in two
// batches that commit side by side is still stored once.
func TestPostgresSameMailInAdjacentBatchesIsOneMessage(t *testing.T) {
	f := newFixtureOn(t, mailtest.Postgres(t))
	f.job.Store = slowCommits{f.store}
	raw := rawMail(1, "jan@klant.test")
	for i := 0; i < 12; i++ { // batches of 3: the same mail in all four
		if i%3 == 0 {
			f.s.Deliver(t, f.user, "Postbridge/In", raw)
		} else {
			f.s.Deliver(t, f.user, "Postbridge/In", rawMail(100+i, "jan@klant.test"))
		}
	}
	counts, err := Run(context.Background(), f.job, nil)
	if err != nil {
		t.Fatal(err)
	}
	if counts.Imported != 9 || counts.Duplicates != 3 || counts.Moved != 12 {
		t.Errorf("counts %+v, want 9 imported, 3 duplicates, 12 moved", counts)
	}
	if n := f.messageCount(t); n != 9 {
		t.Errorf("%d rows, want 9", n)
	}
}

// failSecondCommit fails the commit of the second batch, after its rows
// are inserted, while the third may already be inserting beside it.
type failSecondCommit struct {
	Importer
	calls atomic.Int32
}

var errCommitRefused = errors.New("commit refused")

func (c *failSecondCommit) ImportFollowing(account uint, b []storage.NewMessage, now time.Time, prev *storage.Preceding) (storage.ImportResult, error) {
	if c.calls.Add(1) == 2 {
		prev = &storage.Preceding{Outcome: func() error { return errCommitRefused }}
	}
	return c.Importer.ImportFollowing(account, b, now, prev)
}

// A failed commit stops the folder: the batches after it, whose
// transactions ran beside it, roll back and are not filed; the next run
// stores and files every mail once.
func TestPostgresFailedCommitStopsTheBatchesAfterIt(t *testing.T) {
	f := newFixtureOn(t, mailtest.Postgres(t))
	f.deliver(t, "Postbridge/In", 12)
	failing := f.job
	failing.Store = &failSecondCommit{Importer: f.store}
	if _, err := Run(context.Background(), failing, nil); !errors.Is(err, errCommitRefused) {
		t.Fatalf("run with a refused commit: %v", err)
	}
	if n := f.messageCount(t); n != 3 {
		t.Errorf("%d rows after the refused commit, want 3 (the first batch's)", n)
	}
	if n := f.s.Count(t, f.user, "Postbridge/In"); n != 9 {
		t.Errorf("%d mails left in In, want 9", n)
	}
	if _, err := Run(context.Background(), f.job, nil); err != nil {
		t.Fatal(err)
	}
	f.checkFiledOnce(t, 12, 0)
}
