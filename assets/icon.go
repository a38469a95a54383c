// Package assets embeds what the application ships inside its binary: the
// icon and the translations.
package assets

import _ "embed"

// IconPNG is the 512×512 application icon (PNG with transparency), drawn
// by scripts/icon; regenerate it with `go run ./scripts/icon assets/icon.png`.
// scripts/build-windows.sh embeds the same file as the .exe's icon.
//
//go:embed icon.png
var IconPNG []byte
