package storage

import (
	"fmt"
	"testing"
	"time"
)

// pageFixture imports n messages into one account of a new user; every
// third message has "Schüttgut" in its body, message 7 is from
// jan@klant.test (a relation) and filed under project 210-01.
func pageFixture(t testing.TB, s *Store, n int) uint {
	t.Helper()
	doc := &SettingsFile{
		Users:     []UserJSON{{Name: "Alice", IMAP: []ImapJSON{{Username: "alice", Mode: "transfer", Inbox: "In"}}}},
		Relations: []RelationJSON{{Name: "Klant BV", Emails: []string{"jan@klant.test"}}},
		Projects:  []ProjectJSON{{Number: "210-01", Description: "Wohnanlage"}},
	}
	if err := s.ImportSettings(doc); err != nil {
		t.Fatal(err)
	}
	u, _ := s.UserByName("Alice")
	acc := u.ImapAccounts[0].ID
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for start := 0; start < n; start += 1000 {
		var batch []NewMessage
		for i := start; i < min(start+1000, n); i++ {
			m := NewMessage{Message: Message{Folder: "In", UIDValidity: 1, UID: uint32(i + 1),
				SHA256: fmt.Sprint("sha", i), Subject: fmt.Sprintf("Bericht %d", i), Direction: DirectionIn,
				From: fmt.Sprintf("afzender%d@voorbeeld.test", i), Date: base.Add(time.Duration(i) * time.Minute),
				TextBody: fmt.Sprintf("Regel %d van een bericht over beton en staal.", i)}}
			if i%3 == 0 {
				m.TextBody += " Schüttgut wird geliefert."
			}
			if i == 7 {
				m.From, m.LinkAddresses, m.ProjectNumber = "jan@klant.test", []string{"jan@klant.test"}, "210-01"
			}
			batch = append(batch, m)
		}
		if _, err := s.ImportBatch(acc, batch, base); err != nil {
			t.Fatal(err)
		}
	}
	return u.ID
}

func TestMessagePageSearchesFiltersAndPages(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		user := pageFixture(t, s, 30)
		count := func(q MessageQuery) int64 {
			n, err := s.CountMessages(q)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		if n := count(MessageQuery{}); n != 30 {
			t.Errorf("all: %d", n)
		}
		if n := count(MessageQuery{Search: "schütt"}); n != 10 {
			t.Errorf("search by the start of a body word: %d, want 10", n)
		}
		if n := count(MessageQuery{Search: "Bericht 12"}); n != 1 {
			t.Errorf("two words, both required: %d, want 1", n)
		}
		if n := count(MessageQuery{Search: `jan@klant.test "*`}); n != 1 {
			t.Errorf("an address, with syntax characters typed: %d, want 1", n)
		}
		if n := count(MessageQuery{UserID: user + 1}); n != 0 {
			t.Errorf("another user: %d", n)
		}
		page, err := s.MessagePage(MessageQuery{UserID: user}, 20, 5)
		if err != nil || len(page) != 5 || page[0].Subject != "Bericht 9" || page[2].Relations[0] != "Klant BV" ||
			page[2].Project != "210-01" {
			t.Fatalf("page 20+5, newest first: %+v, %v", page, err)
		}
		for _, q := range []MessageQuery{{RelationID: 1}, {Search: "klant"}, {Sort: SortSubject, Ascending: true}} {
			if page, err := s.MessagePage(q, 0, 1); err != nil || len(page) != 1 {
				t.Errorf("%+v: %+v, %v", q, page, err)
			}
		}
	})
}
