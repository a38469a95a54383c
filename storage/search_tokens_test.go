package storage

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"postbridge/mail/mailtest"
	"postbridge/mail/message"
)

// pgWholeDoc is the tsvector of a message as PostgreSQL's expression
// index made it before (schema 4): the whole body, every repeat included.
const pgWholeDoc = `to_tsvector('simple', coalesce(subject, '') || ' ' || ` +
	`translate(coalesce("from", '') || ' ' || coalesce("to", '') || ' ' || coalesce(cc, ''), '@.<>', '    ') || ' ' || ` +
	`left(coalesce(text_body, ''), 200000))`

// The index gets the same lexemes from pgBodyTokens (the import's) and
// from pgDistinctTokens (the queue's) as from the whole body, for bodies where a cut at the wrong place would show (XML
// tags span blanks; URLs, addresses, numbers and hyphenated words are
// tokens of their own; the 200,000-character cut) and for the genmail
// corpus of the benchmarks.
func TestPostgresDistinctTokensKeepTheLexemes(t *testing.T) {
	bodies := []string{
		"Beton beton BETON betonnen. Staal, staal; STAAL! beton",
		"z> y x <b class=y z> w z> <b class=y z>",
		"<!-- a comment a --> a b a",
		"jan@klant.test jan@klant.test klant test http://a.b/c?d=e http://a.b/c?d=e a.b/c",
		"e-mail e-mail mail foo-bar-baz foo bar 210-01 210-01 -5 -5 5 1.5 1.5 1.2.3 1.2.3 1e5",
		"first\nsecond\r\nthird\tfourth\n\n> quoted first\n> quoted second\fform\vtab",
		"Schüttgut SCHÜTTGUT schüttgut über Über Straße ß ærlig Ærlig 日本語 日本語 😀 😀",
		"a\u00a0b a\u00a0b a\u2014b \u201cquoted\u201d \u201cquoted\u201d a\u3000b",
		"don't don't 'quoted' 'quoted' &amp; &amp; &lt;b&gt; x_y x_y",
		"",
		"   \n\t ",
		strings.Repeat("staal beton ", 20000) + "schluss" + strings.Repeat(" lang", 1000),
		strings.Repeat("x", 199998) + " abc abc",
	}
	dir := t.TempDir()
	for _, name := range mailtest.Genmail(t, filepath.Join(dir, "mail"), 300, 1) {
		raw, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		bodies = append(bodies, message.Parse(raw).Text)
	}
	s := openPostgres(t, mailtest.Postgres(t))
	if err := s.ImportSettings(&SettingsFile{Users: []UserJSON{{Name: "Alice",
		IMAP: []ImapJSON{{Username: "alice", Mode: "transfer", Inbox: "In"}}}}}); err != nil {
		t.Fatal(err)
	}
	u, _ := s.UserByName("Alice")
	batch := make([]NewMessage, len(bodies))
	for i, body := range bodies {
		batch[i] = NewMessage{Message: Message{Folder: "In", UIDValidity: 1, UID: uint32(i + 1), SHA256: fmt.Sprint(i),
			Subject: "Angebot angebot", From: "jan@klant.test", Direction: DirectionIn, TextBody: body}}
	}
	if _, err := s.ImportBatch(u.ImapAccounts[0].ID, batch, time.Now()); err != nil {
		t.Fatal(err)
	}
	// The import indexed them itself, with the tokens made in Go
	// (pgBodyTokens); then the queue's indexer does it again in SQL
	// (pgDistinctTokens), as for a database upgraded from schema 4.
	if n := indexed(t, s); n != int64(len(bodies)) {
		t.Fatalf("indexed by the import: %d, want %d", n, len(bodies))
	}
	compareWithWholeDoc(t, s, bodies, "in the import")
	for _, stmt := range []string{`DELETE FROM message_search`, `INSERT INTO search_queue (message_id) SELECT id FROM messages`} {
		if err := s.db.Exec(stmt).Error; err != nil {
			t.Fatal(err)
		}
	}
	if n, err := s.IndexSearch(context.Background()); err != nil || n != len(bodies) {
		t.Fatalf("IndexSearch = %d, %v; want %d", n, err, len(bodies))
	}
	compareWithWholeDoc(t, s, bodies, "by the queue")
	var whole int
	s.db.Raw(`SELECT count(*) FROM messages WHERE strpos(text_body, '<') > 0`).Scan(&whole)
	t.Logf("%d of %d bodies have a '<' and go to the parser whole", whole, len(bodies))
}

// compareWithWholeDoc fails for each message whose indexed lexemes are
// not those of pgWholeDoc.
func compareWithWholeDoc(t *testing.T, s *Store, bodies []string, how string) {
	t.Helper()
	var differ []struct {
		UID       uint32
		Got, Want string
	}
	err := s.db.Raw(`SELECT m.uid, strip(s.doc)::text AS got, strip(` + pgWholeDoc + `)::text AS want
		FROM messages m JOIN message_search s ON s.message_id = m.id
		WHERE strip(s.doc) <> strip(` + pgWholeDoc + `) ORDER BY m.uid`).Scan(&differ).Error
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range differ {
		t.Errorf("indexed %s, body %d (%.40q): lexemes\n got %.300s\nwant %.300s", how, d.UID, bodies[d.UID-1], d.Got, d.Want)
	}
}
