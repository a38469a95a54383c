package ui

import (
	"flag"
	"fmt"
	"os"
	"testing"
)

// The screenshot generator drives the window with Fyne's test driver, so
// it lives with the tests and the shipped program links no test code.
// `make screenshots` runs it:
//
//	go test ./ui -run '^$' -args -screenshots DIR [-lang L]
var (
	screenshotsDir  = flag.String("screenshots", "", "write every screen of the manuals, on the demo office, to `DIR`/<lang>/NN-screen-tab.png and run no test")
	screenshotsLang = flag.String("lang", "", "with -screenshots: one language, en, nl, de or nb (default: all four)")
)

func TestMain(m *testing.M) {
	flag.Parse()
	if *screenshotsDir == "" {
		os.Exit(m.Run())
	}
	if err := screenshotsForTesters(*screenshotsDir, *screenshotsLang); err != nil {
		fmt.Fprintln(os.Stderr, "screenshots:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

// screenshotsForTesters renders every shot of the demo office (with its
// health record) in lang, or in every language when lang is empty.
func screenshotsForTesters(dir, lang string) error {
	langs := Languages
	if lang != "" {
		langs = []string{lang}
	}
	tmp, err := os.MkdirTemp("", "postbridge-screenshots-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	b, closeStore, err := demoOffice(tmp, true)
	if err != nil {
		return err
	}
	defer closeStore()
	files, err := writeScreenshots(b, dir, langs)
	if err != nil {
		return err
	}
	fmt.Printf("%d screenshots in %s\n", len(files), dir)
	return nil
}
