package autosync

import (
	"strings"
	"testing"
	"time"

	"postbridge/explain"
	"postbridge/storage"
)

// A wrong password on one account shows that account failing, with the
// explanation, while the others stay ok; failing accounts come first.
func TestWrongPasswordFailsOnlyThatAccount(t *testing.T) {
	o := newOffice(t, 3, "", "")
	o.act.Secrets.(mapSecrets)["user/"+o.users[1].Name+"/imap"] = "wrong"
	o.start(t, &Runner{Actions: o.act, Store: o.store})
	for i := range o.accs {
		o.waitPass(t, i)
	}
	rows, err := o.store.HealthRows(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	list := Overview(rows, time.Now())
	if len(list) != 3 {
		t.Fatalf("%d rows, want 3", len(list))
	}
	bad := list[0]
	// Accounts are described by their user's name (newOffice).
	if bad.Account != o.users[1].Name || bad.State != StateFailing {
		t.Fatalf("first row %s %s (%s %s), want account %s failing", bad.Account, bad.State, bad.ErrorKind, bad.LastError, o.users[1].Name)
	}
	if !strings.Contains(explain.Problem(bad.Problem), "refused the user name or password") || bad.ErrorSince == nil || bad.Temporary {
		t.Errorf("failing row: error %q since %v, temporary %v", bad.LastError, bad.ErrorSince, bad.Temporary)
	}
	if bad.NextSync == nil || time.Until(*bad.NextSync) < 30*time.Minute {
		t.Errorf("a wrong password is retried at %v, want not before half an hour", bad.NextSync)
	}
	for _, r := range list[1:] {
		if r.State != StateOK || r.LastSuccess == nil || r.LastError != "" {
			t.Errorf("%s: %s (%s), last success %v, error %q; want ok", r.Account, r.State, r.Reason, r.LastSuccess, r.LastError)
		}
	}
}

func TestJudge(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	ago := func(d time.Duration) *time.Time { t := now.Add(-d); return &t }
	row := func(h storage.AccountHealth) storage.HealthRow {
		return storage.HealthRow{Active: true, AutoSync: true, IntervalMin: 5, AccountHealth: h}
	}
	tests := []struct {
		name string
		row  storage.HealthRow
		want State
	}{
		{"fine", row(storage.AccountHealth{LastRun: ago(time.Minute), LastSuccess: ago(time.Minute)}), StateOK},
		{"never", row(storage.AccountHealth{}), StateWarning},
		{"network, short", row(storage.AccountHealth{LastRun: ago(0), LastError: "x", Temporary: true, ErrorSince: ago(10 * time.Minute)}), StateWarning},
		{"network, long", row(storage.AccountHealth{LastRun: ago(0), LastError: "x", Temporary: true, ErrorSince: ago(time.Hour)}), StateFailing},
		{"password", row(storage.AccountHealth{LastRun: ago(0), LastError: "x", ErrorSince: ago(time.Minute)}), StateFailing},
		{"stale", row(storage.AccountHealth{LastRun: ago(time.Hour), LastSuccess: ago(time.Hour)}), StateWarning},
		{"warnings", row(storage.AccountHealth{LastRun: ago(0), LastSuccess: ago(0), Warnings: 2}), StateWarning},
	}
	for _, tt := range tests {
		if got, why := Judge(tt.row, now); got != tt.want {
			t.Errorf("%s: %s (%s), want %s", tt.name, got, why, tt.want)
		}
	}
}
