package cli

import "errors"

var screenshotsUsage = subUsage("screenshots",
	`The pictures of every screen, tab and dialog that the manuals show are
drawn by Fyne's test driver, which the program does not carry: in a
checkout of the source, make screenshots writes them to
docs/screenshots/<lang>/NN-screen-tab.png.`)

// errNoScreenshots says where the screenshot generator is: it drives the
// window with Fyne's test driver, so it lives with package ui's tests and
// the shipped program links no test code.
var errNoScreenshots = errors.New("this build has no screenshot generator: run `make screenshots` in a checkout of the source")

func runScreenshots(env *Env, args []string) error {
	// The generator's own flags (--out, --lang) are not refused: whoever
	// types them gets the sentence that says where it is.
	for _, a := range args {
		if a == "-h" || a == "-help" || a == "--help" {
			fs := newFlagSet("postbridge screenshots", env.IO, screenshotsUsage)
			code, _ := parseFlags(fs, []string{a}, env.IO)
			return exitCode(code)
		}
	}
	return errNoScreenshots
}
