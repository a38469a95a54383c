//go:build unix

package imapsync

import (
	"os"
	"syscall"
)

// mapFile maps a spooled body read-only: its pages belong to the page
// cache, which the kernel may drop under pressure, not to the Go heap.
func mapFile(f *os.File, size int64) ([]byte, error) {
	return syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
}

func unmapFile(b []byte) error { return syscall.Munmap(b) }
