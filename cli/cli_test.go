package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// result is what one run of the command line did.
type result struct {
	code           int
	stdout, stderr string
}

// run calls the command line in-process on the database db, with the real
// keyring, and fails the test if the window would have opened.
func run(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	stdio := IO{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb}
	window := func(*Env) error {
		t.Errorf("postbridge %v opened the window", args)
		return nil
	}
	code := Main(args, stdio, storage.Keyring{}, window)
	return result{code, out.String(), errb.String()}
}

func TestExitCodesAndHelp(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	tests := []struct {
		args []string
		code int
		out  string // expected in stdout
		err  string // expected in stderr
	}{
		{[]string{"--help"}, ExitOK, "Usage: postbridge", ""},
		{[]string{"settings", "--help"}, ExitOK, "settings import FILE", ""},
		{[]string{"secret", "-h"}, ExitOK, "secret set KEY", ""},
		{[]string{"messages", "--help"}, ExitOK, "messages [--json]", ""},
		{[]string{"frobnicate"}, ExitUsage, "", `unknown command "frobnicate"`},
		{[]string{"--nope"}, ExitUsage, "", "flag provided but not defined"},
		{[]string{"--db", db, "settings", "import"}, ExitUsage, "", "usage: postbridge settings"},
		{[]string{"--db", db, "settings", "import", "/does/not/exist.json"}, ExitFailure, "", "file not found"},
		{[]string{"secret", "set", "hunter2"}, ExitUsage, "", "must be a keyring key"},
	}
	for _, tt := range tests {
		r := run(t, "", tt.args...)
		if r.code != tt.code || !strings.Contains(r.stdout, tt.out) || !strings.Contains(r.stderr, tt.err) {
			t.Errorf("postbridge %v = exit %d\nstdout %q\nstderr %q\nwant exit %d, stdout with %q, stderr with %q",
				tt.args, r.code, r.stdout, r.stderr, tt.code, tt.out, tt.err)
		}
		if strings.Count(strings.TrimSpace(r.stderr), "\n") > 0 && tt.code != ExitOK {
			t.Errorf("postbridge %v: error is more than one line: %q", tt.args, r.stderr)
		}
	}
}

func TestSettingsImportErrorNamesFieldAndChangesNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	good := writeFile(t, dir, "good.json", `{"projects": [{"number": "1", "description": "kept"}], "users": []}`)
	bad := writeFile(t, dir, "bad.json", `{"projects": [{"number": "2", "description": "new"}],
		"users": [{"name": "Alice", "imap": [{"username": "a", "mode": "transfer", "inbox": "In",
		"host": "imap.test", "security": "tls", "port": 70000}]}]}`)
	if r := run(t, "", "--db", db, "settings", "import", good); r.code != ExitOK {
		t.Fatalf("import good: %+v", r)
	}
	r := run(t, "", "--db", db, "settings", "import", bad)
	want := "postbridge: users[0].imap[0].port: 70000 is not a port (1-65535)\n"
	if r.code != ExitFailure || r.stderr != want {
		t.Errorf("import bad = exit %d, stderr %q; want exit 1, %q", r.code, r.stderr, want)
	}
	exp := run(t, "", "--db", db, "settings", "export", "-")
	if strings.Contains(exp.stdout, `"new"`) || strings.Contains(exp.stdout, "Alice") || !strings.Contains(exp.stdout, `"kept"`) {
		t.Errorf("a refused import changed the settings:\n%s", exp.stdout)
	}
}

// Passwords live in the keyring only: a password stored with `secret set`
// is in neither the database file (with its WAL) nor the export.
func TestSecretNeverInDatabaseOrExport(t *testing.T) {
	mailtest.Keyring(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	password := "Pb-Secret-" + filepath.Base(dir)
	t.Cleanup(func() { storage.Keyring{}.Delete("company/smtp") })

	if r := run(t, password+"\n", "secret", "set", "company/smtp"); r.code != ExitOK {
		t.Fatalf("secret set: %+v", r)
	}
	if got, err := (storage.Keyring{}).Get("company/smtp"); err != nil || got != password {
		t.Fatalf("keyring holds %q, %v; want the password without its newline", got, err)
	}
	settings := writeFile(t, dir, "s.json", `{"company": {"name": "Acme", "smtp": {"host": "mail.acme.test",
		"port": 587, "security": "starttls", "auth": true, "username": "info@acme.test", "secret": "company/smtp"}}}`)
	if r := run(t, "", "--db", db, "settings", "import", settings); r.code != ExitOK {
		t.Fatalf("import: %+v", r)
	}
	export := filepath.Join(dir, "export.json")
	if r := run(t, "", "--db", db, "settings", "export", export); r.code != ExitOK {
		t.Fatalf("export: %+v", r)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "p.db*")) // the database with its WAL
	for _, f := range append(files, export) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(data, []byte(password)) {
			t.Errorf("%s contains the password", filepath.Base(f))
		}
	}
	data, _ := os.ReadFile(export)
	if !bytes.Contains(data, []byte(`"secret": "company/smtp"`)) {
		t.Errorf("export lacks the keyring key:\n%s", data)
	}
}

func TestMessagesEmpty(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	r := run(t, "", "--db", db, "messages", "--json")
	if r.code != ExitOK || strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("messages --json on an empty database = %+v, want []", r)
	}
	r = run(t, "", "--db", db, "messages")
	if r.code != ExitOK || !strings.Contains(r.stdout, "no messages") {
		t.Errorf("messages on an empty database = %+v", r)
	}
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReorderAsksTheFlagSet(t *testing.T) {
	fs := newFlagSet("t", IO{}, subUsage("t", ""))
	fs.String("user", "", "")
	fs.Bool("json", false, "")
	got := strings.Join(reorder(fs, []string{"imap", "--json", "list", "--user", "Alice", "x", "--", "-y"}), " ")
	if want := "--json --user Alice imap list x -y"; got != want {
		t.Errorf("reorder = %q, want %q", got, want)
	}
}
