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
	"postbridge/mail/mailtest"
	"postbridge/storage"
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
// at the end of a path (/usr/local/bin/postbridge, ...\postbridge.exe").
var postbridgeAt = regexp.MustCompile(`(^|[\s"'/\\(])postbridge(\.exe)?(\\?")?(\s|$)`)

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

func TestREADMECommandsExist(t *testing.T) {
	list := readmeCommands(t)
	if len(list) < 30 {
		t.Fatalf("found %d commands in the README; the extraction is broken", len(list))
	}
	global := run(t, "", "--help").stdout
	helps := map[string]string{}
	for _, c := range list {
		words, flags, _ := shape(c.args)
		help := global
		if len(words) > 0 {
			name := words[0]
			if _, ok := commands[name]; !ok {
				if name != strings.ToUpper(name) { // COMMAND, a placeholder
					t.Errorf("README line %d: postbridge %s: no command %q", c.line, strings.Join(c.args, " "), name)
				}
				continue
			}
			if _, ok := helps[name]; !ok {
				r := run(t, "", name, "--help")
				if r.code != ExitOK {
					t.Errorf("postbridge %s --help = exit %d: %s", name, r.code, r.stderr)
				}
				helps[name] = r.stdout
			}
			help = helps[name] + global
			if verbs[name] && len(words) > 1 && !strings.Contains(helps[name], name+" "+words[1]) &&
				!strings.Contains(helps[name], words[1]+" ") && !strings.Contains(helps[name], "|"+words[1]) {
				t.Errorf("README line %d: postbridge %s: %q is not a %s command in its --help", c.line, strings.Join(c.args, " "), words[1], name)
			}
		}
		for _, f := range flags {
			if f != "help" && !strings.Contains(help, "  -"+f+" ") && !strings.Contains(help, "  -"+f+"\n") {
				t.Errorf("README line %d: postbridge %s: --%s is not in its --help", c.line, strings.Join(c.args, " "), f)
			}
		}
	}
}

// verbs are the commands whose second word is one of their own
// (settings export, domain list); their --help names each.
var verbs = map[string]bool{"settings": true, "secret": true, "check": true, "folders": true, "domain": true}

// runnable are the commands the README shows that need no mail server.
var runnable = map[string]bool{"settings export": true, "settings import": true, "status": true,
	"messages": true, "domain list": true, "secret credential": true, "": true}

// The README's examples that need no server run as written, on a database
// that holds the README's settings example.
func TestREADMECommandsRun(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	db := filepath.Join(dir, "p.db")
	t.Setenv(storage.EnvDB, db)
	full := readmeSettings(t)[0]
	if r := run(t, "", "settings", "import", writeFile(t, dir, "example.json", full.text)); r.code != ExitOK {
		t.Fatalf("README line %d: %s", full.line, r.stderr)
	}
	ran := 0
	for _, c := range readmeCommands(t) {
		words, _, placeholder := shape(c.args)
		key := strings.Join(words, " ")
		if len(words) > 1 && words[0] != "domain" {
			key = words[0] + " " + words[1]
		}
		line := strings.Join(c.args, " ")
		if placeholder || !runnable[key] || strings.Contains(line, "://") ||
			key == "" && !strings.Contains(line, "--version") && !strings.Contains(line, "--help") {
			continue // the window, a server, or a placeholder to fill in
		}
		if key == "settings import" {
			writeFile(t, dir, c.args[len(c.args)-1], full.text)
		}
		r := run(t, "", c.args...)
		if r.code != ExitOK {
			t.Errorf("README line %d: postbridge %s = exit %d: %s", c.line, strings.Join(c.args, " "), r.code, r.stderr)
		}
		ran++
	}
	if ran < 3 {
		t.Errorf("ran %d of the README's commands; want at least settings export, status and --version", ran)
	}
}

