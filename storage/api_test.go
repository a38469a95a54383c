package storage

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestAPITokenKeepsOnlyTheHash(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		now := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
		tok, err := s.CreateAPIToken("crm", "send,read,read", now)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(tok, tokenPrefix) || len(tok) < 40 {
			t.Errorf("token %q is too short or unmarked", tok)
		}
		var raw []string
		s.db.Raw("SELECT name || ' ' || hash || ' ' || scopes FROM api_tokens").Scan(&raw)
		if len(raw) != 1 || strings.Contains(raw[0], tok) || strings.Contains(raw[0], tok[len(tokenPrefix):]) {
			t.Errorf("stored %q: the token itself must not be in the database", raw)
		}
		got, err := s.APITokenFor(tok, now)
		if err != nil || got.Name != "crm" || got.Scopes != "read,send" || !got.HasScope(ScopeSend) {
			t.Errorf("lookup: %+v, %v", got, err)
		}
		tests := []struct {
			name, token string
			want        error
		}{
			{"another token", tok[:len(tok)-1] + "x", ErrTokenUnknown},
			{"no prefix", tok[len(tokenPrefix):], ErrTokenUnknown},
			{"empty", "", ErrTokenUnknown},
		}
		for _, tt := range tests {
			if _, err := s.APITokenFor(tt.token, now); !errors.Is(err, tt.want) {
				t.Errorf("%s: got %v, want %v", tt.name, err, tt.want)
			}
		}
		if _, err := s.CreateAPIToken("crm", "read", now); !errors.Is(err, ErrTokenExists) {
			t.Errorf("same name again: %v", err)
		}
		if _, err := s.CreateAPIToken("bi", "write", now); !errors.Is(err, ErrBadScope) {
			t.Errorf("unknown scope: %v", err)
		}
		if _, err := s.CreateAPIToken("with space", "read", now); !errors.Is(err, ErrTokenName) {
			t.Errorf("bad name: %v", err)
		}
		if err := s.RevokeAPIToken("crm"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.APITokenFor(tok, now); !errors.Is(err, ErrTokenUnknown) {
			t.Errorf("revoked token still works: %v", err)
		}
		if err := s.RevokeAPIToken("crm"); !errors.Is(err, ErrTokenUnknown) {
			t.Errorf("revoke twice: %v", err)
		}
	})
}

func TestAPISendRecordReplaysAndRefuses(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		now := time.Now()
		rec, replay, err := s.BeginSend("crm", "k1", "h1", now)
		if err != nil || replay || rec.ID == 0 {
			t.Fatalf("first: %+v %v %v", rec, replay, err)
		}
		if _, _, err := s.BeginSend("crm", "k1", "h1", now); !errors.Is(err, ErrSendInProgress) {
			t.Errorf("while pending: %v", err)
		}
		if _, _, err := s.BeginSend("crm", "k1", "h2", now); !errors.Is(err, ErrKeyReused) {
			t.Errorf("another body: %v", err)
		}
		if _, replay, err := s.BeginSend("bi", "k1", "h2", now); err != nil || replay {
			t.Errorf("another token's key: %v %v", replay, err)
		}
		if err := s.FinishSend(rec.ID, 200, `{"id":1}`); err != nil {
			t.Fatal(err)
		}
		got, replay, err := s.BeginSend("crm", "k1", "h1", now)
		if err != nil || !replay || got.Response != `{"id":1}` || got.Status != 200 {
			t.Errorf("after done: %+v %v %v", got, replay, err)
		}
		rec2, _, _ := s.BeginSend("crm", "k2", "h", now)
		if err := s.ForgetSend(rec2.ID); err != nil {
			t.Fatal(err)
		}
		if _, replay, err := s.BeginSend("crm", "k2", "h", now); err != nil || replay {
			t.Errorf("after a refused send the key is free again: %v %v", replay, err)
		}
	})
}

