//go:build fault

package cli

// The fault run of "one sync per account, office-wide": real
// `postbridge sync` processes — this test binary re-executed as the
// command line — started at once on one account, on one SQLite file and
// on one PostgreSQL database.

import (
	"encoding/json"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// child is one finished `postbridge` process.
type child struct {
	pid            int
	code           int
	stdout, stderr string
}

// runAtOnce starts a `postbridge ARGS...` process per command line
// together and waits for them all.
func runAtOnce(t *testing.T, lines ...[]string) []child {
	t.Helper()
	n := len(lines)
	cmds := make([]*exec.Cmd, n)
	outs := make([][2]strings.Builder, n)
	for i := range cmds {
		spec, _ := json.Marshal(lines[i])
		c := exec.Command(os.Args[0], "-test.run=^$")
		c.Env = append(os.Environ(), cliChildEnv+"="+string(spec))
		c.Stdout, c.Stderr = &outs[i][0], &outs[i][1]
		cmds[i] = c
	}
	var wg sync.WaitGroup
	start := make(chan struct{})
	for _, c := range cmds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			if err := c.Start(); err != nil {
				t.Error(err)
			}
		}()
	}
	close(start)
	wg.Wait()
	got := make([]child, n)
	for i, c := range cmds {
		c.Wait()
		got[i] = child{pid: c.Process.Pid, code: c.ProcessState.ExitCode(), stdout: outs[i][0].String(), stderr: outs[i][1].String()}
	}
	return got
}

// lockWords are what a database that two writers met says.
var lockWords = []string{"database is locked", "(5)", "(517)", "SQLITE_BUSY", "deadlock", "could not serialize", "lock"}

// Three syncs of one account at once on one SQLite file, three on one
// PostgreSQL database, 2,000 mails in a transfer-mode inbox, and beside
// them one `sync --wait`: no lock error in any output, every mail once in
// the database and once in Completed, and each process that did not get
// the account says which process has it.
func TestSyncAtOnceOneAccount(t *testing.T) {
	const mails = 2000
	tests := []struct {
		name  string
		procs int
		dsn   func(t *testing.T) string
	}{
		{"sqlite", 3, func(*testing.T) string { return "" }},
		// Three on PostgreSQL too: its import got fast enough that the
		// second of two processes could start after the first had ended.
		{"postgres", 3, func(t *testing.T) string { return mailtest.Postgres(t) }},
	}
	host, _ := os.Hostname()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mailtest.Servers(t)
			u := s.NewUser(t)
			db := heldOffice(t, s, u, tt.dsn(t), mails)
			syncArgs := []string{"--db", db, "sync", "--user", "Alice", "--json"}
			var lines [][]string
			for range tt.procs {
				lines = append(lines, syncArgs)
			}
			// One more that waits for the account: it synchronizes after
			// the others are done (finding nothing left), or first.
			lines = append(lines, append(slices.Clip(syncArgs), "--wait"))
			runs := runAtOnce(t, lines...)
			imported, held, waited := checkRuns(t, runs, host)
			if imported != mails || held+waited < 1 {
				t.Errorf("%d imported by the processes together, %d said the account was held and %d waited for it; want %d and at least one that met another",
					imported, held, waited, mails)
			}
			checkOnce(t, s, u, db, mails)
			t.Logf("%d processes and one --wait: %d imported, %d found the account held, %d waited", tt.procs, imported, held, waited)
		})
	}
}

// checkRuns checks every process's output and returns how many mails
// they imported together, how many found the account held and how many
// (with --wait) waited for it.
func checkRuns(t *testing.T, runs []child, host string) (imported, held, waited int) {
	t.Helper()
	syncers := map[int]bool{} // pids of the processes that synchronized
	var holders []int
	for _, r := range runs {
		for _, w := range lockWords {
			if strings.Contains(r.stdout+r.stderr, w) {
				t.Errorf("pid %d printed %q:\nstdout %s\nstderr %s", r.pid, w, r.stdout, r.stderr)
			}
		}
		didWait := waitLine.MatchString(r.stderr)
		var rows []syncRow
		if err := json.Unmarshal([]byte(r.stdout), &rows); r.code != ExitOK || err != nil || len(rows) != 1 || (r.stderr != "" && !didWait) {
			t.Errorf("pid %d: exit %d (%v)\nstdout %s\nstderr %s\nwant exit 0, one row, nothing on stderr", r.pid, r.code, err, r.stdout, r.stderr)
			continue
		}
		row := rows[0]
		if row.HeldBy == nil {
			syncers[r.pid] = true
			imported += row.Imported
			if didWait {
				holders = append(holders, waitedFor(r.stderr))
				waited++
			}
			continue
		}
		held++
		holders = append(holders, row.HeldBy.PID)
		if row.HeldBy.Host != host || !busyLine.MatchString(row.HeldBy.Message) ||
			!strings.Contains(row.HeldBy.Message, "(pid "+strconv.Itoa(row.HeldBy.PID)+")") {
			t.Errorf("pid %d: held_by %+v, want this host and a sentence naming it", r.pid, row.HeldBy)
		}
	}
	for _, pid := range holders {
		if !syncers[pid] {
			t.Errorf("a process said pid %d held the account; the processes that synchronized were %v", pid, syncers)
		}
	}
	return imported, held, waited
}

// waitLine is what `sync --wait` says on stderr while another process
// has the account.
var waitLine = regexp.MustCompile(`^postbridge: Alice's account is being synchronized by \S+ \(pid (\d+)\) since \d\d:\d\d; waiting until it is done \(Ctrl-C stops\)\n$`)

// waitedFor is the pid a waitLine names.
func waitedFor(stderr string) int {
	pid, _ := strconv.Atoi(waitLine.FindStringSubmatch(stderr)[1])
	return pid
}

// checkOnce: every mail once in the database and once in Completed,
// none left in the inbox.
func checkOnce(t *testing.T, s *mailtest.Stack, u mailtest.User, db string, mails int) {
	t.Helper()
	store, err := storage.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	alice, err := store.UserByName("Alice")
	if err != nil {
		t.Fatal(err)
	}
	n, _ := store.MessageCount(alice.ImapAccounts[0].ID)
	var distinct int64
	store.RawCount(&distinct)
	in, done := s.Count(t, u, "Postbridge/In"), s.Count(t, u, "Postbridge/In/Completed")
	if int(n) != mails || int(distinct) != mails || in != 0 || done != mails {
		t.Errorf("database %d rows (%d distinct), In %d, Completed %d; want %d, %d, 0, %d",
			n, distinct, in, done, mails, mails, mails)
	}
}
