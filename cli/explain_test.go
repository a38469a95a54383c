package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"postbridge/app"
	"postbridge/mail/imapsync"
)

// The command line explains itself: each mistake an admin makes gives
// one line on stderr that says what is wrong and what to do, no clause
// twice, and the exit code scripts rely on.
func TestExplainCommandLines(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir) // a refused --db must not leave a file behind here
	db := filepath.Join(dir, "p.db")
	settings := writeFile(t, dir, "s.json", `{
	  "company": {"name": "Acme", "smtp": {"host": "mail.acme.test", "port": 587, "security": "starttls",
	              "auth": true, "username": "info@acme.test"}},
	  "users": [{"name": "Alice", "email": "alice@acme.test"}]}`)
	if r := run(t, "", "--db", db, "settings", "import", settings); r.code != ExitOK {
		t.Fatalf("import: %+v", r)
	}
	typo := writeFile(t, dir, "typo.json", "{\"company\": {\"name\": \"Acme\",\n  \"smtp\": {\"secruity\": \"tls\"}}}")
	short := writeFile(t, dir, "short.json", "{\"company\": {\"name\": \"Acme\"")
	port := writeFile(t, dir, "port.json", "{\"company\": {\"name\": \"Acme\",\n  \"smtp\": {\"port\": \"587\"}}}")
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	tests := []struct {
		args   []string
		code   int
		stderr string // the whole of stderr
	}{
		{nil, ExitFailure, "postbridge: there is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set): " +
			"on a server or over SSH use a command such as postbridge sync or postbridge status (postbridge --help lists them)\n"},
		{[]string{"--db", "mysql://x", "status"}, ExitFailure,
			"postbridge: Postbridge cannot open a mysql:// database: give --db or POSTBRIDGE_DB a SQLite file path or a postgres:// URL\n"},
		{[]string{"status", "--db", "sqlserver://sa:pw@db/x"}, ExitFailure,
			"postbridge: Postbridge cannot open a sqlserver:// database: give --db or POSTBRIDGE_DB a SQLite file path or a postgres:// URL\n"},
		{[]string{"status", "--db", db, "--json"}, ExitOK, ""},
		{[]string{"settings", "export", "-", "--lang", "nl", "--db=" + db}, ExitOK, ""},
		{[]string{"check", "imap", "--user", "Nobody", "--db", db}, ExitFailure,
			`postbridge: there is no user "Nobody": check the name as the Users screen or postbridge status shows it` + "\n"},
		{[]string{"--db", db, "send-test", "--user", "alice"}, ExitFailure,
			`postbridge: there is no user "alice"; did you mean "Alice"? (user names are case-sensitive)` + "\n"},
		{[]string{"--db", db, "signin", "--company", "smtp", "--no-browser"}, ExitFailure,
			"postbridge: this login uses a password: choose OAuth2 as its authentication first\n"},
		{[]string{"--db", db, "domain", "validate", "acme.test"}, ExitUsage,
			"postbridge: domain validate needs the domain, --from (an address in it) and --to (an address whose mail you read): " +
				"postbridge domain validate acme.test --from info@acme.test --to you@example.com\n"},
		{[]string{"--db", db, "domain", "verify", "acme.test"}, ExitUsage,
			`postbridge: unknown domain command "verify": use validate, confirm, list, check, disable, enable, exclude or delete` + "\n"},
		{[]string{"--db", db, "settings", "export", filepath.Join(dir, "gone", "s.json")}, ExitFailure,
			"postbridge: cannot write " + filepath.Join(dir, "gone", "s.json") + ": the folder " + filepath.Join(dir, "gone") +
				" does not exist; create it or choose another one\n"},
		// The temporary file the export writes first fails its rename onto
		// a folder; the sentence names the folder, not that file.
		{[]string{"--db", db, "settings", "export", dir}, ExitFailure,
			"postbridge: cannot write " + dir + ": it is a folder; give a file name, such as " + filepath.Join(dir, "settings.json") + "\n"},
		{[]string{"--db", db, "settings", "import", filepath.Join(dir, "nope.json")}, ExitFailure,
			"postbridge: file not found: " + filepath.Join(dir, "nope.json") + "; check the path of the settings file\n"},
		{[]string{"--db", db, "settings", "import", typo}, ExitFailure,
			`postbridge: company.smtp.secruity: unknown field (line 2); did you mean "security"?` + "\n"},
		{[]string{"--db", db, "settings", "import", port}, ExitFailure,
			`postbridge: company.smtp.port: "587" is not a whole number (line 2)` + "\n"},
		{[]string{"--db", db, "settings", "import", short}, ExitFailure,
			"postbridge: invalid settings: line 1: unexpected EOF\n"},
		// Offline: a DNS server that does not answer (nothing listens on
		// port 9) is the network's fault, not the domain's.
		{[]string{"autoconfig", "alice@example.nl"}, ExitFailure,
			"postbridge: no name server answered, so nothing could be looked up: check the network connection " +
				"(and the DNS server or VPN), then find the settings again: example.nl\n"},
	}
	t.Setenv("POSTBRIDGE_RESOLVER", "127.0.0.1:9")
	for _, tt := range tests {
		r := run(t, "", tt.args...)
		if r.code != tt.code || r.stderr != tt.stderr {
			t.Errorf("postbridge %s\n got exit %d, stderr %q\nwant exit %d, stderr %q", strings.Join(tt.args, " "), r.code, r.stderr, tt.code, tt.stderr)
		}
		if clause := repeatedClause(r.stderr); clause != "" {
			t.Errorf("postbridge %s says %q twice: %q", strings.Join(tt.args, " "), clause, r.stderr)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.Name(), "mysql") || strings.Contains(e.Name(), "sqlserver") {
			t.Errorf("a refused --db left %q behind", e.Name())
		}
	}
}

