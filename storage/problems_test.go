package storage

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestEveryProblemHasAKey: every check names its problem by a key that
// has an English format, which the window translates by the key.
func TestEveryProblemHasAKey(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	seen := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) < 2 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "fail" {
				return true
			}
			lit, ok := call.Args[1].(*ast.BasicLit)
			if !ok {
				return true
			}
			key, _ := strconv.Unquote(lit.Value)
			seen++
			if _, ok := problemFormats[key]; !ok {
				t.Errorf("%s: problem key %q has no format in problems.go", fset.Position(lit.Pos()), key)
			}
			return true
		})
	}
	if seen < 20 {
		t.Fatalf("found only %d fail(...) calls: the scan is broken", seen)
	}
}

func TestFieldErrorCarriesKeyAndArgs(t *testing.T) {
	fe := newFieldError("company.smtp.port", "not_port", 70000)
	if fe.Key != "not_port" || len(fe.Args) != 1 || fe.Args[0] != "70000" || fe.Problem != "70000 is not a port (1-65535)" {
		t.Errorf("%+v", fe)
	}
}
