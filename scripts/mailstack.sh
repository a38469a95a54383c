#!/usr/bin/env bash
# Starts or stops Postbridge's private test servers in one state directory:
#   scripts/mailstack.sh start DIR   Hydra (OAuth2), Dovecot, OpenDKIM, Postfix, PostgreSQL;
#                                    writes DIR/env
#   scripts/mailstack.sh stop DIR    stops what start started, by PID
# Everything listens on 127.0.0.1 on free unprivileged ports, runs without
# systemd and touches nothing under /etc. Dovecot and Postfix need root
# (as in CI); without root, or when a server fails, the run fails under
# CI=true and otherwise goes on without that server (its tests skip).
# Hydra is built on first use and cached (scripts/mailstack/hydra.sh).
# The gnome-keyring part lives in keyring.sh: it must run inside the
# D-Bus session of the command under test (see with-servers.sh).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=mailstack/lib.sh
. "$here/mailstack/lib.sh"

cmd="${1:-}"
dir="${2:-}"
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

case "$cmd" in
  start)
    : > "$dir/env"
    chmod 755 "$dir"   # Dovecot's and Postfix's unprivileged processes must reach their sockets
    . "$here/mailstack/pki.sh";      make_pki "$dir"
    # PostgreSQL first: Hydra keeps its data there. Hydra before Dovecot:
    # Dovecot's oauth2 passdb asks Hydra about tokens.
    . "$here/mailstack/postgres.sh"; start_or_fail postgres start_postgres "$dir"
    . "$here/mailstack/hydra.sh";    start_or_fail hydra start_hydra "$dir"
    . "$here/mailstack/dovecot.sh";  start_or_fail dovecot start_dovecot "$dir"
    # OpenDKIM before Postfix: Postfix's DKIM listener uses it as a milter.
    . "$here/mailstack/opendkim.sh"; start_or_fail opendkim start_opendkim "$dir"
    . "$here/mailstack/postfix.sh";  start_or_fail postfix start_postfix "$dir"
    echo "export POSTBRIDGE_TEST_DIR='$dir'" >> "$dir/env"
    ;;
  stop)
    # In parallel: each waits for its server to exit, and they need not
    # wait for each other.
    . "$here/mailstack/postgres.sh"; stop_postgres "$dir" &
    . "$here/mailstack/postfix.sh";  stop_postfix "$dir" &
    . "$here/mailstack/dovecot.sh";  stop_dovecot "$dir" &
    . "$here/mailstack/hydra.sh";    stop_hydra "$dir" &
    . "$here/mailstack/opendkim.sh"; stop_opendkim "$dir" &
    wait
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
