//go:build !unix

package imapsync

import (
	"io"
	"os"
)

// mapFile reads a spooled body back where no mmap is at hand (Windows):
// the message is then held once on the heap, still never twice.
func mapFile(f *os.File, size int64) ([]byte, error) {
	buf := make([]byte, size)
	_, err := f.ReadAt(buf, 0)
	if err == io.EOF {
		err = nil
	}
	return buf, err
}

func unmapFile([]byte) error { return nil }
