package storage

import (
	"testing"
	"time"

	"postbridge/problem"
)

// A schema-3 database holds English sentences where schema 4 keeps
// problems: Open turns them into Legacy problems (shown as written), a
// failure with a kind keeps its kind with its text as the detail, and the
// version is raised.
func TestOpenConvertsTheSentencesOfSchema3(t *testing.T) {
	eachDSN(t, func(t *testing.T, dsn string) {
		s, err := Open(dsn)
		if err != nil {
			t.Fatal(err)
		}
		err = s.ImportSettings(&SettingsFile{Company: &CompanyJSON{Name: "Acme"}, Users: []UserJSON{
			{Name: "Bob", IMAP: []ImapJSON{{Username: "bob", Mode: "transfer", Inbox: "In"}}},
			{Name: "Carol", IMAP: []ImapJSON{{Username: "carol", Mode: "transfer", Inbox: "In"}}}}})
		if err != nil {
			t.Fatal(err)
		}
		rows, err := s.HealthRows(time.Now())
		if err != nil || len(rows) != 2 {
			t.Fatalf("health rows %v, %v", rows, err)
		}
		bob, carol := rows[0].AccountID, rows[1].AccountID
		if _, err := s.ImportBatch(bob, []NewMessage{{Message: Message{Folder: "In", UIDValidity: 1, UID: 1, SHA256: "m1"},
			ProjectNumber: "999"}}, time.Now()); err != nil {
			t.Fatal(err)
		}
		if err := s.RefuseMessage(RefusedMessage{AccountID: bob, Folder: "In", UIDValidity: 1, UID: 2, RefusedAt: time.Now()}); err != nil {
			t.Fatal(err)
		}
		for _, id := range []uint{bob, carol} {
			if err := s.RecordSync(id, SyncOutcome{At: time.Now(), Error: "x"}); err != nil {
				t.Fatal(err)
			}
		}
		// What a schema-3 Postbridge wrote.
		for _, q := range []struct {
			sql  string
			args []any
		}{
			{"UPDATE messages SET attention = ?", []any{"several relations have a@b.test; unknown project 999"}},
			{"UPDATE refused_messages SET reason = ?", []any{"larger than the maximum message size of 50 MB"}},
			{"UPDATE account_healths SET problem = '', error_kind = ?, last_error = ? WHERE account_id = ?", []any{"auth_failed", "127.0.0.1:143: authentication failed", bob}},
			{"UPDATE account_healths SET problem = '', error_kind = '', last_error = ? WHERE account_id = ?", []any{"de server weigert het wachtwoord", carol}},
			{"UPDATE schema_info SET version = 3", nil},
		} {
			if err := s.db.Exec(q.sql, q.args...).Error; err != nil {
				t.Fatalf("%s: %v", q.sql, err)
			}
		}
		s.Close()

		s, err = Open(dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		var m Message
		if err := s.db.Omit("raw").First(&m).Error; err != nil {
			t.Fatal(err)
		}
		if want := "several relations have a@b.test; unknown project 999"; len(m.Attention) != 1 ||
			m.Attention[0].Kind != problem.Legacy || m.Attention[0].Arg("text") != want {
			t.Errorf("attention %v, want one legacy problem %q", m.Attention, want)
		}
		var raw string
		s.db.Raw("SELECT attention FROM messages").Scan(&raw)
		if raw == "" || raw[0] != '[' {
			t.Errorf("the attention column holds %q, want a JSON list", raw)
		}
		var r RefusedMessage
		if err := s.db.First(&r).Error; err != nil || r.Reason.Kind != problem.Legacy {
			t.Errorf("refusal reason %v (%v), want a legacy problem", r.Reason, err)
		}
		rows, _ = s.HealthRows(time.Now())
		got := map[uint]problem.P{rows[0].AccountID: rows[0].Problem, rows[1].AccountID: rows[1].Problem}
		if p := got[bob]; p.Kind != "auth_failed" || p.Arg("detail") != "127.0.0.1:143: authentication failed" {
			t.Errorf("Bob's failure %v, want auth_failed with its text as detail", p)
		}
		if p := got[carol]; p.Kind != problem.Legacy || p.Arg("text") != "de server weigert het wachtwoord" {
			t.Errorf("Carol's failure %v, want the stored sentence as a legacy problem", p)
		}
		if v := recordedVersion(t, s.db); v != SchemaVersion {
			t.Errorf("recorded schema %d, want %d", v, SchemaVersion)
		}
	})
}
