package assets

import "embed"

// Translations holds the window's texts, one file per screen and
// language: translations/<screen>.<lang>.json with lang en, nl, de or nb
// (Fyne's lang package reads the language from the name's last part).
//
//go:embed translations/*.json
var Translations embed.FS
