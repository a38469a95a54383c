package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"postbridge/domain"
)

// The README is the admin's guide; these tests hold it to the program, so
// that an example that no longer works fails the build rather than an
// admin: every settings block imports, every command shown exists with
// every flag it uses, and the commands that need no server run.

// readmeBlock is a fenced block of the README: its info string ("json"),
// its text without the fence's indentation, and the line it starts on.
type readmeBlock struct {
	lang, text string
	line       int
}

// readmePath is absolute: a test may change its working directory.
var readmePath, _ = filepath.Abs("../README.md")

func readme(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

var fence = regexp.MustCompile("^( *)```(\\w*)\\s*$")

// readmeBlocks splits the README into fenced blocks and the text between
// them (lang "" and line numbers alike; prose has lang "prose").
func readmeBlocks(text string) []readmeBlock {
	var out []readmeBlock
	lines := strings.Split(text, "\n")
	cur := readmeBlock{lang: "prose", line: 1}
	indent, in := "", false
	var body []string
	for i, l := range lines {
		if m := fence.FindStringSubmatch(l); m != nil && (!in || m[1] == indent) {
			cur.text = strings.Join(body, "\n")
			out = append(out, cur)
			body = nil
			if in {
				cur = readmeBlock{lang: "prose", line: i + 2}
			} else {
				cur = readmeBlock{lang: m[2], line: i + 2}
				indent = m[1]
			}
			in = !in
			continue
		}
		body = append(body, strings.TrimPrefix(l, indent))
	}
	cur.text = strings.Join(body, "\n")
	return append(out, cur)
}

// settingsDocument reports whether the JSON object doc starts with a
// key of the settings file.
func settingsDocument(doc string) bool {
	rest := strings.TrimSpace(strings.TrimPrefix(doc, "{"))
	for _, key := range []string{"company", "mail_servers", "users", "relations", "projects", "domains", "roles"} {
		if strings.HasPrefix(rest, `"`+key+`"`) {
			return true
		}
	}
	return false
}

// fragmentDocs put a settings fragment ("imap": {...}) where the README
// says it belongs, so that it is imported as a whole file would be.
var fragmentDocs = map[string]string{
	`"imap"`: `{"company": {"name": "Acme", %s}}`,
	`"smtp"`: `{"users": [{"name": "Alice", "email": "alice@acme.test",
	            "imap": [{"username": "alice", "mode": "transfer", "inbox": "INBOX", %s}]}]}`,
}

// readmeSettings are the README's settings examples as whole documents.
func readmeSettings(t *testing.T) []readmeBlock {
	var out []readmeBlock
	for _, b := range readmeBlocks(readme(t)) {
		if b.lang != "json" {
			continue
		}
		doc := strings.TrimSpace(b.text)
		if strings.HasPrefix(doc, "{") && !settingsDocument(doc) {
			continue // an API answer or a webhook's body, not settings
		}
		if !strings.HasPrefix(doc, "{") {
			key, _, _ := strings.Cut(doc, ":")
			wrap, ok := fragmentDocs[key]
			if !ok {
				t.Errorf("README line %d: a settings fragment %s this test does not know where to put: add it to fragmentDocs", b.line, key)
				continue
			}
			doc = fmt.Sprintf(wrap, doc)
		}
		out = append(out, readmeBlock{lang: "json", text: doc, line: b.line})
	}
	if len(out) < 3 {
		t.Fatalf("found %d settings examples in the README, want the file and its two fragments", len(out))
	}
	return out
}

func TestREADMESettingsImport(t *testing.T) {
	dir := t.TempDir()
	for _, b := range readmeSettings(t) {
		db := filepath.Join(dir, fmt.Sprintf("line%d.db", b.line))
		file := writeFile(t, dir, fmt.Sprintf("line%d.json", b.line), b.text)
		if r := run(t, "", "--db", db, "settings", "import", file); r.code != ExitOK {
			t.Errorf("README line %d: settings import = exit %d: %s", b.line, r.code, r.stderr)
			continue
		}
		// Importing the export changes nothing: the example says what it means.
		exp := run(t, "", "--db", db, "settings", "export", "-")
		again := writeFile(t, dir, fmt.Sprintf("line%d.export.json", b.line), exp.stdout)
		if r := run(t, "", "--db", db, "settings", "import", again); r.code != ExitOK {
			t.Errorf("README line %d: re-importing its export = exit %d: %s", b.line, r.code, r.stderr)
		}
		checkDefaultKeys(t, b)
	}
}

// checkDefaultKeys: a user's "secret" in an example is the key Postbridge
// would give it anyway, so an admin who copies it stores the password
// where Postbridge looks ("user/Alice/imap", not "user/alice/imap").
func checkDefaultKeys(t *testing.T, b readmeBlock) {
	var doc struct {
		Users []struct {
			Name string
			IMAP []struct{ Secret string } `json:"imap"`
		}
	}
	if err := json.Unmarshal([]byte(b.text), &doc); err != nil {
		t.Errorf("README line %d: %v", b.line, err)
		return
	}
	for _, u := range doc.Users {
		for i, acc := range u.IMAP {
			if want := domain.SecretUserIMAP(u.Name, i); acc.Secret != "" && acc.Secret != want {
				t.Errorf("README line %d: user %q's account %d has secret %q; Postbridge's own key is %q", b.line, u.Name, i, acc.Secret, want)
			}
		}
	}
}

// readmeCommand is one `postbridge ...` the README shows.
type readmeCommand struct {
	args []string // after "postbridge", placeholders and all
	line int
}

// postbridgeAt finds the program's name as a command starts with it: alone,
// at the end of a path (/usr/local/bin/postbridge, ...\postbridge.exe", .com").
var postbridgeAt = regexp.MustCompile(`(^|[\s"'/\\(])postbridge(\.exe|\.com)?(\\?")?(\s|$)`)

// readmeCommands finds every command in the README's code: fenced blocks
// (not JSON), indented blocks and inline code spans.
func readmeCommands(t *testing.T) []readmeCommand {
	var out []readmeCommand
	span := regexp.MustCompile("`([^`]+)`")
	for _, b := range readmeBlocks(readme(t)) {
		for i, l := range strings.Split(b.text, "\n") {
			var code []string
			switch {
			case b.lang == "json":
			case b.lang != "prose":
				code = []string{l}
			case strings.HasPrefix(l, "    "):
				code = []string{l}
			default:
				for _, m := range span.FindAllStringSubmatch(l, -1) {
					code = append(code, m[1])
				}
			}
			for _, c := range code {
				for _, args := range commandsIn(c) {
					out = append(out, readmeCommand{args, b.line + i})
				}
			}
		}
	}
	return out
}

// commandsIn returns the arguments after each "postbridge" in one line of
// code: up to a comment, a pipe, a redirection or a column of spaces (the
// reference's descriptions).
func commandsIn(code string) [][]string {
	var out [][]string
	for _, loc := range postbridgeAt.FindAllStringSubmatchIndex(code, -1) {
		if f := strings.Fields(code[:loc[3]]); len(f) > 0 && strings.Contains(f[len(f)-1], "://") {
			continue // the tail of a URL: postgres://postbridge@db/postbridge
		}
		// What stands before the word the program's name ends: a command
		// starts a line (or follows a prompt); a Unix path to it only as
		// the line's first word or a unit's ExecStart=; a Windows path in
		// quotes may hold spaces.
		word := code[:loc[3]]
		if i := strings.LastIndexAny(word, " \t"); i >= 0 {
			word = word[i+1:]
		}
		before := strings.TrimSpace(code[:loc[3]-len(word)])
		if p := code[loc[2]:loc[3]]; p != "\\" && p != `"` && before != "" && !strings.HasSuffix(before, "$") &&
			!strings.HasPrefix(word, "ExecStart=") {
			continue // a word among others: pg_dump -U postbridge postbridge, /var/lib/postbridge
		}
		rest := code[loc[8]:]
		for _, stop := range []string{"   ", " # ", " 2>", " >"} {
			if i := strings.Index(rest, stop); i >= 0 {
				rest = rest[:i]
			}
		}
		if i := pipeTo.FindStringIndex(rest); i != nil {
			rest = rest[:i[0]] // | more; not the | of [--smtp | --work]
		}
		out = append(out, splitArgs(rest))
	}
	return out
}

var pipeTo = regexp.MustCompile(`\s\|\s+[A-Za-z]`)

// splitArgs splits like a shell would, for the README's simple quoting.
func splitArgs(s string) []string {
	var out []string
	for _, f := range regexp.MustCompile(`"[^"]*"|\S+`).FindAllString(s, -1) {
		out = append(out, strings.Trim(f, `"`))
	}
	return out
}

// isPlaceholder: FILE, NAME, smtp|imap, "..." — to be filled in by the reader.
func isPlaceholder(a string) bool {
	return strings.ContainsAny(a, "|…") || strings.Contains(a, "...") || a == strings.ToUpper(a) && strings.ToLower(a) != a
}

// globalTakesValue are the program's own flags that take a value.
var globalTakesValue = map[string]bool{"db": true, "lang": true}

// shape is a command line read as the README writes it: the command, the
// flags used (without dashes), and whether it holds a placeholder.
func shape(args []string) (cmd []string, flags []string, placeholder bool) {
	for i := 0; i < len(args); i++ {
		a := strings.Trim(args[i], "[](),;.")
		switch {
		case a == "":
		case strings.HasPrefix(a, "-"):
			name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
			flags = append(flags, name)
			if globalTakesValue[name] && !hasValue && i+1 < len(args) {
				i++
				placeholder = placeholder || isPlaceholder(args[i])
			}
		case isPlaceholder(a):
			placeholder = true
		default:
			cmd = append(cmd, a)
		}
		if strings.ContainsAny(args[i], "[]|") {
			placeholder = true
		}
	}
	return cmd, flags, placeholder
}
