// Package version is Postbridge's version. It has one source, FyneApp.toml
// ([Details] Version and Build), which `fyne package`, the Windows build
// and the MSI read too. main embeds that file and hands it to Load, so the
// running program, the .exe's version resource and the installer agree.
package version

import (
	"fmt"
	"regexp"

	"github.com/BurntSushi/toml"
)

// Info is what FyneApp.toml says about the program.
type Info struct {
	Name    string
	ID      string
	Version string // X.Y.Z
	Build   int
}

// String is the line `postbridge --version` prints: "Postbridge 0.1.0 (build 1)".
func (i Info) String() string {
	return fmt.Sprintf("%s %s (build %d)", i.Name, i.Version, i.Build)
}

// unknown is what a program that never called Load (a test, `go run` of a
// package) reports: honest rather than a number that might be believed.
var unknown = Info{Name: "Postbridge", ID: "nl.postbridge.app", Version: "0.0.0-dev"}

var current = unknown

// Current is the running program's version.
func Current() Info { return current }

// Set makes info the running program's version (main, and tests).
func Set(info Info) { current = info }

// Load parses FyneApp.toml and makes it the running program's version.
func Load(fyneAppTOML []byte) error {
	info, err := Parse(fyneAppTOML)
	if err != nil {
		return err
	}
	Set(info)
	return nil
}

// xyz is the version form every consumer accepts: the MSI's ProductVersion
// and the Windows version resource take numbers only.
var xyz = regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+$`)

// Parse reads [Details] Name, ID, Version and Build from FyneApp.toml.
func Parse(fyneAppTOML []byte) (Info, error) {
	var file struct{ Details Info }
	if _, err := toml.Decode(string(fyneAppTOML), &file); err != nil {
		return Info{}, fmt.Errorf("read FyneApp.toml: %w", err)
	}
	d := file.Details
	switch {
	case d.Name == "":
		return Info{}, fmt.Errorf("FyneApp.toml: [Details] Name is empty")
	case !xyz.MatchString(d.Version):
		return Info{}, fmt.Errorf("FyneApp.toml: [Details] Version %q is not X.Y.Z", d.Version)
	case d.Build < 0:
		return Info{}, fmt.Errorf("FyneApp.toml: [Details] Build %d is negative", d.Build)
	}
	return d, nil
}
