package app

import (
	"context"
	"fmt"
	"testing"
	"time"

	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// On PostgreSQL the search index follows a sync by itself: after the
// sync returns, the messages get indexed without anybody searching or
// calling IndexSearch, and with no sync left the follower stops.
func TestPostgresSearchIndexFollowsTheSync(t *testing.T) {
	o := newOfficeOn(t, "Sent", mailtest.Postgres(t))
	o.s.FillMaildir(t, o.alice, "Postbridge/In", 300, func(i int) []byte {
		return []byte(fmt.Sprintf("From: jan@klant.test\r\nSubject: Bericht %d\r\n\r\nBetonstahl Lieferung %d\r\n", i, i))
	})
	o.s.CreateMailbox(t, o.alice, "Postbridge/Out")
	if _, err := o.act.Sync(context.Background(), SyncFilter{User: "Alice"}, nil); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		n, err := o.act.Store.SearchPending()
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d messages still not indexed 20 s after the sync", n)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if n, err := o.act.Store.CountMessages(storage.MessageQuery{Search: "betonstahl"}); err != nil || n != 300 {
		t.Errorf("search found %d, %v; want 300", n, err)
	}
	for start := time.Now(); ; time.Sleep(20 * time.Millisecond) {
		o.act.following.mu.Lock()
		running := o.act.following.running
		o.act.following.mu.Unlock()
		if !running {
			break
		}
		if time.Since(start) > 10*time.Second {
			t.Fatal("the follower still runs with no sync left")
		}
	}
}
