package ui

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"

	"postbridge/assets"
)

// TestTextInBundledFont checks that every character the window writes,
// in the code's strings and in every translation, is in the fonts Fyne
// ships. On Linux a missing glyph is quietly borrowed from a system font;
// Windows (and Wine) has none of those fonts, so "←" showed as a box there.
func TestTextInBundledFont(t *testing.T) {
	faces := []*font.Face{parseFont(t, theme.DefaultTextFont().Content()),
		parseFont(t, theme.DefaultEmojiFont().Content())}
	covered := func(r rune) bool {
		for _, f := range faces {
			if _, ok := f.NominalGlyph(r); ok {
				return true
			}
		}
		return false
	}
	for where, s := range windowTexts(t) {
		for _, r := range s {
			if !unicode.IsControl(r) && !covered(r) {
				t.Errorf("%s: %q (U+%04X) is not in the bundled fonts: it shows as a box on Windows", where, r, r)
			}
		}
	}
}

func parseFont(t *testing.T, data []byte) *font.Face {
	t.Helper()
	f, err := font.ParseTTF(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// windowTexts maps "file:line" or "translation key" to a text the window
// may show: the string literals of ui/*.go and every translation.
func windowTexts(t *testing.T) map[string]string {
	t.Helper()
	texts := map[string]string{}
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil {
					texts[fset.Position(lit.Pos()).String()] = s
				}
			}
			return true
		})
	}
	err := fs.WalkDir(assets.Translations, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(assets.Translations, p)
		if err != nil {
			return err
		}
		var m map[string]string
		if err := json.Unmarshal(data, &m); err != nil {
			return err
		}
		for k, v := range m {
			texts[p+" "+k] = v
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return texts
}
