package cli

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// The whole flow a user starts with the Synchronize button, from the
// command line: settings with a pinned certificate, the password in the
// keyring, mail in In and Out, then sync and messages.
func TestSyncThenMessages(t *testing.T) {
	s := mailtest.Servers(t)
	mailtest.Keyring(t)
	u := s.NewUser(t)
	s.CreateMailbox(t, u, "Postbridge/In")
	s.CreateMailbox(t, u, "Postbridge/Out")
	s.Deliver(t, u, "Postbridge/In", []byte("From: Jan <jan@klant.test>\r\nTo: "+u.Address()+
		"\r\nSubject: =?utf-8?q?Offerte_=C3=BC?=\r\nMessage-ID: <in1@klant.test>\r\nDate: Tue, 24 Nov 2026 09:00:00 +0100\r\n\r\nHallo\r\n"))
	s.Deliver(t, u, "Postbridge/Out", []byte("From: "+u.Address()+"\r\nTo: piet@nergens.test\r\n"+
		"Subject: Antwoord\r\nMessage-ID: <out1@acme.test>\r\nDate: Tue, 24 Nov 2026 10:00:00 +0100\r\n"+
		"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b1\r\n\r\n"+
		"--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nDag\r\n"+
		"--b1\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"../../offerte.pdf\"\r\n"+
		"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQgdGVzdA==\r\n--b1--\r\n"))

	host, port, _ := net.SplitHostPort(s.IMAPS)
	key := "user/" + u.Name + "/imap"
	t.Cleanup(func() { storage.Keyring{}.Delete(key) })
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	attachments := t.TempDir()
	settings := writeFile(t, dir, "s.json", fmt.Sprintf(`{
	  "company": {"name": "Acme", "attachment_path": %q, "imap": {"host": %q, "port": %s, "security": "tls", "tls_fingerprint": %q}},
	  "users": [{"name": "Alice", "email": %q, "imap": [{"username": %q, "secret": %q, "mode": "transfer",
	             "inbox": "Postbridge/In", "outbox": "Postbridge/Out", "sent": "Sent"}]}],
	  "relations": [{"name": "Klant BV", "emails": ["jan@klant.test"]}]}`,
		attachments, host, port, s.CertFingerprint, u.Address(), u.Name, key))
	if r := run(t, "", "--db", db, "settings", "import", settings); r.code != ExitOK {
		t.Fatalf("import: %+v", r)
	}
	if r := run(t, u.Password+"\n", "secret", "set", key); r.code != ExitOK {
		t.Fatalf("secret set: %+v", r)
	}
	r := run(t, "", "--db", db, "sync", "--user", "Alice", "--json")
	if r.code != ExitOK {
		t.Fatalf("sync: %+v", r)
	}
	var rows []syncRow
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil || len(rows) != 1 {
		t.Fatalf("sync --json printed %q (%v)", r.stdout, err)
	}
	if c := rows[0].SyncCounts; c.Imported != 2 || c.Moved != 2 || c.Linked != 1 || c.Unlinked != 1 {
		t.Errorf("counts %+v, want 2 imported and moved, 1 linked, 1 unlinked", c)
	}
	r = run(t, "", "--db", db, "messages", "--json")
	var msgs []messageRow
	if err := json.Unmarshal([]byte(r.stdout), &msgs); err != nil || len(msgs) != 2 {
		t.Fatalf("messages --json printed %q (%v)", r.stdout, err)
	}
	byID := map[string]messageRow{}
	for _, m := range msgs {
		byID[m.MessageID] = m
	}
	in, out := byID["in1@klant.test"], byID["out1@acme.test"]
	if in.Direction != "in" || in.Folder != "Postbridge/In" || strings.Join(in.Relations, ",") != "Klant BV" || in.Subject != "Offerte ü" {
		t.Errorf("incoming message row %+v", in)
	}
	if out.Direction != "out" || len(out.Relations) != 0 || len(out.Attachments) != 1 {
		t.Fatalf("outgoing message row %+v", out)
	}
	// The hostile name lost its path; the file lies under the attachment path.
	if filepath.Base(out.Attachments[0]) != "offerte.pdf" {
		t.Errorf("attachment saved as %q", out.Attachments[0])
	}
	data, err := os.ReadFile(filepath.Join(attachments, filepath.FromSlash(out.Attachments[0])))
	if err != nil || string(data) != "%PDF-1.4 test" {
		t.Errorf("attachment file: %q, %v", data, err)
	}
	if r := run(t, "", "--db", db, "sync", "--user", "Nobody"); r.code != ExitFailure || !strings.Contains(r.stderr, "Nobody") {
		t.Errorf("sync of an unknown user: %+v", r)
	}
}

