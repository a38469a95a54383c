package autosync

import (
	"context"
	"fmt"
	"testing"
	"time"

	"postbridge/app"
	"postbridge/mail/imapsync"
	"postbridge/mail/mailtest"
)

// A mail that Postfix delivers while the loop waits is imported within
// 5 s (the IDLE connection announces it), not at the next full pass.
func TestNewMailArrivesWithinSeconds(t *testing.T) {
	o := newOffice(t, 1, "", "")
	n := newNotices()
	o.start(t, &Runner{Actions: o.act, Store: o.store, Notice: n.add})
	n.waitFor(t, "watching INBOX", 1)
	o.waitPass(t, 0)
	start := time.Now()
	o.s.SendRaw(t, "jan@elders.example", o.users[0], mailTo(o.users[0], "Offerte"))
	o.waitMessages(t, 0, 1)
	took := time.Since(start)
	t.Logf("delivered through Postfix and imported in %s", took.Round(time.Millisecond))
	if took > 5*time.Second {
		t.Errorf("imported after %s, want within 5 s (IDLE); the interval is %s", took, o.accs[0].Interval)
	}
	// The move to Completed follows the commit the count above saw.
	o.s.WaitCount(t, o.users[0], "INBOX/Completed", 1)
}

// waitPass waits until account i has a recorded sync: the loop is up.
func (o *office) waitPass(t *testing.T, i int) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		rows, err := o.store.HealthRows(time.Now())
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if r.AccountID == o.accs[i].ID && r.LastRun != nil {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("account %d: no sync recorded after 30 s", i)
}

// The IMAP server goes away (a restart, a network loss) and comes back:
// the loop retries with backoff, reconnects and imports what arrived.
func TestLoopReconnectsAfterTheServerWasGone(t *testing.T) {
	p := startProxy(t, mailtest.Servers(t).IMAP)
	o := newOffice(t, 1, "", p.addr)
	n := newNotices()
	o.start(t, &Runner{Actions: o.act, Store: o.store, Notice: n.add,
		Backoff: func(int) time.Duration { return 200 * time.Millisecond }})
	n.waitFor(t, "watching INBOX", 1)
	o.s.SendRaw(t, "jan@elders.example", o.users[0], mailTo(o.users[0], "Eerste"))
	o.waitMessages(t, 0, 1)

	p.stop()
	n.waitFor(t, "next try in", 2) // the loop noticed and retries
	o.s.SendRaw(t, "jan@elders.example", o.users[0], mailTo(o.users[0], "Tweede"))
	o.s.WaitCount(t, o.users[0], "INBOX", 1)
	p.restart(t)
	o.waitMessages(t, 0, 2)
	n.waitFor(t, "watching INBOX", 2) // and watches again
}

// SIGTERM (here: the context a signal cancels) in the middle of a batch:
// the loop finishes the batches in hand — fetched, committed and filed —
// and stops, so nothing is half-filed; a new run then finds every
// message once.
func TestStopMidBatchThenEveryMessageOnce(t *testing.T) {
	o := newOffice(t, 1, "", "")
	total := 4*imapsync.DefaultBatchSize + 50
	o.s.Count(t, o.users[0], "INBOX") // Dovecot makes the Maildir first, as its own user
	o.s.FillMaildir(t, o.users[0], "INBOX", total, func(i int) []byte { return mailTo(o.users[0], fmt.Sprintf("Bericht %d", i)) })
	ctx, cancel := context.WithCancel(context.Background())
	events := make(chan imapsync.Event)
	go func() {
		imported := 0
		for e := range events {
			if _, ok := e.(imapsync.Imported); ok {
				if imported++; imported == 7 {
					cancel() // the 7th of the first batch is fetched, nothing committed yet
				}
			}
		}
	}()
	r := &Runner{Actions: o.act, Store: o.store, Events: events, Notice: func(a, text string) { t.Log(a, text) }}
	r.Run(ctx, o.accs)
	close(events)
	stored, _ := o.store.MessageCount(o.accs[0].ID)
	filed, left := o.s.Count(t, o.users[0], "INBOX/Completed"), o.s.Count(t, o.users[0], "INBOX")
	// The pipeline holds at most three batches: one committing, one
	// converting, one being fetched (mail/imapsync/pipeline.go).
	if stored < int64(imapsync.DefaultBatchSize) || stored > int64(3*imapsync.DefaultBatchSize) ||
		filed != int(stored) || left != total-filed {
		t.Errorf("after the stop: %d stored, %d filed, %d left; want the batches in hand (1 to 3 of %d) stored and filed, the rest left",
			stored, filed, left, imapsync.DefaultBatchSize)
	}
	if _, err := o.act.Sync(context.Background(), app.SyncFilter{AccountID: o.accs[0].ID}, nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := o.store.MessageCount(o.accs[0].ID); got != int64(total) {
		t.Errorf("%d messages stored, want %d", got, total)
	}
	var distinct int64
	if err := o.store.RawCount(&distinct); err != nil || distinct != int64(total) {
		t.Errorf("%d distinct contents stored, want %d (%v)", distinct, total, err)
	}
	if in, done := o.s.Count(t, o.users[0], "INBOX"), o.s.Count(t, o.users[0], "INBOX/Completed"); in != 0 || done != total {
		t.Errorf("INBOX %d, Completed %d, want 0 and %d", in, done, total)
	}
}
