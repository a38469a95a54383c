package packaging

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// workflow is the part of a GitHub Actions workflow the test reads.
type workflow struct {
	Name        string `yaml:"name"`
	On          map[string]any
	Permissions map[string]string `yaml:"permissions"`
	Jobs        map[string]struct {
		RunsOn         string `yaml:"runs-on"`
		TimeoutMinutes int    `yaml:"timeout-minutes"`
		Steps          []struct {
			ID   string            `yaml:"id"`
			Name string            `yaml:"name"`
			Uses string            `yaml:"uses"`
			Run  string            `yaml:"run"`
			With map[string]string `yaml:"with"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

func readWorkflow(t *testing.T, path string) workflow {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var w workflow
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true) // a misspelt key is an error, as it is on GitHub
	if err := dec.Decode(&w); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return w
}

// The macOS workflow cannot run here; what can be checked is that it is
// valid YAML of the expected shape and does the recipe of
// packaging/macos/README.md on a macOS runner.
func TestMacOSWorkflowBuildsAppAndDMG(t *testing.T) {
	w := readWorkflow(t, "../.github/workflows/macos.yml")
	if w.Name == "" || len(w.On) == 0 {
		t.Errorf("workflow name %q, triggers %v: both are needed", w.Name, w.On)
	}
	job, ok := w.Jobs["dmg"]
	if !ok {
		t.Fatalf("no job dmg in %v", w.Jobs)
	}
	if !strings.HasPrefix(job.RunsOn, "macos-") {
		t.Errorf("runs-on %q, want a macos-* runner", job.RunsOn)
	}
	var runs []string
	for i, s := range job.Steps {
		if (s.Uses == "") == (s.Run == "") {
			t.Errorf("step %d (%s): needs exactly one of uses and run", i, s.Name)
		}
		runs = append(runs, s.Run)
	}
	all := strings.Join(runs, "\n")
	for _, want := range []string{"fyne package -os darwin", "hdiutil create", "--version"} {
		if !strings.Contains(all, want) {
			t.Errorf("no step runs %q", want)
		}
	}
}

// The workflow installs the same fyne tool as `make dist-linux`, so the
// macOS and Linux packages are made alike.
func TestWorkflowUsesTheFyneToolOfDistLinux(t *testing.T) {
	pin := regexp.MustCompile(`fyne\.io/tools/cmd/fyne@(v[0-9.]+)`)
	versionIn := func(path string) string {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		m := pin.FindSubmatch(data)
		if m == nil {
			t.Fatalf("%s names no fyne.io/tools/cmd/fyne@version", path)
		}
		return string(m[1])
	}
	mac, linux := versionIn("../.github/workflows/macos.yml"), versionIn("../scripts/build-linux-dist.sh")
	if mac != linux {
		t.Errorf("macos.yml installs fyne %s, build-linux-dist.sh %s", mac, linux)
	}
}
