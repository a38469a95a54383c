// Package memory holds the process's memory policy. A first import keeps
// up to three batches of mail in memory at once (mail/imapsync), about
// 35 MB live; with Go's default (GOGC=100) the heap grows to twice that
// before a collection, which took the sync over 100 MB of resident
// memory on an office PC's budget (BENCHMARKS.md). Collecting
// at half the live heap's growth kept it at 86 MB for the same speed.
package memory

import (
	"os"
	"runtime/debug"
)

// gcPercent is the heap growth, in percent of the live heap, that
// starts a collection.
const gcPercent = 50

// Apply sets the policy, unless GOGC in the environment says otherwise
// (which lets a person measure another setting).
func Apply() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(gcPercent)
	}
}
