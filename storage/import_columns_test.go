package storage

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"postbridge/problem"
)

// The import names its columns from gorm's model of Message
// (messageColumns, for PostgreSQL's COPY and SQLite's prepared INSERT):
// every column of a message, each set here to something other than its
// zero value, reads back as it was given.
func TestImportKeepsEveryColumn(t *testing.T) {
	eachDB(t, testImportKeepsEveryColumn)
}

func testImportKeepsEveryColumn(t *testing.T, s *Store) {
	acc := bulkAccount(t, s)
	p := Project{Number: "210-01", Description: "Wohnanlage"}
	if err := s.SaveProject(&p); err != nil {
		t.Fatal(err)
	}
	// PostgreSQL keeps microseconds.
	now := time.Date(2026, 12, 7, 9, 30, 1, 123456000, time.UTC)
	want := Message{AccountID: acc, Folder: "In", UIDValidity: 7, UID: 42, MessageID: "<a@b>",
		SHA256: "sha", ContentHash: "content", Direction: DirectionOut, From: "jan@klant.test",
		To: "alice@example.test", Cc: "piet@klant.test", Date: now.Add(-time.Hour), Subject: "Offerte",
		TextBody: "Beste Alice", HTMLBody: "<p>Beste</p>", Raw: []byte("Subject: Offerte\r\n\r\nBeste Alice\r\n"),
		RawPack: "pack", RawOffset: 3, RawSize: 33, TextOffset: 4, TextSize: 11, Flags: `\Seen`,
		State: StateNeedsAttention, Attention: problem.List{problem.New(AttentionSharedAddress, "Address", "jan@klant.test")},
		ProjectID: &p.ID, ImportedAt: now}
	if _, err := s.ImportBatch(acc, []NewMessage{{Message: want}}, now); err != nil {
		t.Fatal(err)
	}
	var got Message
	if err := s.db.First(&got, "uid = ?", want.UID).Error; err != nil {
		t.Fatal(err)
	}
	// Not columns, or given by the import: the ID, associations, SearchWords.
	skip := map[string]bool{"ID": true, "Project": true, "Relations": true, "Attachments": true, "SearchWords": true}
	if s.kind == "sqlite" {
		// In the pack, which the import fills in (rawpack_test.go).
		for _, f := range []string{"Raw", "RawPack", "RawOffset", "RawSize", "TextBody", "TextOffset", "TextSize", "HTMLBody"} {
			skip[f] = true
		}
		if raw, err := s.RawMessage(got.ID); err != nil || !bytes.Equal(raw, want.Raw) {
			t.Errorf("raw message %q (%v), want %q", raw, err, want.Raw)
		}
	}
	w, g := reflect.ValueOf(want), reflect.ValueOf(got)
	for i := 0; i < w.NumField(); i++ {
		name := w.Type().Field(i).Name
		if skip[name] {
			continue
		}
		if w.Field(i).IsZero() {
			t.Errorf("%s is not set in the test's message: set it, so that the test sees it stored", name)
			continue
		}
		wv, gv := w.Field(i).Interface(), g.Field(i).Interface()
		if wt, ok := wv.(time.Time); ok {
			if !wt.Equal(gv.(time.Time)) {
				t.Errorf("%s = %v, want %v", name, gv, wv)
			}
			continue
		}
		if !reflect.DeepEqual(wv, gv) {
			t.Errorf("%s = %#v, want %#v", name, gv, wv)
		}
	}
}
