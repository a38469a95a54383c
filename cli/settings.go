package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
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
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("file not found: %s; check the path of the settings file", path)
		}
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
// Its errors name path, never the temporary file the admin did not ask for.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".postbridge-*.tmp")
	if err != nil {
		return writeError(path, err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return writeError(path, err)
	}
	return nil
}

// writeError is one sentence about path with the fix: the operating
// system's own words for anything but a missing folder or a refusal.
func writeError(path string, err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	cause := err
	if errors.As(err, &pe) {
		cause = pe.Err
	} else if errors.As(err, &le) {
		cause = le.Err
	}
	if fi, serr := os.Stat(path); serr == nil && fi.IsDir() {
		// The rename onto a folder fails with words about the temporary
		// file (Linux: "file exists", Windows: "access is denied").
		return fmt.Errorf("cannot write %s: it is a folder; give a file name, such as %s", path, filepath.Join(path, "settings.json"))
	}
	switch {
	case errors.Is(cause, fs.ErrNotExist):
		return fmt.Errorf("cannot write %s: the folder %s does not exist; create it or choose another one", path, filepath.Dir(path))
	case errors.Is(cause, fs.ErrPermission):
		return fmt.Errorf("cannot write %s: this user may not write in %s; choose another folder", path, filepath.Dir(path))
	}
	return fmt.Errorf("cannot write %s: %v", path, cause)
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
