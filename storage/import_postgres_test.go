package storage

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"postbridge/mail/mailtest"
)

// bulkBatch is n messages of account's folder In, each with a raw
// message of rawSize bytes, an attachment named after it, and From the
// relation's address on every other one.
func bulkBatch(n, rawSize int) []NewMessage {
	batch := make([]NewMessage, n)
	for i := range batch {
		raw := bytes.Repeat([]byte(fmt.Sprintf("Bericht %d regel\r\n", i)), rawSize/20)
		m := Message{Folder: "In", UIDValidity: 1, UID: uint32(i + 1), SHA256: fmt.Sprintf("sha-%d", i),
			Subject: fmt.Sprintf("m%d", i), Direction: DirectionIn, Raw: raw, TextBody: "tekst",
			Attachments: []Attachment{{FileName: fmt.Sprintf("a%d.pdf", i), Size: int64(i)}}}
		batch[i] = NewMessage{Message: m}
		if i%2 == 0 {
			batch[i].LinkAddresses = []string{"jan@klant.test"}
		}
	}
	return batch
}

// A batch goes in multi-row INSERTs (SQLite) or by COPY (PostgreSQL):
// every message keeps its own raw message, attachment and link.
func TestImportBatchManyRowsKeepsEachMessagesParts(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		acc := bulkAccount(t, s)
		const n = 250
		res, err := s.ImportBatch(acc, bulkBatch(n, 3000), time.Now())
		if err != nil || res.Imported != n || res.Linked != n/2 {
			t.Fatalf("ImportBatch = %+v, %v; want %d imported, %d linked", res, err, n, n/2)
		}
		list, err := s.ListMessages(MessageFilter{})
		if err != nil || len(list) != n {
			t.Fatalf("%d messages listed (%v), want %d", len(list), err, n)
		}
		for _, m := range list {
			var i int
			fmt.Sscanf(m.Subject, "m%d", &i)
			if got, want := len(m.Attachments), 1; got != want || m.Attachments[0].FileName != fmt.Sprintf("a%d.pdf", i) {
				t.Errorf("%s: attachments %+v, want a%d.pdf", m.Subject, m.Attachments, i)
			}
			if got, want := len(m.Relations), 1-i%2; got != want {
				t.Errorf("%s: %d relations, want %d", m.Subject, got, want)
			}
			raw, err := s.RawMessage(m.ID)
			if want := fmt.Sprintf("Bericht %d regel\r\n", i); err != nil || !bytes.HasPrefix(raw, []byte(want)) {
				t.Errorf("%s: raw message starts %.20q (%v), want %q", m.Subject, raw, err, want)
			}
		}
	})
}

func bulkAccount(t testing.TB, s *Store) uint {
	t.Helper()
	doc := &SettingsFile{
		Users:     []UserJSON{{Name: "Alice", IMAP: []ImapJSON{{Username: "alice", Mode: "transfer", Inbox: "In"}}}},
		Relations: []RelationJSON{{Name: "Klant BV", Emails: []string{"jan@klant.test"}}},
	}
	if err := s.ImportSettings(doc); err != nil {
		t.Fatal(err)
	}
	u, err := s.UserByName("Alice")
	if err != nil {
		t.Fatal(err)
	}
	return u.ImapAccounts[0].ID
}

// On PostgreSQL a batch costs a fixed number of statements (round trips)
// and a few more per hundred messages, not some per message, and large
// columns are compressed with lz4 (pglz took about two fifths of the
// server's CPU in an import).
func TestPostgresImportBatchRoundTripsAndCompression(t *testing.T) {
	dsn := mailtest.Postgres(t)
	s, err := Open(dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	acc := bulkAccount(t, s)
	for _, n := range []int{10, 300} {
		before := mailtest.PostgresCount(t, dsn).Statements
		batch := bulkBatch(n, 1000)
		for i := range batch {
			batch[i].UID += 1000 * uint32(n)
			batch[i].SHA256 += fmt.Sprint("-", n)
		}
		if _, err := s.ImportBatch(acc, batch, time.Now()); err != nil {
			t.Fatal(err)
		}
		// BEGIN, two duplicate lookups, two link lookups, the webhooks,
		// the IDs and the COPY of the messages, COMMIT; per 100 messages
		// the INSERTs of their attachments, links and index entries.
		got := mailtest.PostgresCount(t, dsn).Statements - before
		if want := int64(8 + 3*((n+99)/100)); before == 0 || got > want {
			t.Errorf("%d messages: %d statements, want at most %d (none counted before: %v)", n, got, want, before == 0)
		}
	}
	large := bulkBatch(5, 40000)
	for i := range large {
		large[i].UID += 9000
		large[i].SHA256 += "-large"
	}
	if _, err := s.ImportBatch(acc, large, time.Now()); err != nil {
		t.Fatal(err)
	}
	var methods []string
	err = s.db.Raw(`SELECT DISTINCT coalesce(pg_column_compression(raw), 'none') FROM messages
		WHERE length(raw) > 10000`).Scan(&methods).Error
	if err != nil {
		t.Fatal(err)
	}
	if len(methods) != 1 || methods[0] != "lz4" {
		t.Errorf("raw messages compressed with %v, want [lz4]", methods)
	}
}
