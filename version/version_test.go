package version

import (
	"os"
	"strings"
	"testing"
)

// The real FyneApp.toml parses, and gives what its own lines say.
func TestParseTheProjectsFyneAppTOML(t *testing.T) {
	data, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse(data)
	if err != nil {
		t.Fatalf("Parse(FyneApp.toml): %v", err)
	}
	if got.Name != "Postbridge" || got.ID != "nl.postbridge.app" {
		t.Errorf("name %q, id %q; want Postbridge, nl.postbridge.app", got.Name, got.ID)
	}
	if !strings.Contains(string(data), `Version = "`+got.Version+`"`) {
		t.Errorf("version %q is not the one written in FyneApp.toml", got.Version)
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name, toml string
		want       Info
		err        string
	}{
		{"full", "Website = \"x\"\n[Details]\nName = \"Postbridge\"\nID = \"a.b\"\nVersion = \"1.2.3\"\nBuild = 7\n[Migrations]\nfyneDo = true\n",
			Info{Name: "Postbridge", ID: "a.b", Version: "1.2.3", Build: 7}, ""},
		{"no build", "[Details]\nName = \"P\"\nVersion = \"0.1.0\"\n", Info{Name: "P", Version: "0.1.0"}, ""},
		{"two numbers", "[Details]\nName = \"P\"\nVersion = \"1.2\"\n", Info{}, `Version "1.2" is not X.Y.Z`},
		{"suffix", "[Details]\nName = \"P\"\nVersion = \"1.2.3-beta\"\n", Info{}, "is not X.Y.Z"},
		{"no name", "[Details]\nVersion = \"1.2.3\"\n", Info{}, "Name is empty"},
		{"not toml", "[Details\n", Info{}, "read FyneApp.toml"},
	}
	for _, tt := range tests {
		got, err := Parse([]byte(tt.toml))
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: err %v, want one with %q", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s: got %+v, %v; want %+v", tt.name, got, err, tt.want)
		}
	}
}

func TestLoadSetsCurrentAndRefusesBadFiles(t *testing.T) {
	defer Set(Current())
	if err := Load([]byte("[Details]\nName = \"P\"\nVersion = \"9.8.7\"\nBuild = 3\n")); err != nil {
		t.Fatal(err)
	}
	if got, want := Current().String(), "P 9.8.7 (build 3)"; got != want {
		t.Errorf("Current() = %q, want %q", got, want)
	}
	if err := Load([]byte("[Details]\nName = \"P\"\nVersion = \"x\"\n")); err == nil {
		t.Error("Load of a bad version: no error")
	}
	if got := Current().Version; got != "9.8.7" {
		t.Errorf("after a failed Load the version is %q, want it kept at 9.8.7", got)
	}
}
