package storage

import (
	"errors"
	"strings"
	"testing"
)

// A settings document that encoding/json would take silently in part —
// a key given twice, a second document after the first — is refused,
// and every refusal names the field path and what was expected.
func TestParseSettingsRefusesWhatJSONWouldHide(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"second document", `{"projects": []}` + "\n" + `{"projects": [{"number": "1"}]}`,
			"line 2: more data after the end of the settings document"},
		{"garbage after the document", "{}\nthis is not json", "line 2: more data after the end"},
		{"duplicate top-level object", `{"company": {"name": "A"},` + "\n" + `"company": {"name": "B"}}`,
			"company: is given twice in one object (again on line 2)"},
		{"duplicate key inside a user", `{"users": [{"name": "A"}, {"name": "B", "email": "b@x.test", "name": "C"}]}`,
			"users[1].name: is given twice in one object"},
		{"duplicate differing only in case", `{"company": {"smtp": {"port": 25, "Port": 587}}}`,
			"company.smtp.port: is given twice in one object"},
		{"duplicate deep in an account", `{"users": [{"name": "A", "imap": [{"folders": [{"name": "x", "sync": true, "sync": false}]}]}]}`,
			"users[0].imap[0].folders[0].sync: is given twice in one object"},
		{"duplicate inside embedded auth", `{"company": {"imap": {"auth_method": "password", "auth_method": "oauth2"}}}`,
			"company.imap.auth_method: is given twice in one object"},
		{"typo with a suggestion", `{"company": {"smtp": {"secruity": "tls"}}}`,
			`company.smtp.secruity: unknown field (line 1); did you mean "security"?`},
		{"unknown field without a near name", `{"company": {"colour": "red"}}`,
			"company.colour: unknown field (line 1)"},
		{"text for a number", `{"company": {"smtp": {"port": "587"}}}`,
			`company.smtp.port: "587" is not a whole number (line 1)`},
		{"fraction for a number", `{"users": [{"name": "A", "imap": [{"timeout": 1.5}]}]}`,
			"users[0].imap[0].timeout: 1.5 is not a whole number"},
		{"number too large for any int", `{"users": [{"name": "A", "imap": [{"auto_sync_minutes": 99999999999999999999}]}]}`,
			"users[0].imap[0].auto_sync_minutes: 99999999999999999999 is not a whole number"},
		{"object for a string", `{"company": {"name": {"first": "A"}}}`,
			"company.name: {...} is not text in quotes"},
		{"string for a list", `{"relations": [{"name": "K", "emails": "a@k.test"}]}`,
			`relations[0].emails: "a@k.test" is not a list, [...]`},
		{"string for a bool", `{"users": [{"name": "A", "always_own_smtp": "yes"}]}`,
			`users[0].always_own_smtp: "yes" is not true or false`},
		{"a list for an object", `{"company": []}`, "company: [...] is not an object, {...}"},
		{"not an object", `[]`, "the settings document must be one JSON object"},
		{"cut short", `{"company": {"name": "A"`, "line 1: unexpected EOF"},
	}
	for _, tt := range tests {
		_, err := ParseSettings(strings.NewReader(tt.in))
		if !errors.Is(err, ErrInvalidSettings) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: ParseSettings(%q) = %v, want an ErrInvalidSettings containing %q", tt.name, tt.in, err, tt.want)
		}
	}
}

// Every problem of a document is listed, not only the first.
func TestParseSettingsListsEveryProblem(t *testing.T) {
	in := `{"company": {"nmae": "A", "smtp": {"port": "x"}}, "projects": [{"number": "1", "number": "2"}]}`
	_, err := ParseSettings(strings.NewReader(in))
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %v, want a *ValidationError", err)
	}
	var got []string
	for _, f := range ve.Fields {
		got = append(got, f.Path)
	}
	want := "company.nmae,company.smtp.port,projects[0].number"
	if strings.Join(got, ",") != want {
		t.Errorf("paths %v, want %s", got, want)
	}
}

// null leaves a field as it is, and keys in another case are matched as
// encoding/json matches them: files that parsed before still parse.
func TestParseSettingsKeepsWhatWasAccepted(t *testing.T) {
	in := `{"Company": {"name": "A", "smtp": null, "imap": null}, "users": null, "projects": [{"Number": "7", "description": null}]}`
	f, err := ParseSettings(strings.NewReader(in))
	if err != nil {
		t.Fatalf("ParseSettings: %v", err)
	}
	if f.Company == nil || f.Company.Name != "A" || len(f.Projects) != 1 || f.Projects[0].Number != "7" {
		t.Errorf("parsed %+v", f)
	}
}
