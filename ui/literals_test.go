package ui

import (
	"go/ast"
	"go/token"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// textCalls are the Fyne calls whose string arguments a user reads.
var textCalls = map[string]bool{
	"NewLabel": true, "NewLabelWithStyle": true, "NewButton": true, "NewButtonWithIcon": true,
	"NewCheck": true, "NewFormItem": true, "NewTabItem": true, "NewTabItemWithIcon": true,
	"SetPlaceHolder": true, "NewConfirm": true, "ShowConfirm": true, "NewCustom": true,
	"NewCustomConfirm": true, "NewCustomWithoutButtons": true, "ShowInformation": true,
	"NewInformation": true, "NewHyperlink": true, "NewRadioGroup": true, "NewSelect": true,
}

// TestNoUserTextLiteralInUI: every text a user reads comes from the
// translations of the window's language, so a literal word in a Fyne
// text call fails.
func TestNoUserTextLiteralInUI(t *testing.T) {
	eachSourceCall(t, func(pos func(token.Pos) string, call *ast.CallExpr) {
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || !textCalls[sel.Sel.Name] {
			return
		}
		for _, arg := range call.Args {
			lit, ok := arg.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				continue
			}
			s, _ := strconv.Unquote(lit.Value)
			// A one-token placeholder is an example value in every
			// language: a host, an address, a folder name.
			example := sel.Sel.Name == "SetPlaceHolder" && !strings.ContainsAny(s, " \t")
			if hasWord(s) && !example {
				t.Errorf("%s: %s(%s) shows a literal; use t(key, english)", pos(lit.Pos()), sel.Sel.Name, lit.Value)
			}
		}
	})
}

// hasWord reports whether s holds two letters in a row: a word, not a
// separator like "—" or a placeholder like "".
func hasWord(s string) bool {
	run := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			run++
			if run >= 2 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}
