# shellcheck shell=bash
# Sourced by scripts/check-windows.sh: running steps, and the installed
# postbridge.exe, under Wine. Needs $work (a temporary directory).

export WINEDEBUG=-all WINEARCH=win64
export WINEDLLOVERRIDES="mscoree,mshtml="
current_step=""

# fail WHY stops the run, naming the step that failed.
fail() {
  echo "check-windows: FAIL $current_step: $*" >&2
  exit 1
}

# step NAME WHAT FUNCTION runs one check; a command failing inside it
# (set -e) is reported like fail, with the command that failed.
step() {
  current_step=$1
  local start=$SECONDS
  echo "check-windows: $1: $2"
  "$3"
  echo "check-windows: $1: ok ($((SECONDS - start))s)"
}
set -E
trap 'echo "check-windows: FAIL ${current_step:-setup}: \"$BASH_COMMAND\" failed (line $LINENO)" >&2' ERR

# Where the MSI puts the program, as Windows and as Linux see it.
exe_win='C:\Program Files\Postbridge\postbridge.exe'
exe_unix() { echo "$WINEPREFIX/drive_c/Program Files/Postbridge/postbridge.exe"; }

# pb ARGS runs the installed postbridge.exe.
pb() { wine "$exe_win" "$@"; }

# msi ARGS runs msiexec and prints its exit code instead of failing.
msi() {
  local code=0
  wine msiexec "$@" >/dev/null 2>&1 || code=$?
  wineserver -w
  echo "$code"
}

# wine_stop ends the processes of this prefix (and the X server we started).
wine_stop() {
  if [ -n "${WINEPREFIX:-}" ] && [ -d "$WINEPREFIX" ]; then
    wineserver -k 2>/dev/null || true
  fi
  if [ -n "${xvfb_pid:-}" ]; then
    kill "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
  fi
}
