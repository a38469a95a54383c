package storage

import (
	"reflect"
	"testing"
	"time"

	"postbridge/mail/mailtest"
	"postbridge/problem"
)

// COPY names its columns from gorm's model of Message (import_copy.go):
// every column of a message, each set here to something other than its
// zero value, reads back from PostgreSQL as it was given.
func TestPostgresCopyKeepsEveryColumn(t *testing.T) {
	s, err := Open(mailtest.Postgres(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
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
