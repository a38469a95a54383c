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