// repeatedClause is a clause (text between ':' or ';') that a line says
// twice, as in `not found: user "Nobody": user: not found`; "" when none.
func repeatedClause(line string) string {
	seen := map[string]bool{}
	for _, c := range strings.FieldsFunc(line, func(r rune) bool { return r == ':' || r == ';' || r == '\n' }) {
		c = strings.TrimSpace(c)
		if c == "" || c == "postbridge" {
			continue
		}
		if seen[c] {
			return c
		}
		seen[c] = true
	}
	return ""
}

func TestExplainRepeatedClause(t *testing.T) {
	tests := []struct{ line, want string }{
		{`postbridge: not found: user "Nobody": user: not found`, "not found"},
		{"postbridge: this login uses a password: choose OAuth2: this login uses a password", "this login uses a password"},
		{"postbridge: the server refused the user name or password: 127.0.0.1:143: authentication failed", ""},
	}
	for _, tt := range tests {
		if got := repeatedClause(tt.line); got != tt.want {
			t.Errorf("repeatedClause(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

// sync --watch names the user and the account on every line, also for an
// account with a description of its own.
func TestExplainWatchLabels(t *testing.T) {
	accounts := []app.AutoAccount{
		{ID: 3, User: "Alice", Name: "Inbox"},
		{ID: 4, User: "Bob", Name: "Inbox"},
		{ID: 5, User: "Carol", Name: "carol (Carol, #5)"},
	}
	byID, byName := watchLabels(accounts)
	wantID := map[uint]string{3: "Inbox (Alice, #3)", 4: "Inbox (Bob, #4)", 5: "carol (Carol, #5)"}
	for id, want := range wantID {
		if byID[id] != want {
			t.Errorf("label of #%d = %q, want %q", id, byID[id], want)
		}
	}
	if got, ok := byName["Inbox"]; ok {
		t.Errorf("a name two accounts share got the label %q", got)
	}
	if got := byName["carol (Carol, #5)"]; got != "carol (Carol, #5)" {
		t.Errorf("byName of Carol = %q", got)
	}
	e := relabel(imapsync.AccountDone{Source: imapsync.Source{AccountID: 4, Account: "Inbox"}}, byID)
	if got := e.Origin().Account; got != "Inbox (Bob, #4)" {
		t.Errorf("relabeled event names %q", got)
	}
}
