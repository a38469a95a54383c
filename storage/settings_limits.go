package storage

import (
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// Sane ranges of the numbers in an IMAP account. A value
// outside them is refused with the range in the error: 200000000 minutes
// once overflowed time.Duration into a negative interval, and the
// automatic send/receive logged in 15 times a second.
const (
	// AutoSyncMinutesMax is a day: an automatic pass less often than
	// daily is no longer automatic. 0 means DefaultAutoSyncMinutes.
	AutoSyncMinutesMax = 24 * 60
	// TimeoutSecMax is an hour without an answer from the server. 0
	// means the program's default.
	TimeoutSecMax = 60 * 60
	// SyncDaysMax is a century. 0 means no time limit.
	SyncDaysMax = 36500
)

// AutoSyncInterval is an account's automatic send/receive interval as a
// duration: the default for 0 (or less) and never more than
// AutoSyncMinutesMax, so a value stored before validation existed cannot
// overflow into a negative or tiny interval.
func AutoSyncInterval(minutes int) time.Duration {
	if minutes <= 0 {
		minutes = DefaultAutoSyncMinutes
	}
	return time.Duration(min(minutes, AutoSyncMinutesMax)) * time.Minute
}

// AccountTimeout is an account's timeout as a duration: 0 (or less) stays
// 0, the caller's default; more than TimeoutSecMax is TimeoutSecMax.
func AccountTimeout(seconds int) time.Duration {
	if seconds <= 0 {
		return 0
	}
	return time.Duration(min(seconds, TimeoutSecMax)) * time.Second
}

// between refuses value outside lo..hi; zero is allowed when zeroOK,
// where 0 means "the default".
func (v *validator) between(path string, value, lo, hi int, zeroOK bool, key string) {
	if (zeroOK && value == 0) || (value >= lo && value <= hi) {
		return
	}
	v.fail(path, key, value, lo, hi)
}

// accountNumbers checks the numbers of an IMAP account against their ranges.
func (v *validator) accountNumbers(p string, a *ImapJSON) {
	v.between(p+".sync_days", a.SyncDays, 0, SyncDaysMax, true,
		"days_range")
	v.between(p+".timeout", a.Timeout, 1, TimeoutSecMax, true,
		"seconds_range")
	v.between(p+".auto_sync_minutes", a.AutoSyncMinutes, 1, AutoSyncMinutesMax, true,
		"minutes_range")
}

// folderPath checks a path on the file system: it must be full (a
// relative one would depend on the folder Postbridge was started in, so
// every later sync would look elsewhere) and hold no NUL, which no file
// system accepts and which would cut the path short in C APIs.
func (v *validator) folderPath(path, value string) {
	switch {
	case value == "":
	case strings.ContainsRune(value, 0):
		v.fail(path, "nul_in_path", value)
	case !IsFullPath(value):
		v.fail(path, "not_full_path", value)
	}
}

// windowsFullPath is a drive path (C:\ or C:/) or a UNC share (\\server).
var windowsFullPath = regexp.MustCompile(`^([A-Za-z]:[\\/]|\\\\[^\\])`)

// IsFullPath reports whether p is an absolute path on this system, or a
// Windows drive or share path: an office's settings file written on a
// Windows workstation may be imported on a Linux server that shares the
// database, and its attachment path is meant for the workstations.
func IsFullPath(p string) bool {
	return filepath.IsAbs(p) || windowsFullPath.MatchString(p)
}
