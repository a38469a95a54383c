package storage

import (
	"errors"
	"math/rand/v2"
	"os"
	"runtime"
	"syscall"
	"time"
)

// SQLite's primary result codes for a database another connection holds
// (https://www.sqlite.org/rescode.html): SQLITE_BUSY (5, extended as 517
// SQLITE_BUSY_SNAPSHOT and 261 SQLITE_BUSY_RECOVERY) and SQLITE_LOCKED (6).
const (
	sqliteBusy   = 5
	sqliteLocked = 6
)

// isBusy reports whether err is SQLite saying that another connection
// holds the database, after its busy timeout has run out.
func isBusy(err error) bool {
	var coded interface{ Code() int }
	if !errors.As(err, &coded) {
		return false
	}
	c := coded.Code() & 0xff
	return c == sqliteBusy || c == sqliteLocked
}

// busyAttempts bounds retryBusy: with the 10 s busy timeout of each
// attempt (sqliteDSN) a writer waits up to about half a minute for
// another process's transaction before it gives up.
const busyAttempts = 3

// retryBusy runs write, and again while SQLite answers busy. Write
// transactions begin IMMEDIATE (sqliteDSN), so a busy answer means the
// busy timeout ran out while another process wrote — not a read that
// could not be upgraded — and the whole transaction can simply run again.
// It is for work that must not fail for a neighbour's long commit: the
// health record, the search index, the account lease.
func retryBusy(write func() error) error {
	var err error
	for i := 0; i < busyAttempts; i++ {
		if err = write(); err == nil || !isBusy(err) {
			return err
		}
		time.Sleep(time.Duration(100+rand.IntN(400)) * time.Millisecond)
	}
	return err
}

// processRuns reports whether a process with pid runs on this computer.
// On Windows FindProcess opens the process and fails when there is none;
// elsewhere it always succeeds and signal 0 asks the kernel (EPERM: it
// runs, as another user).
func processRuns(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	defer p.Release()
	if runtime.GOOS == "windows" {
		return true
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, os.ErrPermission)
}
