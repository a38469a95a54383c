#!/usr/bin/env bash
# Instructions per message of a Go benchmark, counted by valgrind's
# cachegrind: a figure that does not depend on the machine's load
# (BENCHMARKS.md). Usage:
#
#   scripts/bench-instructions.sh PACKAGE BENCHMARK MESSAGES_PER_ITERATION
#   scripts/bench-instructions.sh ./mail/message 'Genmail/convert$' 300
#   scripts/bench-instructions.sh ./storage 'IndexSearchGenmail$' 3000
#
# The benchmark runs twice, with -benchtime=2x and 3x; go test runs a
# benchmark function once with N=1 and once with N, so the difference of
# the two totals is exactly one iteration, set-up excluded. GOGC=off keeps
# the collector's work (which varies from run to run) out; allocations are
# what -benchmem reports. Valgrind hides SHA-NI from the program, so
# SHA-256 runs its AVX2 code here and weighs more than on the machine.
set -euo pipefail
pkg=$1 bench=$2 per=$3
bin=$(mktemp -d)/bench.test
go test -c -o "$bin" "$pkg"
count() {
	(cd "$pkg" && GOGC=off GODEBUG=asyncpreemptoff=1 GOMAXPROCS=1 \
		valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
		"$bin" -test.run '^$' -test.bench "$bench" -test.benchtime="$1x" 2>&1 |
		sed -n 's/.*I *refs: *//p' | tr -d ,)
}
a=$(count 2)
b=$(count 3)
echo "$bench: $(((b - a) / per)) instructions per message ($((b - a)) for one iteration of $per)"
rm -rf "$(dirname "$bin")"
