package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"postbridge/storage"
)

var settingsUsage = subUsage("settings import FILE | settings export FILE",
	`import  reads a settings file and applies it in one transaction: a file with
        any error changes nothing, and the error names the field.
export  writes the current settings. Passwords are never in it: only the
        keyring keys that name them (see 'postbridge secret set').
FILE may be - for standard input or output.`)

func runSettings(env *Env, args []string) error {
	fs := newFlagSet("postbridge settings", env.IO, settingsUsage)
	if code, done := parseFlags(fs, args, env.IO); done {
		return exitCode(code)
	}
	if fs.NArg() != 2 || (fs.Arg(0) != "import" && fs.Arg(0) != "export") {
		return usagef("usage: postbridge settings import FILE | settings export FILE")
	}
	store, err := env.Store()
	if err != nil {
		return err
	}
	if fs.Arg(0) == "import" {
		return importSettings(env, store, fs.Arg(1))
	}
	return exportSettings(env, store, fs.Arg(1))
}

func importSettings(env *Env, store *storage.Store, path string) error {
	r := env.Stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("read settings: %w", err)
		}
		defer f.Close()
		r = f
	}
	doc, err := storage.ParseSettings(r)
	if err != nil {
		return err
	}
	if err := store.ImportSettings(doc); err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "settings imported from %s\n", displayPath(path))
	return nil
}

func exportSettings(env *Env, store *storage.Store, path string) error {
	doc, err := store.ExportSettings()
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("encode settings: %w", err)
	}
	if path == "-" {
		_, err := env.Stdout.Write(buf.Bytes())
		return err
	}
	return writeFileAtomic(path, buf.Bytes())
}

// writeFileAtomic writes through a temporary file and a rename, so that a
// full disk or a crash never leaves a half-written settings file behind.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".postbridge-*.tmp")
	if err != nil {
		return fmt.Errorf("write settings: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write settings: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write settings: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write settings: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write settings: %w", err)
	}
	return nil
}

func displayPath(p string) string {
	if p == "-" {
		return "standard input"
	}
	return p
}

// exitCode carries an exit code decided while parsing flags.
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit %d", int(e)) }
