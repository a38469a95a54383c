package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"postbridge/demo"
	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// What make demo does, against the real servers: demo-fill points the
// demo accounts at Dovecot with the pinned certificate and stores the
// password, the sample mails are delivered, and one sync imports, links
// and files them, with one message waiting for a person's choice.
func TestDemoFillThenSync(t *testing.T) {
	s := mailtest.Servers(t)
	mailtest.Keyring(t)
	password := s.NewUser(t).Password // the stack's shared password for "t..." logins
	for _, key := range []string{demo.SecretKey(demo.LoginTineke), demo.SecretKey(demo.LoginThijs), "company/smtp"} {
		key := key
		t.Cleanup(func() { storage.Keyring{}.Delete(key) })
	}
	dir := t.TempDir()
	db, attachments, mails := filepath.Join(dir, "demo.db"), filepath.Join(dir, "attachments"), filepath.Join(dir, "mails")
	if err := os.Mkdir(attachments, 0o755); err != nil {
		t.Fatal(err)
	}
	r := run(t, password+"\n", "--db", db, "demo-fill", "--imap", s.IMAPS, "--smtp", s.Submission,
		"--fingerprint", s.CertFingerprint, "--attachments", attachments, "--mails", mails)
	if r.code != ExitOK {
		t.Fatalf("demo-fill: %+v", r)
	}
	index, err := os.ReadFile(filepath.Join(mails, "index.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(index)), "\n")
	if len(lines) != len(demo.Mails()) {
		t.Fatalf("index.tsv has %d lines", len(lines))
	}
	for _, line := range lines {
		f := strings.Split(line, "\t")
		raw, err := os.ReadFile(f[2])
		if err != nil {
			t.Fatal(err)
		}
		s.Deliver(t, mailtest.User{Name: f[0]}, f[1], raw)
	}

	if r := run(t, "", "--db", db, "check", "imap", "--user", "Tineke de Vries"); r.code != ExitOK {
		t.Fatalf("check imap with the pinned certificate and stored password: %+v", r)
	}
	if r := run(t, "", "--db", db, "sync", "--json"); r.code != ExitOK {
		t.Fatalf("sync: %+v", r)
	}
	store, err := storage.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	all, _ := store.ListMessages(storage.MessageFilter{})
	waiting, _ := store.ListMessages(storage.MessageFilter{NeedsAttention: true})
	var linked, files int
	for _, m := range all {
		if len(m.Relations) > 0 || m.Project != nil {
			linked++
		}
		for _, a := range m.Attachments {
			if _, err := store.AttachmentFile(a); err == nil {
				files++
			}
		}
	}
	t.Logf("after sync: %d messages, %d need attention, %d linked, %d attachment files", len(all), len(waiting), linked, files)
	// All 12: In and Out of both logins and Thijs's ProjektPro folder; all
	// linked but the newsletter and the mail from the shared address.
	if len(all) != 12 || len(waiting) != 1 || linked != 10 || files != 6 {
		t.Errorf("after sync: %d messages, %d need attention, %d linked, %d attachment files", len(all), len(waiting), linked, files)
	}
	for _, m := range all {
		if strings.HasPrefix(m.Folder, "ProjektPro/") && (m.Project == nil || m.Project.Number != "2025-003") {
			t.Errorf("%q in %s: project %+v, want 2025-003 (manual 004)", m.Subject, m.Folder, m.Project)
		}
	}
	if n := s.Count(t, mailtest.User{Name: demo.LoginTineke}, demo.FolderIn); n != 0 {
		t.Errorf("%d mails left in Tineke's In after the transfer", n)
	}
}
