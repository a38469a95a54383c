package message

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// corpusModules are dependencies whose module directories may hold real
// mail as test data. They are read where they lie, never copied here.
var corpusModules = []string{
	"github.com/emersion/go-message", // v0.18.2 has none; see TestParseGoMessageTestMails
	"github.com/wneessen/go-mail",
}

// TestParseModuleCorpus runs every .eml and .txt mail found in those
// module directories through Parse and SaveAttachments.
func TestParseModuleCorpus(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found:", err)
	}
	total := 0
	for _, mod := range corpusModules {
		dir := moduleDir(t, goBin, mod)
		files := mailFiles(t, dir)
		t.Logf("%s (%s): %d mail files", mod, dir, len(files))
		for _, f := range files {
			t.Run(filepath.Base(f), func(t *testing.T) {
				raw, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				p := Parse(raw)
				checkInvariants(t, raw, p)
				if _, err := SaveAttachments(t.TempDir(), p.Dir(), p.Attachments); err != nil {
					t.Errorf("save: %v", err)
				}
			})
		}
		total += len(files)
	}
	if total == 0 {
		t.Skip("no .eml or .txt mail in", corpusModules)
	}
}

func moduleDir(t *testing.T, goBin, mod string) string {
	t.Helper()
	out, err := exec.Command(goBin, "list", "-m", "-json", mod).Output()
	if err != nil {
		t.Skipf("go list -m %s: %v", mod, err)
	}
	var m struct{ Dir string }
	if err := json.Unmarshal(out, &m); err != nil || m.Dir == "" {
		t.Skipf("go list -m %s: no module directory (%v)", mod, err)
	}
	return m.Dir
}

// mailFiles lists files that look like mail: .eml, or .txt starting with
// a header field.
func mailFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".eml":
			out = append(out, p)
		case ".txt":
			if b, err := os.ReadFile(p); err == nil && isFieldLine(b[:lineEnd(b, 0)]) {
				out = append(out, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestParseGoMessageTestMails runs the mails that go-message's own tests
// hold as string literals through Parse, read from its module directory.
func TestParseGoMessageTestMails(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found:", err)
	}
	dir := moduleDir(t, goBin, "github.com/emersion/go-message")
	files, err := filepath.Glob(filepath.Join(dir, "*", "*_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	top, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
	n := 0
	for _, f := range append(top, files...) {
		for i, raw := range mailLiterals(t, f) {
			n++
			t.Run(fmt.Sprintf("%s/%d", filepath.Base(f), i), func(t *testing.T) {
				p := Parse(raw)
				checkInvariants(t, raw, p)
				if _, err := SaveAttachments(t.TempDir(), p.Dir(), p.Attachments); err != nil {
					t.Errorf("save: %v", err)
				}
			})
		}
	}
	t.Logf("%d mails from go-message's tests", n)
}

// mailLiterals returns the string constants in a Go file, literals and
// literals joined with +, that look like a mail: a header field first and
// a blank line somewhere.
func mailLiterals(t *testing.T, file string) [][]byte {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	ast.Inspect(f, func(n ast.Node) bool {
		e, ok := n.(ast.Expr)
		if !ok {
			return true
		}
		s, ok := stringConstant(e)
		if !ok {
			return true
		}
		b := []byte(s)
		if len(b) > 0 && isFieldLine(b[:lineEnd(b, 0)]) && (strings.Contains(s, "\n\n") || strings.Contains(s, "\r\n\r\n")) {
			out = append(out, b)
		}
		return false
	})
	return out
}

func stringConstant(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		x, ok1 := stringConstant(e.X)
		y, ok2 := stringConstant(e.Y)
		return x + y, ok1 && ok2
	case *ast.ParenExpr:
		return stringConstant(e.X)
	}
	return "", false
}
