//go:build !windows

package fsync

import (
	"errors"
	"syscall"
)

// unsupported: some file systems (network shares) refuse fsync on a
// directory.
func unsupported(err error) bool {
	return errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP)
}