// The folder menu of manual 001 from the command line, on a mirror account.
func TestFolderMenu(t *testing.T) {
	s := mailtest.Servers(t)
	mailtest.Keyring(t)
	u := s.NewUser(t)
	for i := 1; i <= 2; i++ {
		s.Deliver(t, u, "INBOX", []byte(fmt.Sprintf("From: jan@klant.test\r\nTo: %s\r\nSubject: Vraag %d\r\n"+
			"Message-ID: <v%d@klant.test>\r\nDate: Tue, 24 Nov 2026 09:00:00 +0100\r\n\r\nHallo\r\n", u.Address(), i, i)))
	}
	s.Deliver(t, u, "ProjektPro/210-01 Musterprojekt", []byte("From: piet@bouw.test\r\nTo: "+u.Address()+
		"\r\nSubject: Plan\r\nMessage-ID: <p1@bouw.test>\r\nDate: Tue, 24 Nov 2026 09:00:00 +0100\r\n\r\nPlan\r\n"))
	host, port, _ := net.SplitHostPort(s.IMAPS)
	key := "user/" + u.Name + "/imap"
	t.Cleanup(func() { storage.Keyring{}.Delete(key) })
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	settings := func(relations string) string {
		return writeFile(t, dir, "s.json", fmt.Sprintf(`{
	  "company": {"name": "Acme", "imap": {"host": %q, "port": %s, "security": "tls", "tls_fingerprint": %q}},
	  "users": [{"name": "Alice", "email": %q, "imap": [{"username": %q, "secret": %q, "mode": "mirror", "sent": "Sent"}]}],
	  "projects": [{"number": "210-01", "description": "Musterprojekt"}],
	  "relations": [%s]}`, host, port, s.CertFingerprint, u.Address(), u.Name, key, relations))
	}
	if r := run(t, "", "--db", db, "settings", "import", settings("")); r.code != ExitOK {
		t.Fatalf("import: %+v", r)
	}
	if r := run(t, u.Password+"\n", "secret", "set", key); r.code != ExitOK {
		t.Fatalf("secret set: %+v", r)
	}
	r := run(t, "", "--db", db, "sync", "--user", "Alice", "--json")
	var rows []syncRow
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil || len(rows) != 1 || rows[0].SyncCounts.Imported != 3 || rows[0].SyncCounts.Linked != 1 {
		t.Fatalf("mirror sync: %+v (%v); want 3 imported, the project mail linked", r, err)
	}
	run(t, "", "--db", db, "settings", "import", settings(`{"name": "Klant BV", "emails": ["jan@klant.test"]}`))
	steps := []struct {
		args []string
		want string
	}{
		{[]string{"folders", "reindex", "--user", "Alice", "--folder", "INBOX"}, "INBOX: imported 2, linked 2,"},
		{[]string{"folders", "purge", "--user", "Alice", "--folder", "INBOX"}, "purged 1"},
		{[]string{"folders", "download", "--user", "Alice", "--folder", "INBOX"}, "imported 0"},
	}
	for i, st := range steps {
		if i == 1 {
			s.Doveadm(t, nil, "flags", "add", "-u", u.Name, `\Deleted`, "mailbox", "INBOX", "uid", "1")
		}
		r := run(t, "", append([]string{"--db", db}, st.args...)...)
		if r.code != ExitOK || !strings.Contains(r.stdout, st.want) {
			t.Errorf("%v: %+v; want %q", st.args, r, st.want)
		}
	}
	if n := s.Count(t, u, "INBOX"); n != 1 {
		t.Errorf("INBOX has %d after purge, want 1", n)
	}
	if r := run(t, "", "--db", db, "folders", "reindex", "--user", "Alice"); r.code != ExitUsage {
		t.Errorf("reindex without --folder: exit %d, want usage", r.code)
	}
}
