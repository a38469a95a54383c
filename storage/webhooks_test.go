package storage

import (
	"errors"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"
)

// The outbox on both databases: an import queues message.new, a claim
// holds an event once, a failed attempt waits, a delivered one is done.
func TestAPIWebhookOutbox(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		if err := s.SaveWebhook(&Webhook{Name: "crm", URL: "https://crm.test/hook", Events: "message.new", SecretKey: "company/webhook/crm", Active: true}); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveWebhook(&Webhook{Name: "bad", URL: "ftp://x"}); err == nil {
			t.Error("an ftp URL was accepted")
		}
		pageFixture(t, s, 2)
		now := time.Now()
		due, err := s.DueWebhookEvents(now, 10)
		if err != nil || len(due) != 2 || due[0].Type != EventMessageNew || !strings.Contains(due[0].Payload, `"subject":"Bericht 0"`) {
			t.Fatalf("due after an import of 2: %+v, %v", due, err)
		}
		ev := due[0]
		stale := ev
		if ok, err := s.ClaimWebhookEvent(&ev, now.Add(time.Minute)); !ok || err != nil {
			t.Fatalf("first claim: %v %v", ok, err)
		}
		if ok, _ := s.ClaimWebhookEvent(&stale, now.Add(time.Minute)); ok {
			t.Error("a second claim of the same event succeeded")
		}
		next := now.Add(10 * time.Minute)
		if err := s.RecordWebhookAttempt(ev, WebhookAttempt{At: now, Status: 503, Error: "HTTP 503", Next: next}); err != nil {
			t.Fatal(err)
		}
		if due, _ := s.DueWebhookEvents(now.Add(time.Minute), 10); len(due) != 1 {
			t.Errorf("a failed event waits: %d due", len(due))
		}
		later, _ := s.DueWebhookEvents(next.Add(time.Second), 10)
		if len(later) != 2 || later[0].Attempts != 1 {
			t.Fatalf("after its wait: %+v", later)
		}
		ev = later[0]
		s.ClaimWebhookEvent(&ev, next.Add(time.Minute))
		if err := s.RecordWebhookAttempt(ev, WebhookAttempt{At: next, Status: 200, Next: next}); err != nil {
			t.Fatal(err)
		}
		if due, _ := s.DueWebhookEvents(next.Add(time.Hour), 10); len(due) != 1 {
			t.Errorf("the delivered event is still due: %d", len(due))
		}
		hooks, _ := s.Webhooks()
		if len(hooks) != 1 || hooks[0].LastStatus != 200 || hooks[0].LastError != "" || hooks[0].LastDeliveryAt == nil {
			t.Errorf("the webhook's last delivery: %+v", hooks)
		}
		if err := s.DeleteWebhook("crm"); err != nil {
			t.Fatal(err)
		}
		if due, _ := s.DueWebhookEvents(next.Add(time.Hour), 10); len(due) != 0 {
			t.Errorf("events of a removed webhook: %d", len(due))
		}
	})
}

// failWrites makes every write of table fail until the test ends, as a
// crash or a lost connection at that point of a transaction would.
func failWrites(t *testing.T, s *Store, op, table string) {
	t.Helper()
	name := "test:fail_" + op + "_" + table
	fail := func(db *gorm.DB) {
		if db.Statement.Table == table {
			db.AddError(errors.New("cut off by the test"))
		}
	}
	var err error
	switch op {
	case "create":
		err = s.db.Callback().Create().Before("gorm:create").Register(name, fail)
	case "update":
		err = s.db.Callback().Update().Before("gorm:update").Register(name, fail)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		s.db.Callback().Create().Remove(name)
		s.db.Callback().Update().Remove(name)
	})
}

// An account's change of state and its webhook event are one
// transaction: when either write fails, neither is kept, and the next
// sync queues the event exactly once.
func TestAccountEventsShareTheHealthTransaction(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		acc := pageFixture(t, s, 0)
		hook := &Webhook{Name: "crm", URL: "https://crm.test/hook", Events: "account.failing,account.recovered",
			SecretKey: "company/webhook/crm", Active: true}
		if err := s.SaveWebhook(hook); err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		failed := SyncOutcome{At: now, Error: "login refused", ErrorKind: "auth_failed"}
		if err := s.RecordSync(acc, SyncOutcome{At: now.Add(-time.Hour)}); err != nil {
			t.Fatal(err)
		}
		lastError := func() string {
			rows, err := s.HealthRows(now)
			if err != nil || len(rows) != 1 {
				t.Fatalf("health rows: %+v, %v", rows, err)
			}
			return rows[0].LastError
		}
		events := func() []string {
			due, err := s.DueWebhookEvents(now.Add(time.Hour), 100)
			if err != nil {
				t.Fatal(err)
			}
			var types []string
			for _, ev := range due {
				types = append(types, ev.Type)
			}
			return types
		}
		steps := []struct {
			name       string
			op, table  string // the write that fails; "" none
			outcome    SyncOutcome
			wantErr    bool
			wantError  string
			wantEvents string
		}{
			{"the outbox write fails", "create", "webhook_events", failed, true, "", ""},
			{"the outbox works again", "", "", failed, false, "login refused", "account.failing"},
			{"the health write fails", "update", "account_healths", SyncOutcome{At: now}, true, "login refused", "account.failing"},
			{"the health write works again", "", "", SyncOutcome{At: now}, false, "", "account.failing account.recovered"},
			{"no change, no event", "", "", SyncOutcome{At: now}, false, "", "account.failing account.recovered"},
		}
		for _, st := range steps {
			t.Run(strings.ReplaceAll(st.name, " ", "_"), func(t *testing.T) {
				if st.op != "" {
					failWrites(t, s, st.op, st.table)
				}
				err := s.RecordSync(acc, st.outcome)
				if (err != nil) != st.wantErr {
					t.Errorf("RecordSync: %v, want an error: %v", err, st.wantErr)
				}
			})
			if got := lastError(); got != st.wantError {
				t.Errorf("%s: the account's error is %q, want %q", st.name, got, st.wantError)
			}
			if got := strings.Join(events(), " "); got != st.wantEvents {
				t.Errorf("%s: queued %q, want %q", st.name, got, st.wantEvents)
			}
		}
	})
}