// The views answer plain SQL, with the documented columns, on both
// databases.
func TestViewsAnswerPlainSQL(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		pageFixture(t, s, 12)
		sqlDB, err := s.db.DB()
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range ViewNames() {
			rows, err := sqlDB.Query("SELECT * FROM " + name)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			cols, _ := rows.Columns()
			rows.Close()
			if want := ViewColumns(name); !slices.Equal(cols, want) {
				t.Errorf("%s has columns %v, want %v", name, cols, want)
			}
		}
		var subject, user, project, from string
		var attachments int
		err = sqlDB.QueryRow(`SELECT subject, user_name, project_number, from_address, attachment_count
			FROM postbridge_messages WHERE project_number IS NOT NULL`).Scan(&subject, &user, &project, &from, &attachments)
		if got, want := fmt.Sprint(subject, user, project, from, attachments), fmt.Sprint("Bericht 7", "Alice", "210-01", "jan@klant.test", 0); got != want || err != nil {
			t.Errorf("postbridge_messages: got %q, want %q (%v)", got, want, err)
		}
		var links []string
		rows, err := sqlDB.Query(`SELECT l.link_type, coalesce(r.name, p.number) FROM postbridge_message_links l
			JOIN postbridge_messages m ON m.id = l.message_id
			LEFT JOIN postbridge_relations r ON r.id = l.relation_id
			LEFT JOIN postbridge_projects p ON p.id = l.project_id ORDER BY l.link_type`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var kind, target string
			rows.Scan(&kind, &target)
			links = append(links, kind+" "+target)
		}
		rows.Close()
		if got, want := strings.Join(links, "; "), "project 210-01; relation Klant BV"; got != want {
			t.Errorf("links: got %q, want %q", got, want)
		}
		var emails string
		if err := sqlDB.QueryRow(`SELECT emails FROM postbridge_relations WHERE name = 'Klant BV'`).Scan(&emails); err != nil || emails != "jan@klant.test" {
			t.Errorf("relation emails %q, %v", emails, err)
		}
	})
}

// A second open leaves unchanged views alone and still answers.
func TestViewsSurviveReopen(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		if err := s.createViews(); err != nil {
			t.Fatal(err)
		}
		var n int64
		if err := s.db.Raw("SELECT count(*) FROM postbridge_projects").Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
	})
}

func TestAPIMessageListPagesByCursor(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		user := pageFixture(t, s, 25)
		var seen []string
		after := uint(0)
		for range 10 {
			page, err := s.MessageList(MessageListQuery{MessageQuery: MessageQuery{UserID: user}, After: after}, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(page) == 0 {
				break
			}
			for _, m := range page {
				seen = append(seen, m.Subject)
			}
			after = page[len(page)-1].ID
		}
		if len(seen) != 25 || seen[0] != "Bericht 24" || seen[24] != "Bericht 0" {
			t.Errorf("pages newest first, none twice: %d %v", len(seen), seen)
		}
		base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		cet := time.FixedZone("CET", 3600)
		tests := []struct {
			name string
			q    MessageListQuery
			want int
		}{
			{"folder", MessageListQuery{Folder: "In"}, 25},
			{"other folder", MessageListQuery{Folder: "Out"}, 0},
			{"since", MessageListQuery{Since: base.Add(20 * time.Minute)}, 5},
			{"until, in another zone", MessageListQuery{Until: base.Add(10 * time.Minute).In(cet)}, 10},
			{"range", MessageListQuery{Since: base.Add(5 * time.Minute), Until: base.Add(7 * time.Minute)}, 2},
			{"search", MessageListQuery{MessageQuery: MessageQuery{Search: "schüttgut"}}, 9},
			{"project", MessageListQuery{MessageQuery: MessageQuery{ProjectID: 1}}, 1},
		}
		for _, tt := range tests {
			page, err := s.MessageList(tt.q, 100)
			if err != nil || len(page) != tt.want {
				t.Errorf("%s: got %d (%v), want %d", tt.name, len(page), err, tt.want)
			}
		}
		page, _ := s.MessageList(MessageListQuery{MessageQuery: MessageQuery{ProjectID: 1}}, 1)
		if len(page) != 1 || page[0].Project == nil || len(page[0].Relations) != 1 || page[0].TextBody != "" {
			t.Errorf("links loaded, body not: %+v", page)
		}
	})
}
