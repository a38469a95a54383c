#!/usr/bin/env bash
# Runs go test verbosely (so every transcript and log line a test prints
# is seen), keeps the output, and fails when any password of the test
# stack appears in it: no transcript, log line or error may show one.
# Meant to run inside with-servers.sh, which exports the passwords.
#   scripts/run-tests.sh [go test flags and packages]
set -uo pipefail
log=$(mktemp "${TMPDIR:-/tmp}/postbridge-test.XXXXXX")
trap 'rm -f "$log"' EXIT

go test -v "$@" > "$log" 2>&1
status=$?
# The full log is long; RUN/PAUSE/CONT and PASS lines carry no news.
grep -v -E '^\s*(=== (RUN|PAUSE|CONT|NAME)|--- PASS)' "$log"

passwords=()
[ -n "${POSTBRIDGE_TEST_SHARED_PASSWORD:-}" ] && passwords+=("$POSTBRIDGE_TEST_SHARED_PASSWORD")
for u in ${POSTBRIDGE_TEST_USERS:-}; do passwords+=("${u##*:}"); done
leaked=0
for p in "${passwords[@]}"; do
  if grep -n -F -- "$p" "$log" >/dev/null; then
    echo "run-tests: a test printed a password of the test stack:" >&2
    grep -n -F -- "$p" "$log" | sed "s/$p/<the password>/g" | head -5 >&2
    leaked=1
  fi
done
if [ "$status" -eq 0 ] && [ "$leaked" -eq 1 ]; then status=1; fi
if [ ${#passwords[@]} -gt 0 ] && [ "$leaked" -eq 0 ]; then
  echo "run-tests: checked the output for ${#passwords[@]} test passwords: none printed"
fi
exit "$status"
