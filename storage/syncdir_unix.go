//go:build !windows

package storage

import (
	"errors"
	"syscall"
)

// isSyncUnsupported: some file systems (network shares) refuse fsync on
// a directory; the file itself was synced.
func isSyncUnsupported(err error) bool {
	return errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP)
}
