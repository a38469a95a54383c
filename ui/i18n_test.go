package ui

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"postbridge/app"
	"postbridge/assets"
	"postbridge/explain"
	"postbridge/mail/route"
	"postbridge/storage"
)

var languages = []string{"en", "nl", "de", "nb"}

// translationKeys reads every assets/translations/<screen>.<lang>.json
// into one key set per language.
func translationKeys(t *testing.T) map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]string{}
	for _, l := range languages {
		out[l] = map[string]string{}
	}
	files, err := fs.Glob(assets.Translations, "translations/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no translation files: %v", err)
	}
	for _, f := range files {
		parts := strings.Split(filepath.Base(f), ".")
		l := parts[len(parts)-2]
		if out[l] == nil {
			t.Errorf("%s: language %q is not one of %v", f, l, languages)
			continue
		}
		data, _ := fs.ReadFile(assets.Translations, f)
		var m map[string]string
		if err := json.Unmarshal(data, &m); err != nil {
			t.Errorf("%s: %v", f, err)
		}
		for k, v := range m {
			if _, dup := out[l][k]; dup {
				t.Errorf("%s: key %s is defined twice for %s", f, k, l)
			}
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s: key %s is empty", f, k)
			}
			out[l][k] = v
		}
	}
	return out
}

// usedKeys finds the literal keys passed to t(...) and lang.X(...) in ui/.
func usedKeys(t *testing.T) map[string]string {
	used := map[string]string{}
	eachSourceCall(t, func(pos func(token.Pos) string, call *ast.CallExpr) {
		if len(call.Args) < 2 || !isTranslateCall(call.Fun) {
			return
		}
		if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
			key, _ := strconv.Unquote(lit.Value)
			used[key] = pos(lit.Pos())
		}
	})
	return used
}

// eachSourceCall calls f with every call expression in ui's non-test
// source files, and a function naming a position as file:line:column.
func eachSourceCall(t *testing.T, f func(pos func(token.Pos) string, call *ast.CallExpr)) {
	t.Helper()
	fset := token.NewFileSet()
	pos := func(p token.Pos) string { return fset.Position(p).String() }
	files, _ := filepath.Glob("*.go")
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				f(pos, call)
			}
			return true
		})
	}
}

func isTranslateCall(fun ast.Expr) bool {
	switch f := fun.(type) {
	case *ast.Ident:
		return f.Name == "t"
	case *ast.SelectorExpr:
		x, ok := f.X.(*ast.Ident)
		return ok && x.Name == "lang" && f.Sel.Name == "X"
	}
	return false
}

// TestEveryKeyIsTranslated fails when the window uses a text that one of
// the four languages lacks, or a language has a key the others lack.
func TestEveryKeyIsTranslated(t *testing.T) {
	have := translationKeys(t)
	used := usedKeys(t)
	if len(used) == 0 {
		t.Fatal("found no t(...) calls: the scan is broken")
	}
	var missing []string
	for key, where := range used {
		for _, l := range languages {
			if _, ok := have[l][key]; !ok {
				missing = append(missing, where+": "+key+" has no "+l+" text")
			}
		}
	}
	for _, l := range languages {
		for key := range have[l] {
			for _, other := range languages {
				if _, ok := have[other][key]; !ok {
					missing = append(missing, key+" is in "+l+" but not in "+other)
				}
			}
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Error(m)
	}
}

// Keys made outside ui/ are translated too: route reasons
// (route_reason.go), refused fields (field_problem.go), error
// explanations and the mails Postbridge writes. Each needs a text in
// every language.
func TestEveryOutsideKeyIsTranslated(t *testing.T) {
	have := translationKeys(t)
	check := func(what string, keys []string) {
		for _, key := range keys {
			for _, l := range languages {
				if _, ok := have[l][key]; !ok {
					t.Errorf("%s %s has no %s text", what, key, l)
				}
			}
		}
	}
	var problems []string
	for key := range storage.ProblemKeys() {
		problems = append(problems, "field."+key)
	}
	check("route reason", route.Keys())
	check("field problem", problems)
	check("explanation", slices.Collect(maps.Keys(explain.Keys())))
	check("mail text", slices.Collect(maps.Keys(app.TextKeys())))
}
