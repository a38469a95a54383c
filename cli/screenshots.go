package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"postbridge/demo"
	"postbridge/mail/actions"
	"postbridge/storage"
	"postbridge/ui"
)

var screenshotsUsage = subUsage("screenshots --out DIR [--lang L]",
	`Renders every screen, tab and dialog that the manuals show, filled with
the demo office, as DIR/<lang>/NN-screen-tab.png (1024×680, light theme)
for testers to hold beside the manuals. Without --lang: en, nl, de and nb.
Needs no display and no mail server; two runs give the same pictures.`)

func runScreenshots(env *Env, args []string) error {
	fs := newFlagSet("postbridge screenshots", env.IO, screenshotsUsage)
	out := fs.String("out", "", "the directory to write the pictures to (required)")
	lang := fs.String("lang", "", "one language: en, nl, de or nb (default: all four)")
	if code, done := parseFlags(fs, reorder(fs, args), env.IO); done {
		return exitCode(code)
	}
	if *out == "" || fs.NArg() != 0 {
		return usagef("usage: postbridge screenshots --out DIR [--lang L]")
	}
	langs := ui.Languages
	if *lang != "" {
		langs = []string{*lang}
	}
	backend, cleanup, err := demoBackend()
	if err != nil {
		return err
	}
	defer cleanup()
	files, err := ui.Screenshots(backend, *out, langs)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%d screenshots in %s\n", len(files), *out)
	return nil
}

// demoBackend is the demo office in a throw-away database, with its mail
// imported as if synchronised, and secrets kept in memory only.
func demoBackend() (ui.Backend, func(), error) {
	dir, err := os.MkdirTemp("", "postbridge-screenshots-")
	if err != nil {
		return ui.Backend{}, nil, fmt.Errorf("screenshots: %w", err)
	}
	cleanup := func() { os.RemoveAll(dir) }
	store, err := storage.Open(filepath.Join(dir, "demo.db"))
	if err != nil {
		cleanup()
		return ui.Backend{}, nil, err
	}
	cleanup = func() { store.Close(); os.RemoveAll(dir) }
	secrets := memorySecrets{}
	fixed := func() time.Time { return time.Date(2024, 5, 21, 9, 30, 0, 0, time.UTC) }
	act := &actions.Actions{Store: store, Secrets: secrets, Now: fixed}
	if err := demo.Fill(store); err != nil {
		cleanup()
		return ui.Backend{}, nil, err
	}
	if err := demo.Imported(act); err != nil {
		cleanup()
		return ui.Backend{}, nil, err
	}
	if err := demo.Health(act); err != nil {
		cleanup()
		return ui.Backend{}, nil, err
	}
	if err := demo.Integrations(act); err != nil {
		cleanup()
		return ui.Backend{}, nil, err
	}
	return ui.Backend{Store: store, Actions: act, Secrets: secrets}, cleanup, nil
}

// memorySecrets keeps the demo's passwords in memory: screenshots never
// touch the real keyring.
type memorySecrets map[string]string

func (m memorySecrets) Set(k, v string) error { m[k] = v; return nil }

func (m memorySecrets) Get(k string) (string, error) {
	if v, ok := m[k]; ok {
		return v, nil
	}
	return "", &storage.MissingSecretError{Key: k}
}

func (m memorySecrets) Delete(k string) error { delete(m, k); return nil }
