package architecture

import (
	"slices"
	"strings"
	"testing"
)

// layer is one floor of docs/ARCHITECTURE.md: its packages (a path ending
// in "/" takes every package under it) and the layers its packages may
// import, besides their own.
type layer struct {
	name      string
	pkgs      []string
	mayImport []string
}

// layers, lowest first. A package imports only from its own layer and
// the ones listed; the window (ui) is stricter than the other front ends.
var layers = []layer{
	{"foundation", []string{"domain", "problem", "version", "assets", "internal/"}, nil},
	{"storage", []string{"storage"}, []string{"foundation"}},
	{"engine", []string{"mail/", "webhook"}, []string{"foundation", "storage"}},
	{"application", []string{"app", "app/", "demo"}, []string{"foundation", "storage", "engine"}},
	{"presentation", []string{"explain"}, []string{"foundation", "storage", "engine", "application"}},
	{"api", []string{"api"}, []string{"foundation", "storage", "engine", "application", "presentation"}},
	{"cli", []string{"cli"}, []string{"foundation", "storage", "engine", "application", "presentation", "api"}},
	{"window", []string{"ui"}, []string{"foundation", "application", "presentation"}},
	{"program", []string{""}, []string{"foundation", "storage", "cli", "window"}},
	// Build tools: the icon generator, the installers' checks.
	{"tools", []string{"packaging", "scripts/"}, []string{"foundation"}},
}

// pending are imports against the layers that work under way removes
// (none at present). The test fails once one is gone, so that the
// exception goes too.
var pending = map[string][]string{}

// layerOf is the layer of a package path without "postbridge/".
func layerOf(p string) (string, bool) {
	for _, l := range layers {
		for _, q := range l.pkgs {
			if p == q || strings.HasSuffix(q, "/") && strings.HasPrefix(p, q) {
				return l.name, true
			}
		}
	}
	return "", false
}

// No package imports from a layer above its own (go list, the product's
// imports; tests may import what they need).
func TestNoImportRunsUpTheLayers(t *testing.T) {
	lines := goList(t, "-f", `{{.ImportPath}}:{{join .Imports ","}}`, "./...")
	if len(lines) < 20 {
		t.Fatalf("go list gave %d packages; the listing is broken", len(lines))
	}
	used := map[string]bool{}
	for _, line := range lines {
		path, imports, _ := strings.Cut(line, ":")
		pkg := strings.TrimPrefix(strings.TrimPrefix(path, "postbridge"), "/")
		from, ok := layerOf(pkg)
		if !ok {
			t.Errorf("%s is in no layer: place it in layers (and docs/ARCHITECTURE.md)", path)
			continue
		}
		allowed := append([]string{from}, layerByName(from).mayImport...)
		for _, imp := range strings.Split(imports, ",") {
			dep, own := strings.CutPrefix(imp, "postbridge/")
			if !own {
				continue
			}
			to, _ := layerOf(dep)
			if slices.Contains(allowed, to) {
				continue
			}
			if slices.Contains(pending[pkg], dep) {
				used[pkg+" → "+dep] = true
				continue
			}
			t.Errorf("%s (%s) imports %s (%s): %s may import only %v", path, from, imp, to, from, allowed)
		}
	}
	for pkg, deps := range pending {
		for _, dep := range deps {
			if !used[pkg+" → "+dep] {
				t.Errorf("%s no longer imports %s: drop it from pending", pkg, dep)
			}
		}
	}
}

func layerByName(name string) layer {
	for _, l := range layers {
		if l.name == name {
			return l
		}
	}
	return layer{}
}

// The table itself: every layer a layer may import is below it, so that
// the floors cannot quietly form a cycle.
func TestLayersOnlyLookDown(t *testing.T) {
	seen := map[string]bool{}
	for _, l := range layers {
		for _, m := range l.mayImport {
			if !seen[m] {
				t.Errorf("layer %s may import %s, which is not below it", l.name, m)
			}
		}
		seen[l.name] = true
	}
}
