package storage

// isSyncUnsupported: Windows cannot fsync a directory; the file was synced.
func isSyncUnsupported(error) bool { return true }
