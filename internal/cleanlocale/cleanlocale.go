// Package cleanlocale replaces the "C" and "POSIX" locale of servers and
// CI with English before Fyne's lang package reads it at start-up, which
// would otherwise log "Error parsing user locale C" on every command.
// It imports nothing but os, so Go initialises it before fyne's packages
// (package initialisation picks, in import-path order, the first package
// whose imports are ready); main imports it for that side effect only.
package cleanlocale

import "os"

func init() { Fix() }

// Fix sets the first locale variable that is set to English when it is
// "C" or "POSIX", which Fyne cannot parse; another locale is kept.
func Fix() {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		val := os.Getenv(v)
		if val == "" {
			continue
		}
		if base, _, _ := cut(val, '.'); base == "C" || base == "POSIX" {
			os.Setenv(v, "en_US.UTF-8")
			continue
		}
		return // the first set variable decides, as in POSIX
	}
}

// cut is strings.Cut for one byte, without importing strings: every
// import is a package that must be initialised before this one.
func cut(s string, sep byte) (string, string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == sep {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}
