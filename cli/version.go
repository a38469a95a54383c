package cli

import (
	"fmt"

	"postbridge/version"
)

// printVersion answers `postbridge --version` with the version main read
// from FyneApp.toml, the same one the installer and the .exe carry. It
// opens no database, so it works on a machine where nothing is set up.
func printVersion(stdio IO) int {
	fmt.Fprintln(stdio.Stdout, version.Current())
	return ExitOK
}
