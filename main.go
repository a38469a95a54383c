// Command postbridge connects an office's business software to its own
// mail server. main only wires: the command line decides, storage and the
// keyring are opened on demand, and the window is Fyne's.
package main

import (
	_ "embed"
	"fmt"
	"os"

	"fyne.io/fyne/v2/app"

	"postbridge/cli"
	_ "postbridge/internal/cleanlocale" // before fyne reads the locale
	"postbridge/internal/memory"
	"postbridge/storage"
	"postbridge/ui"
	"postbridge/version"
)

// fyneAppTOML is the one place the version is written; the installers
// read the same file.
//
//go:embed FyneApp.toml
var fyneAppTOML []byte

func main() {
	memory.Apply()
	if err := version.Load(fyneAppTOML); err != nil {
		fmt.Fprintf(os.Stderr, "postbridge: %v\n", err)
		os.Exit(cli.ExitFailure)
	}
	stdio := cli.IO{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}
	os.Exit(cli.Main(os.Args[1:], stdio, storage.Keyring{}, openWindow))
}

func openWindow(env *cli.Env) error {
	ui.UseLanguage(env.Lang)
	a := app.NewWithID(ui.AppID)
	act, err := env.Actions()
	if err != nil {
		ui.ShowStartError(a, err) // the Windows program has no console for stderr
		return err
	}
	ui.NewMainWindow(a, ui.Backend{Actions: act, Secrets: storage.Keyring{}, AutoSync: true}).Window().ShowAndRun()
	return nil
}
