package demo

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"postbridge/app"
	"postbridge/mail/mailtest"
	"postbridge/mail/message"
	"postbridge/storage"
)

// eachDB runs test on a fresh SQLite file and a fresh PostgreSQL database.
func eachDB(t *testing.T, test func(t *testing.T, s *storage.Store)) {
	t.Run("sqlite", func(t *testing.T) {
		s, err := storage.Open(filepath.Join(t.TempDir(), "demo.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		test(t, s)
	})
	t.Run("postgres", func(t *testing.T) {
		s, err := storage.Open(mailtest.Postgres(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		test(t, s)
	})
}

func TestFillMakesTheOffice(t *testing.T) {
	eachDB(t, func(t *testing.T, s *storage.Store) {
		for round := 1; round <= 2; round++ { // a second fill changes nothing
			if err := Fill(s); err != nil {
				t.Fatalf("fill %d: %v", round, err)
			}
			c, _ := s.Company()
			users, _ := s.Users()
			roles, _ := s.Roles()
			servers, _ := s.MailServers()
			rels, _ := s.Relations("")
			projects, _ := s.Projects("")
			got := []int{len(users), len(roles), len(servers), len(rels), len(projects)}
			if c.Name != "Bouwbedrijf De Vries B.V." || !equalInts(got, []int{3, 3, 2, 8, 3}) {
				t.Errorf("round %d: company %q, users/roles/servers/relations/projects = %v", round, c.Name, got)
			}
		}
		tineke, err := s.UserByName("Tineke de Vries")
		if err != nil || tineke.Role == nil || tineke.Role.Name != "Directie" || len(tineke.ImapAccounts) != 1 ||
			tineke.ImapAccounts[0].Username != LoginTineke || tineke.ImapAccounts[0].SecretKey != SecretKey(LoginTineke) {
			t.Errorf("Tineke: %+v, %v", tineke, err)
		}
		if shared, _ := s.Relations(SharedAddress); len(shared) != 2 {
			t.Errorf("%d relations share %s, want 2 (the needs-attention case)", len(shared), SharedAddress)
		}
	})
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// The sample mails parse cleanly, are the same on every call, and come
// from or go to the demo relations, so a Synchronize links most of them.
func TestMailsParseAndLink(t *testing.T) {
	mails := Mails()
	if len(mails) != 12 {
		t.Fatalf("%d mails, want a dozen", len(mails))
	}
	again := Mails()
	known := map[string]bool{}
	for _, r := range relations() {
		for _, e := range r.Emails {
			known[e] = true
		}
	}
	var attachments, linked, shared int
	folders := map[string]int{}
	for i, m := range mails {
		if !bytes.Equal(m.Raw, again[i].Raw) {
			t.Errorf("mail %d differs between calls", i)
		}
		p := message.Parse(m.Raw)
		if len(p.Warnings) > 0 || p.From.Addr == "" || p.Subject == "" || p.Date.Year() != 2024 || p.MessageID == "" || p.Text == "" {
			t.Errorf("mail %d (%s): from %q date %v warnings %v", i, p.Subject, p.From.Addr, p.Date, p.Warnings)
		}
		for _, a := range p.Attachments {
			if a.ContentType != "application/pdf" || !strings.HasSuffix(a.FileName, ".pdf") || a.Size < 300 {
				t.Errorf("mail %d attachment %+v", i, a)
			}
		}
		attachments += len(p.Attachments)
		folders[m.Folder]++
		addresses := []message.Address{p.From}
		if m.Folder == FolderOut {
			addresses = append(p.To, p.Cc...)
		}
		for _, a := range addresses {
			if known[a.Normalized()] {
				linked++
				break
			}
		}
		if p.From.Normalized() == SharedAddress {
			shared++
		}
	}
	if attachments < 4 || folders[FolderIn] < 6 || folders[FolderOut] < 3 || len(folders) != 3 || shared != 1 || linked < 10 {
		t.Errorf("attachments %d, folders %v, from the shared address %d, linked %d", attachments, folders, shared, linked)
	}
}

func TestImportedAsIfSynchronized(t *testing.T) {
	store, err := storage.Open(filepath.Join(t.TempDir(), "d.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if err := Fill(store); err != nil {
		t.Fatal(err)
	}
	a := &app.Actions{Store: store}
	if err := Imported(a); err != nil {
		t.Fatal(err)
	}
	list, err := store.ListMessages(storage.MessageFilter{})
	if err != nil || len(list) != len(Mails()) {
		t.Fatalf("%d messages stored (%v), want %d", len(list), err, len(Mails()))
	}
	linked, attention := 0, 0
	for _, m := range list {
		if len(m.Relations) > 0 || m.Project != nil {
			linked++
		}
		if m.State == storage.StateNeedsAttention {
			attention++
		}
	}
	if linked == 0 || attention == 0 {
		t.Errorf("demo messages: %d linked, %d need attention; the screens need both", linked, attention)
	}
}
