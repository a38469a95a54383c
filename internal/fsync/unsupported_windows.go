package fsync

// unsupported: Windows cannot fsync a directory.
func unsupported(error) bool { return true }
