// Package fsync makes new directory entries durable where the system can:
// after a file is created or renamed, POSIX asks for an fsync of its
// directory too, or a power cut may take the name back. The raw message
// packs (storage) and the attachment files (mail/message) both need it.
package fsync

import (
	"errors"
	"os"
)

// Dir fsyncs the directory at path.
func Dir(path string) error {
	d, err := os.Open(path)
	if err != nil {
		return err
	}
	defer d.Close()
	return Opened(d)
}

// Opened fsyncs an open directory. Where directories cannot be synced
// (Windows, some network shares) it is no error: the files themselves
// were synced, and such file systems keep their metadata their own way.
func Opened(d *os.File) error {
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) && !unsupported(err) {
		return err
	}
	return nil
}
