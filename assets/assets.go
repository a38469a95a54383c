// Package assets embeds what the application ships inside its binary: the
// icon (drawn by scripts/icon) and, later, the translations.
package assets

import _ "embed"

// IconPNG is the 512×512 application icon.
//
//go:embed icon.png
var IconPNG []byte
