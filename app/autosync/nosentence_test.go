package autosync

import (
	"encoding/json"
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"postbridge/assets"
	"postbridge/storage"
)

// What the engine stores for a person to read is a problem (kind and
// arguments), never a sentence: a sync with a malformed mail (warnings),
// an address two relations share (attention), a message over the
// company's maximum size (refused) and a wrong password (a failing
// account) leaves no sentence of the English catalogue in any text
// column of the rows it wrote.
func TestNoEnglishSentenceIsStored(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "p.db")
	o := newOffice(t, 2, dsn, "")
	o.act.Secrets.(mapSecrets)["user/"+o.users[1].Name+"/imap"] = "wrong"
	c, err := o.store.Company()
	if err != nil {
		t.Fatal(err)
	}
	c.MaxMessageMB = 1
	if err := o.store.SaveCompany(&c); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Klant BV", "Klant Holding"} {
		r := storage.Relation{Name: name, Emails: []storage.RelationEmail{{Address: "gedeeld@klant.example"}}}
		if err := o.store.SaveRelation(&r); err != nil {
			t.Fatal(err)
		}
	}
	good := o.users[0]
	// No Date, no Message-ID, a charset nobody knows: warnings.
	o.s.Deliver(t, good, "INBOX", []byte("From: gedeeld@klant.example\r\nTo: "+good.Address()+"\r\nSubject: Offerte\r\n"+
		"Content-Type: text/plain; charset=x-onbekend\r\n\r\nTekst\r\n"))
	o.s.Deliver(t, good, "INBOX", append([]byte("From: jan@elders.example\r\nTo: "+good.Address()+"\r\nSubject: Tekening\r\n"+
		"Message-ID: <groot@elders.example>\r\nDate: Tue, 24 Nov 2026 10:00:00 +0100\r\n\r\n"), make([]byte, 2<<20)...))
	o.start(t, &Runner{Actions: o.act, Store: o.store})
	o.waitPass(t, 0)
	o.waitPass(t, 1)

	rows, err := o.store.HealthRows(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	var failing, warned, refused bool
	for _, r := range rows {
		failing = failing || !r.Problem.IsZero() && r.Problem.Kind == "auth_failed"
		warned = warned || r.Warnings > 0
		refused = refused || len(r.Refused) > 0
	}
	attention, err := o.store.ListMessages(storage.MessageFilter{NeedsAttention: true})
	if err != nil {
		t.Fatal(err)
	}
	if !failing || !warned || !refused || len(attention) != 1 {
		t.Fatalf("failing %v, warnings %v, refused %v, %d messages need attention; want all of them (rows %+v)",
			failing, warned, refused, len(attention), rows)
	}

	db, err := gorm.Open(sqlite.Open(dsn), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	phrases := catalogue(t)
	for _, table := range []string{"account_healths", "messages", "refused_messages"} {
		var list []map[string]any
		if err := db.Table(table).Find(&list).Error; err != nil || len(list) == 0 {
			t.Fatalf("%s: %d rows, %v", table, len(list), err)
		}
		for _, row := range list {
			for column, v := range row {
				text := strings.ToLower(cellText(v))
				for _, p := range phrases {
					if strings.Contains(text, p) {
						t.Errorf("%s.%s holds the English sentence %q: %q", table, column, p, text)
					}
				}
			}
		}
	}
}

// catalogue is every run of three or more words between the placeholders
// and the punctuation of the English translations, in lower case.
func catalogue(t *testing.T) []string {
	t.Helper()
	files, err := fs.Glob(assets.Translations, "translations/*.en.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no English translations: %v", err)
	}
	split := regexp.MustCompile(`\{\{[^}]*\}\}|[;:()\[\],.!?"'«»<>/·—]`)
	seen := map[string]bool{}
	var out []string
	for _, f := range files {
		b, err := fs.ReadFile(assets.Translations, f)
		if err != nil {
			t.Fatal(err)
		}
		var texts map[string]string
		if err := json.Unmarshal(b, &texts); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, text := range texts {
			for _, part := range split.Split(strings.ToLower(text), -1) {
				words := strings.Fields(part)
				if len(words) < 3 {
					continue
				}
				p := strings.Join(words, " ")
				if !seen[p] {
					seen[p] = true
					out = append(out, p)
				}
			}
		}
	}
	return out
}

func cellText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []byte:
		return string(v)
	}
	return ""
}
