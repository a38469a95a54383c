package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"postbridge/domain"
	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// The README's commands, its service unit and its links, held to the
// program (readme_test.go finds them).

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
			if strings.Contains(b.text, "systemd-creds") || strings.Contains(b.text, "LoadCredential") {
				sh = append(sh, b.text) // the service's credentials; other sh blocks are examples elsewhere
			}
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
