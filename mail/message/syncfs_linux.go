package message

import (
	"errors"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// syncFiles flushes the batch's files with one syncfs(2) of the file
// system under base instead of an fsync per file: one cache flush of the
// disk for the batch, not one per attachment. The files must all lie on
// that file system; they do, as they are written under base. A file
// system that refuses syncfs (FUSE, some shares) gets an fsync per file.
func syncFiles(r *os.Root, base string, names []string) error {
	return syncEach(r, names)
}

// syncDirs flushes the renames the same way.
func syncDirs(r *os.Root, base string, dirs map[string]bool) error {
	return syncEachDir(r, dirs)
}

func syncFS(base string) error {
	d, err := os.Open(base)
	if err != nil {
		return err
	}
	defer d.Close()
	for {
		err = unix.Syncfs(int(d.Fd()))
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}

func unsupported(err error) bool {
	return errors.Is(err, syscall.ENOSYS) || errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP)
}

func isSyncUnsupported(err error) bool { return unsupported(err) }
