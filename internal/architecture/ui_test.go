package architecture

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The window works through the application layer only: package ui
// imports domain, app (and app/autosync), the presentation helpers and
// Fyne, never storage or a mail package, and does not reach past the
// actions to the store they hold.
func TestUIGoesThroughTheApplicationLayer(t *testing.T) {
	imports := goList(t, "-f", `{{join .Imports "\n"}}`, "./ui")
	if len(imports) < 10 {
		t.Fatalf("go list gave ui %d imports; the listing is broken", len(imports))
	}
	for _, p := range imports {
		if p == "postbridge/storage" || strings.HasPrefix(p, "postbridge/mail/") {
			t.Errorf("ui imports %s; offer what the window needs from package app (app/names.go, app/records.go)", p)
		}
	}
	files, err := filepath.Glob("../../ui/*.go")
	if err != nil || len(files) < 10 {
		t.Fatalf("ui's files: %v (%d)", err, len(files))
	}
	store := regexp.MustCompile(`\.Actions\.Store\b`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue // tests may set up and look at the database directly
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if loc := store.FindIndex(b); loc != nil {
			t.Errorf("%s reaches the store past the actions (.Actions.Store); add a method to app/records.go", filepath.Base(f))
		}
	}
}
