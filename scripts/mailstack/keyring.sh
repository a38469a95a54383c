#!/usr/bin/env bash
# Runs inside a private D-Bus session (dbus-run-session): starts an
# unlocked gnome-keyring holding only a throwaway keyring, waits until it
# owns org.freedesktop.secrets, runs the command, then stops the daemon.
#   keyring.sh STATEDIR CMD ARGS...
set -euo pipefail
dir=$1; shift
d="$dir/keyring"
mkdir -p "$d/home" "$d/data"

keyring_ready() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'
}

keyring_pid() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null |
    awk '/uint32/ {print $2}'
}

started=no
# The keyring file goes to the state directory, not the user's home.
if printf 'postbridge-test' | HOME="$d/home" XDG_DATA_HOME="$d/data" \
    gnome-keyring-daemon --unlock --components=secrets > "$d/daemon.env" 2> "$d/keyring.log"; then
  # --unlock returns before the daemon owns its bus name; without this wait
  # a second, locked daemon may be activated and the first test flakes.
  for _ in $(seq 1 100); do
    if keyring_ready; then started=yes; break; fi
    sleep 0.1
  done
fi
if [ "$started" = yes ]; then
  keyring_pid > "$d/pid" || true
  export POSTBRIDGE_TEST_KEYRING=1
else
  echo "keyring: gnome-keyring did not start:" >&2
  tail -n 20 "$d/keyring.log" >&2 || true
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  echo "keyring: going on without it (keyring tests will skip)" >&2
fi

status=0
"$@" || status=$?

if [ -s "$d/pid" ]; then
  pid=$(cat "$d/pid")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
fi
exit "$status"
