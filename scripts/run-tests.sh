#!/usr/bin/env bash
# Runs go test verbosely (so every transcript and log line a test prints
# is seen), keeps the output, and fails when any password of the test
# stack, or any OAuth2 token, appears in it: no transcript, log line or
# error may show one. Meant to run inside with-servers.sh, which exports
# the passwords.
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
if [ ${#passwords[@]} -gt 0 ] && [ "$leaked" -eq 0 ]; then
  echo "run-tests: checked the output for ${#passwords[@]} test passwords: none printed"
fi

# OAuth2 tokens are made during the run, so they cannot be listed like the
# passwords; they are found by their shape instead. Hydra's access tokens,
# refresh tokens and authorization codes start with ory_at_, ory_rt_ and
# ory_ac_; an ID token is a JWT (three base64url parts, two starting with
# "eyJ", which is '{"'). A SASL transcript would show a token base64
# encoded ("user=..\x01auth=Bearer ory_at_.."), so the prefixes are also
# searched in base64, at each of the three positions a string can take in
# base64's 3-byte groups. (So a fake token in a test must not start with
# ory_at_: use another prefix.)
token_patterns=('ory_(at|rt|ac)_[A-Za-z0-9_-]{8}' 'eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}')
for prefix in ory_at_ ory_rt_ ory_ac_; do
  for pad in "" x xx; do
    # The characters that encode only the prefix's own bytes: skip those
    # shared with the padding before it and the partial group after it.
    enc=$(printf '%s%s' "$pad" "$prefix" | base64 -w0 | tr -d '=')
    skip=$(( ${#pad} == 0 ? 0 : ${#pad} + 1 ))
    keep=$(( (${#pad} + ${#prefix}) / 3 * 4 - skip ))
    # (ory_at_ and ory_ac_ share some: each is searched once)
    case " ${token_patterns[*]} " in *" ${enc:$skip:$keep} "*) ;; *) token_patterns+=("${enc:$skip:$keep}") ;; esac
  done
done
for p in "${token_patterns[@]}"; do
  if grep -n -E -- "$p" "$log" >/dev/null; then
    echo "run-tests: a test printed an OAuth2 token (pattern $p):" >&2
    # Show where, never what: the line with every word of 20+ characters hidden.
    grep -n -E -- "$p" "$log" | sed -E 's/[A-Za-z0-9_.+\/=-]{20,}/<hidden>/g' | head -5 >&2
    leaked=1
  fi
done
if [ "$leaked" -eq 0 ]; then
  echo "run-tests: checked the output for OAuth2 tokens (raw and base64): none printed"
fi
if [ "$status" -eq 0 ] && [ "$leaked" -eq 1 ]; then status=1; fi
exit "$status"