// The README's `secret set` of a name with spaces stores the password
// under the key the settings file uses for that name.
func TestREADMESecretSetWithSpaces(t *testing.T) {
	mailtest.Keyring(t)
	var example readmeCommand
	for _, c := range readmeCommands(t) {
		if len(c.args) == 3 && c.args[0] == "secret" && strings.Contains(c.args[2], " ") {
			example = c
		}
	}
	if example.args == nil {
		t.Fatal("the README shows no secret set of a name with spaces")
	}
	want := domain.SecretUserIMAP("Tineke de Vries", 0)
	t.Cleanup(func() { storage.Keyring{}.Delete(want) })
	r := run(t, "Pb-readme-secret\n", example.args...)
	if r.code != ExitOK || !strings.Contains(r.stderr, want) {
		t.Fatalf("README line %d: postbridge %q = %+v; want %s named", example.line, example.args, r, want)
	}
	if got, err := (storage.Keyring{}).Get(want); err != nil || got != "Pb-readme-secret" {
		t.Errorf("keyring %s = %q, %v", want, got, err)
	}
}

// The unit file the README shows is the one in the Linux package, and
// what it tells the admin to type is what `secret credential` prints.
func TestREADMEServiceUnitAndCredential(t *testing.T) {
	unit, err := os.ReadFile("../packaging/linux/postbridge-watch.service")
	if err != nil {
		t.Fatal(err)
	}
	var ini, sh []string
	for _, b := range readmeBlocks(readme(t)) {
		switch b.lang {
		case "ini":
			ini = append(ini, b.text)
		case "sh":
			sh = append(sh, b.text)
		}
	}
	if len(ini) != 1 || ini[0]+"\n" != string(unit) {
		t.Errorf("the README's unit file differs from packaging/linux/postbridge-watch.service:\n%q\n%q", ini, unit)
	}
	if strings.Contains(strings.ToLower(string(unit)), "password=") {
		t.Errorf("the unit file holds a password")
	}
	r := run(t, "", "secret", "credential", "user/Alice/imap")
	if r.code != ExitOK || len(sh) != 1 {
		t.Fatalf("secret credential = %+v; README sh blocks %d", r, len(sh))
	}
	for _, l := range strings.Split(sh[0], "\n") {
		if l != "" && !strings.HasPrefix(l, "#") && !strings.Contains(r.stdout, "  "+l+"\n") {
			t.Errorf("README says %q; secret credential prints:\n%s", l, r.stdout)
		}
	}
	// A name with a space: escaped once in the key and the file, and its
	// % doubled in the unit, where systemd reads % as a specifier.
	r = run(t, "", "secret", "credential", "user/Tineke de Vries/imap")
	for _, want := range []string{"--name=user.Tineke%20de%20Vries.imap - /etc/credstore.encrypted/user.Tineke%20de%20Vries.imap\n",
		"LoadCredentialEncrypted=user.Tineke%%20de%%20Vries.imap:/etc/credstore.encrypted/user.Tineke%%20de%%20Vries.imap\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("secret credential of a name with spaces lacks %q:\n%s", want, r.stdout)
		}
	}
}

// Every link of the README leads somewhere inside the repository: a
// heading of its own, or a file that exists — nothing outside it.
func TestREADMELinks(t *testing.T) {
	text := readme(t)
	anchors := map[string]bool{}
	slug := strings.NewReplacer(" ", "-")
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, "#") {
			h := strings.ToLower(strings.TrimSpace(strings.TrimLeft(l, "#")))
			h = regexp.MustCompile(`[^a-z0-9 _-]`).ReplaceAllString(h, "")
			anchors[slug.Replace(h)] = true
		}
	}
	links := regexp.MustCompile(`\]\(([^)\s]+)\)`).FindAllStringSubmatch(text, -1)
	if len(links) < 10 {
		t.Fatalf("found %d links; the pattern is broken", len(links))
	}
	for _, m := range links {
		target := m[1]
		switch {
		case strings.HasPrefix(target, "https://"):
		case strings.HasPrefix(target, "#"):
			if !anchors[target[1:]] {
				t.Errorf("README links to %s, which is no heading", target)
			}
		default:
			p := filepath.Join(filepath.Dir(readmePath), target)
			rel, err := filepath.Rel(filepath.Dir(readmePath), p)
			if err != nil || strings.HasPrefix(rel, "..") {
				t.Errorf("README links outside the repository: %s", target)
			} else if _, err := os.Stat(p); err != nil {
				t.Errorf("README links to %s: %v", target, err)
			}
		}
	}
	if regexp.MustCompile(`(^|[^.])\.\./`).MatchString(text) { // not ".../imap/1"
		t.Errorf("the README names a path outside the repository (../)")
	}
}
