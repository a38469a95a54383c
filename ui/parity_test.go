package ui

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// docs/manual-parity.md is what testers tick through beside the manuals;
// its labels are copied from the translation files. This test keeps the
// two in step: a label here that no longer matches its key's text, a
// missing key, a row without a status or an unknown screenshot fails.

// parityLanguages: the language each manual is written in.
var parityLanguages = map[string]string{"000": "nl", "001": "nb", "002": "nl", "003": "nl", "004": "de"}

// parityScreenshots are the files `postbridge screenshots` writes.
var parityScreenshots = strings.Fields(`01-company-general 02-company-smtp 03-company-imap
	04-company-ownserver 05-company-domains 06-mailservers 07-mailserver-card 08-mailserver-delete
	09-users 10-user-general 11-user-email 12-account-general 13-account-servers 14-account-folders
	15-account-advanced 16-magnifier-create 17-roles 18-relations 19-projects 20-messages
	21-synchronize 22-testmail-result 23-domain-validation 24-unsaved-question 25-validation-error 26-synclog
	27-account-servers-oauth 28-assistant-company 29-assistant-found 30-assistant-check 31-assistant-user
	32-assistant-done 33-find-settings 34-assistant-signin 35-assistant-user-signin
	38-role-card 39-relation-card 40-project-card 41-user-accounts 42-mailserver-duplicate
	43-ownserver-password 44-account-folder-tree 45-domain-code 46-account-smtp 47-account-testmail 48-user-delegates
	49-folder-pick 50-folder-created 51-mailserver-new 52-mailserver-test-failed 53-mailserver-test-sent
	54-ownserver-ip 55-role-new 56-account-mirror 57-archive-refused 58-delete-after-limit-refused
	59-domain-delivery 60-ownserver-sendas 61-messages-deleted-at-provider 62-ownserver-readonly
	63-ownserver-configured 64-validation-mail
	68-company-smtp-check 69-company-imap-check 70-user-smtp-check 71-magnifier-create-outbox 72-account-new`)

var (
	parityHeading = regexp.MustCompile(`^## (\d{3}) — `)
	parityKey     = regexp.MustCompile("^`([^`]+)`$")
	parityShot    = regexp.MustCompile(`^\[([0-9a-z-]+)\]\(screenshots/([a-z]+)/([0-9a-z-]+)\.png\)$`)
	parityStatus  = regexp.MustCompile(`^(done|differs because .+|not applicable because .+)$`)
)

// parityCells splits a table row at the pipes that are not escaped.
func parityCells(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(strings.TrimSuffix(line, "|"), "|")
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\\' && i+1 < len(line) && (line[i+1] == '|' || line[i+1] == '*'):
			cur.WriteByte(line[i+1])
			i++
		case line[i] == '|':
			cells = append(cells, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(line[i])
		}
	}
	return append(cells, strings.TrimSpace(cur.String()))
}

func TestManualParityTable(t *testing.T) {
	data, err := os.ReadFile("../docs/manual-parity.md")
	if err != nil {
		t.Fatal(err)
	}
	texts := translationKeys(t)
	shots := map[string]bool{}
	for _, s := range parityScreenshots {
		shots[s] = true
	}
	rows := map[string]int{}
	manual := ""
	for n, line := range strings.Split(string(data), "\n") {
		where := "docs/manual-parity.md:" + strconv.Itoa(n+1)
		if m := parityHeading.FindStringSubmatch(line); m != nil {
			manual = m[1]
			continue
		}
		if manual == "" || !strings.HasPrefix(line, "| "+manual) {
			continue // header, separator, or a table outside the manuals' sections
		}
		c := parityCells(line)
		if len(c) != 7 {
			t.Errorf("%s: %d cells, want 7 (manual, wording, screen, label, key, screenshot, status)", where, len(c))
			continue
		}
		rows[manual]++
		lang, label, key, shot, status := parityLanguages[manual], c[3], c[4], c[5], c[6]
		if !parityStatus.MatchString(status) {
			t.Errorf("%s: status %q is not done / differs because … / not applicable because …", where, status)
		}
		if m := parityKey.FindStringSubmatch(key); m != nil {
			got, ok := texts[lang][m[1]]
			switch {
			case !ok:
				t.Errorf("%s: key %s has no %s text", where, m[1], lang)
			case got != label:
				t.Errorf("%s: label %q, but %s says %q in %s", where, label, m[1], got, lang)
			}
		} else if key != "—" || label != "—" {
			t.Errorf("%s: key %q / label %q: a row without a key shows no label", where, key, label)
		}
		if m := parityShot.FindStringSubmatch(shot); m != nil {
			if m[1] != m[3] || !shots[m[1]] || m[2] != lang {
				t.Errorf("%s: screenshot %q is not one of the %s screenshots", where, shot, lang)
			}
		} else if shot != "—" {
			t.Errorf("%s: screenshot cell %q", where, shot)
		}
	}
	for m := range parityLanguages {
		if rows[m] == 0 {
			t.Errorf("manual %s has no rows", m)
		}
	}
}
