package mailtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The office-mail corpus a first import is judged on (BENCHMARKS.md):
// ../shared/bench/genmail.py beside the repository writes N messages as
// Maildir files, deterministic for a seed — 40 % with an HTML
// alternative, 10 % with a 50–300 KB attachment, encoded names, 97
// senders, CRLF line ends and file names without S= (the server has to
// compute RFC822.SIZE itself, as for mail that came by a migration).

// GenmailScript is genmail.py's path relative to the repository root.
const GenmailScript = "../shared/bench/genmail.py"

// genmailPath finds genmail.py relative to the repository that holds the
// working directory (a test runs in its package's directory) and fails
// the test, saying where it looked, when it is not there.
func genmailPath(t testing.TB) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	root := wd
	for {
		if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
			break
		}
		up := filepath.Dir(root)
		if up == root {
			t.Fatalf("genmail corpus: no go.mod above %s, so %s cannot be found", wd, GenmailScript)
		}
		root = up
	}
	script := filepath.Join(root, filepath.FromSlash(GenmailScript))
	if _, err := os.Stat(script); err != nil {
		t.Fatalf("genmail corpus: %s (the repository's %s) is missing: %v", script, GenmailScript, err)
	}
	return script
}

// Genmail writes n genmail messages for seed into the Maildir dir (its
// new/ folder) and returns their file names, in message order.
func Genmail(t testing.TB, dir string, n, seed int) []string {
	t.Helper()
	script := genmailPath(t)
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Fatalf("genmail corpus: python3 is needed to run %s: %v", script, err)
	}
	cmd := exec.Command(python, script, dir, strconv.Itoa(n), strconv.Itoa(seed))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("genmail corpus: %s: %v\n%s", script, err, out)
	}
	names := make([]string, n)
	// genmail names message i "<1700000000+i>.<i>.gen".
	for i := range names {
		names[i] = filepath.Join(dir, "new", strconv.Itoa(1_700_000_000+i)+"."+strconv.Itoa(i)+".gen")
		if _, err := os.Stat(names[i]); err != nil {
			t.Fatalf("genmail corpus: message %d: %v", i, err)
		}
	}
	return names
}

// FillMaildirGenmail writes n genmail messages for seed straight into the
// user's Maildir folder (creating it) and returns their total size. The
// names stay genmail's, without S= or W=.
func (s *Stack) FillMaildirGenmail(t testing.TB, user User, folder string, n, seed int) int64 {
	t.Helper()
	dir := filepath.Join(s.Dir, "mail", user.Name, "Maildir")
	if strings.EqualFold(folder, "INBOX") {
		// INBOX is the Maildir itself (Dovecot's layout here), which
		// Dovecot makes at the user's first login.
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		defer os.Chown(dir, 65534, 65534)
	} else {
		s.CreateMailbox(t, user, folder)
		dir = filepath.Join(dir, filepath.FromSlash(folder))
	}
	var total int64
	for _, name := range Genmail(t, dir, n, seed) {
		fi, err := os.Stat(name)
		if err != nil {
			t.Fatal(err)
		}
		total += fi.Size()
		os.Chown(name, 65534, 65534) // nobody:nogroup, as Dovecot's own files
	}
	for _, sub := range []string{"new", "cur", "tmp"} {
		os.Chown(filepath.Join(dir, sub), 65534, 65534)
	}
	return total
}
