package storage

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gorm.io/gorm"
)

// writerEnv makes the re-executed test binary one of the processes that
// write to a shared SQLite file (TestTwoProcessesWriteAtOnce).
const writerEnv = "POSTBRIDGE_STORAGE_WRITER"

func TestMain(m *testing.M) {
	if db := os.Getenv(writerEnv); db != "" {
		os.Exit(runWriter(db))
	}
	os.Exit(m.Run())
}

// writerRounds is how many read-then-write transactions each process runs.
const writerRounds = 150

// runWriter counts up the health record's warnings writerRounds times,
// each a transaction that reads the row and then writes it — the shape
// that met SQLITE_BUSY_SNAPSHOT (517) when transactions began deferred.
// It uses the transaction without retryBusy, so that only BEGIN
// IMMEDIATE and the busy timeout keep it from failing.
func runWriter(db string) int {
	s, err := Open(db)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 4
	}
	defer s.Close()
	for i := 0; i < writerRounds; i++ {
		if err := s.updateHealthOnce(1, func(_ *gorm.DB, h *AccountHealth) error { h.Warnings++; return nil }); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	return 0
}

// Two processes that write to one SQLite file at once both finish: no
// "database is locked (5)" or "(517)", and no update lost.
func TestTwoProcessesWriteAtOnce(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shared.db")
	s, err := Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	const procs = 2
	cmds := make([]*exec.Cmd, procs)
	outs := make([]strings.Builder, procs)
	for i := range cmds {
		cmds[i] = exec.Command(os.Args[0], "-test.run=^$")
		cmds[i].Env = append(os.Environ(), writerEnv+"="+db)
		cmds[i].Stderr = &outs[i]
		if err := cmds[i].Start(); err != nil {
			t.Fatal(err)
		}
	}
	for i, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Errorf("writer %d: %v: %s", i, err, outs[i].String())
		}
	}
	var h AccountHealth
	if err := s.db.Where("account_id = ?", 1).Limit(1).Find(&h).Error; err != nil {
		t.Fatal(err)
	}
	if got, want := h.Warnings, procs*writerRounds; got != want {
		t.Errorf("warnings counted %d, want %d", got, want)
	}
}
