package architecture

import (
	"os/exec"
	"strings"
	"testing"
)

// goList runs go list in the module's root and returns its lines.
func goList(t *testing.T, args ...string) []string {
	t.Helper()
	cmd := exec.Command("go", append([]string{"list"}, args...)...)
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("go list %s: %v\n%s", strings.Join(args, " "), err, msg)
	}
	return strings.Fields(string(out))
}

// The shipped program links no test code: Fyne's test driver (which the
// screenshot generator and the ui tests drive the window with) stays out
// of what `go build .` builds, on every platform's file set.
func TestShippedProgramLinksNoTestDriver(t *testing.T) {
	deps := goList(t, "-deps", ".")
	if len(deps) < 50 {
		t.Fatalf("go list -deps . gave %d packages; the listing is broken", len(deps))
	}
	for _, forbidden := range []string{"fyne.io/fyne/v2/test", "testing"} {
		for _, d := range deps {
			if d == forbidden {
				t.Errorf("the shipped program links %s; see who imports it with: go list -deps -f '{{.ImportPath}}: {{.Imports}}' . | grep %s", forbidden, forbidden)
			}
		}
	}
}
