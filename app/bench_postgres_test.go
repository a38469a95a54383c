package app

import (
	"testing"
	"time"

	"postbridge/mail/mailtest"
)

// BenchmarkFirstImportPostgres is BenchmarkFirstImportSideBySide's
// genmail run into a shared PostgreSQL database instead of SQLite: the
// raw fetch, mbsync and `postbridge sync` as a whole process, side by
// side on one folder (x-mbsync-process is the figure the office's
// database is held to: at least mbsync's messages per second).
// PostgreSQL keeps the raw messages in their rows; its search index
// follows the commits on a connection of its own (app/sync_index.go),
// and the child waits for the rest of it, as for SQLite (index-s).
//
// A reported figure needs a durable commit: make bench starts the test
// PostgreSQL with fsync=on (POSTBRIDGE_TEST_PG_FSYNC=on); pg-fsync says
// which it was (1 on, 0 off). statements/msg counts what the database
// executed per message (pg_stat_statements, BEGIN and COMMIT included;
// the child's schema check too), each one a round trip; pg-cpu-s is the
// server's CPU time during the import, which a loaded machine disturbs
// less than the wall-clock time. POSTBRIDGE_BENCH_MESSAGES sets the
// folder size, as for the side-by-side benchmark.
func BenchmarkFirstImportPostgres(b *testing.B) {
	n := benchMessages(b)
	var statements int64
	var fsync bool
	var runs int
	var cpu, cpuStart time.Duration
	sideBySideOn(b, n, func(o *office) { o.s.FillMaildirGenmail(b, o.alice, "Postbridge/In", n, 1) }, importHooks{
		db: func() string { return mailtest.Postgres(b) },
		before: func(o *office) {
			statements -= mailtest.PostgresCount(b, o.dbPath).Statements
			cpuStart = mailtest.PostgresCPU(b)
		},
		after: func(o *office) {
			cpu += mailtest.PostgresCPU(b) - cpuStart
			c := mailtest.PostgresCount(b, o.dbPath)
			statements += c.Statements
			fsync = c.Fsync
			runs++
		},
	})
	b.ReportMetric(float64(statements)/float64(runs*n), "statements/msg")
	b.ReportMetric(cpu.Seconds()/float64(runs), "pg-cpu-s")
	b.ReportMetric(map[bool]float64{true: 1, false: 0}[fsync], "pg-fsync")
}
