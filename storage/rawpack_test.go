package storage

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Raw messages come back byte for byte, from a pack file on SQLite (one
// file for the batch, the rows not carrying the bytes) and from the row on
// PostgreSQL; a duplicate does not reach the pack.
func TestImportBatchKeepsRawMessages(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		raws := [][]byte{[]byte("Subject: one\r\n\r\nfirst\r\n"), []byte("Subject: two\r\n\r\nsecond, longer\r\n"), {}}
		var batch []NewMessage
		for i, r := range raws {
			batch = append(batch, NewMessage{Message: Message{Folder: "In", UIDValidity: 7, UID: uint32(i + 1),
				SHA256: string(rune('a' + i)), Raw: r, RawSize: int64(len(r)), Direction: DirectionIn}})
		}
		dup := batch[0]
		dup.UID = 9
		batch = append(batch, dup)
		res, err := s.ImportBatch(1, batch, time.Now())
		if err != nil || res.Imported != 3 || res.Duplicates != 1 {
			t.Fatalf("import: %+v, %v", res, err)
		}
		var rows []Message
		if err := s.db.Order("uid").Find(&rows).Error; err != nil {
			t.Fatal(err)
		}
		for i, m := range rows {
			got, err := s.RawMessage(m.ID)
			if err != nil || !bytes.Equal(got, raws[i]) {
				t.Errorf("message %d: raw %q, %v; want %q", m.UID, got, err, raws[i])
			}
			if s.Kind() == "sqlite" && (m.Raw != nil || m.RawPack == "") {
				t.Errorf("message %d: %d raw bytes in the row, pack %q", m.UID, len(m.Raw), m.RawPack)
			}
		}
		if s.Kind() == "sqlite" {
			packs, _ := filepath.Glob(filepath.Join(s.rawDir, "*.pack"))
			fi, err := os.Stat(packs[0])
			if len(packs) != 1 || err != nil || fi.Size() != int64(len(raws[0])+len(raws[1])) {
				t.Errorf("packs %v (%v): want one of %d bytes", packs, err, len(raws[0])+len(raws[1]))
			}
		}
	})
}

// A row from schema 1 carries its raw message itself; it still reads.
func TestRawMessageOfAnOlderRow(t *testing.T) {
	s := openTemp(t)
	old := Message{AccountID: 1, Folder: "In", UIDValidity: 1, UID: 1, SHA256: "x", Raw: []byte("Subject: old\r\n\r\n")}
	if err := s.db.Create(&old).Error; err != nil {
		t.Fatal(err)
	}
	if got, err := s.RawMessage(old.ID); err != nil || string(got) != "Subject: old\r\n\r\n" {
		t.Errorf("raw %q, %v", got, err)
	}
}

// The text body of a packed row lies in the pack after its raw message
// (schema 3): the row's column stays empty, and every reader gets the
// text — the detail pane, the message list, the search.
func TestTextBodyInThePack(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		raw := []byte("Subject: offerte\r\n\r\nDe betonmixer komt dinsdag.\r\n")
		batch := []NewMessage{{Message: Message{Folder: "In", UIDValidity: 7, UID: 1, SHA256: "t",
			Raw: raw, RawSize: int64(len(raw)), Direction: DirectionIn, Subject: "offerte",
			TextBody: "De betonmixer komt dinsdag.", HTMLBody: "<p>De betonmixer komt dinsdag.</p>"}}}
		if _, err := s.ImportBatch(1, batch, time.Now()); err != nil {
			t.Fatal(err)
		}
		var row Message
		if err := s.db.First(&row).Error; err != nil {
			t.Fatal(err)
		}
		if s.Kind() == "sqlite" && (row.TextBody != "" || row.HTMLBody != "" || row.TextSize == 0) {
			t.Errorf("row keeps text %q, HTML %q (text size %d)", row.TextBody, row.HTMLBody, row.TextSize)
		}
		if got, _ := s.RawMessage(row.ID); !bytes.Equal(got, raw) {
			t.Errorf("raw %q", got)
		}
		m, err := s.MessageByID(row.ID)
		if err != nil || m.TextBody != "De betonmixer komt dinsdag." {
			t.Errorf("MessageByID text %q, %v", m.TextBody, err)
		}
		list, err := s.ListMessages(MessageFilter{})
		if err != nil || len(list) != 1 || list[0].TextBody != m.TextBody {
			t.Errorf("ListMessages: %+v, %v", list, err)
		}
		if n, err := s.CountMessages(MessageQuery{Search: "betonmix"}); err != nil || n != 1 {
			t.Errorf("search for a word of the text: %d, %v", n, err)
		}
	})
}

// A pack written ahead of its commit (PackRaw, while the batch before
// commits) is what the rows name; it is removed again when no row comes
// to name it: a batch of duplicates only, or a transaction that fails.
func TestPackRawAheadOfTheCommit(t *testing.T) {
	s := openTemp(t)
	packs := func() []string {
		p, _ := filepath.Glob(filepath.Join(s.rawDir, "*.pack"))
		return p
	}
	msg := func(uid uint32, sha, raw string) NewMessage {
		return NewMessage{Message: Message{Folder: "In", UIDValidity: 7, UID: uid, SHA256: sha,
			Raw: []byte(raw), RawSize: int64(len(raw)), TextBody: "text " + sha, Direction: DirectionIn}}
	}
	importAhead := func(batch []NewMessage) (ImportResult, error) {
		t.Helper()
		if _, err := s.PackRaw(batch); err != nil {
			t.Fatal(err)
		}
		for _, m := range batch {
			if m.Raw != nil || m.RawPack == "" {
				t.Fatalf("message %d after PackRaw: %d raw bytes, pack %q", m.UID, len(m.Raw), m.RawPack)
			}
		}
		return s.ImportBatch(1, batch, time.Now())
	}

	res, err := importAhead([]NewMessage{msg(1, "a", "Subject: one\r\n\r\nfirst\r\n")})
	if err != nil || res.Imported != 1 || len(packs()) != 1 {
		t.Fatalf("first batch: %+v, %v, packs %v", res, err, packs())
	}
	var row Message
	if err := s.db.First(&row, "uid = 1").Error; err != nil {
		t.Fatal(err)
	}
	if got, err := s.RawMessage(row.ID); err != nil || string(got) != "Subject: one\r\n\r\nfirst\r\n" {
		t.Errorf("raw %q, %v", got, err)
	}

	res, err = importAhead([]NewMessage{msg(2, "a", "Subject: one\r\n\r\nfirst\r\n")})
	if err != nil || res.Duplicates != 1 || len(packs()) != 1 {
		t.Errorf("a batch of duplicates: %+v, %v, packs %v (want the first pack only)", res, err, packs())
	}

	// UID 1 again with other content: the unique index on the UID refuses it.
	if _, err = importAhead([]NewMessage{msg(1, "b", "Subject: other\r\n\r\n")}); err == nil {
		t.Fatal("a second row for UID 1 was accepted")
	}
	if len(packs()) != 1 {
		t.Errorf("after a failed commit: packs %v, want the first pack only", packs())
	}
}
