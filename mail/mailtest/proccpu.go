package mailtest

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// familyCPU is the CPU time of process parent, its children alive now
// (but skip, the asking backend) and those it has reaped.
func familyCPU(parent, skip int) time.Duration {
	pm, ok := procStat(parent)
	if !ok {
		return 0
	}
	ticks := pm[11] + pm[12] + pm[13] + pm[14] // utime stime cutime cstime
	dirs, _ := os.ReadDir("/proc")
	for _, d := range dirs {
		pid, err := strconv.Atoi(d.Name())
		if err != nil || pid == skip {
			continue
		}
		if s, ok := procStat(pid); ok && s[1] == parent {
			ticks += s[11] + s[12]
		}
	}
	return time.Duration(ticks) * time.Second / 100 // USER_HZ
}

// DovecotCPU is the CPU time the test Dovecot's processes have used so
// far, as PostgresCPU: its master and the imap, login and auth
// processes it started (Dovecot starts an imap process per connection
// and reaps it when the connection ends). Zero where /proc cannot tell.
func DovecotCPU(t testing.TB) time.Duration {
	t.Helper()
	conf := need(t, "POSTBRIDGE_TEST_DOVECOT_CONF", "Dovecot")
	b, err := os.ReadFile(filepath.Join(filepath.Dir(conf), "run", "master.pid"))
	if err != nil {
		t.Fatalf("dovecot master pid: %v", err)
	}
	master, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatalf("dovecot master pid %q: %v", b, err)
	}
	return familyCPU(master, 0)
}

// procStat reads the numeric fields of /proc/PID/stat after the command
// name: [0] is the state, [1] the parent, [11] utime (proc(5) numbers
// them from 3).
func procStat(pid int) ([]int, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return nil, false
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return nil, false
	}
	var out []int
	for _, s := range strings.Fields(string(b[i+1:])) {
		n, _ := strconv.Atoi(s)
		out = append(out, n)
	}
	return out, len(out) > 14
}
