#!/usr/bin/env bash
# Runs a command with Postbridge's real test servers around it:
#   scripts/with-servers.sh go test ./...
# Starts Dovecot, Postfix and PostgreSQL in a temporary directory (see
# mailstack.sh) and gnome-keyring on a private D-Bus session, exports their
# addresses as POSTBRIDGE_TEST_* for mail/mailtest, runs the command, and
# stops everything it started, whatever happens. Exits with the command's
# status.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ $# -gt 0 ] || { echo "usage: $0 CMD [ARGS...]" >&2; exit 2; }

state=$(mktemp -d "${TMPDIR:-/tmp}/postbridge-servers.XXXXXX")
cleanup() {
  bash "$here/mailstack.sh" stop "$state" || true
  rm -rf "$state"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bash "$here/mailstack.sh" start "$state"
set -a
# shellcheck disable=SC1091
. "$state/env"
set +a
dbus-run-session -- bash "$here/mailstack/keyring.sh" "$state" "$@"
