//go:build !linux

package message

import (
	"errors"
	"os"
	"syscall"
)

// syncFiles fsyncs each file of the batch: without Linux's syncfs there
// is no flush of one file system alone (macOS's fsync is F_FULLFSYNC,
// Windows' FlushFileBuffers).
func syncFiles(r *os.Root, _ string, names []string) error { return syncEach(r, names) }

// syncDirs fsyncs each folder that got a new name.
func syncDirs(r *os.Root, _ string, dirs map[string]bool) error { return syncEachDir(r, dirs) }

// isSyncUnsupported: Windows cannot sync a directory handle, some shares
// refuse it; their metadata is the file system's own business there.
func isSyncUnsupported(err error) bool {
	return errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP) || errors.Is(err, os.ErrInvalid)
}
