#!/usr/bin/env bash
# Signs Windows files with Authenticode (osslsigncode), in place, when a
# certificate is given; otherwise says "unsigned" and changes nothing.
# Called by scripts/build-msi.sh for postbridge.exe and the MSI.
#   scripts/sign-windows.sh FILE...
#
# The certificate (never in the repository):
#   POSTBRIDGE_SIGN_PFX            the PKCS#12 file (.pfx) with key and chain
# and its password, the first of:
#   POSTBRIDGE_SIGN_PASSWORD_FILE  a file holding it
#   POSTBRIDGE_SIGN_PASSWORD       the environment
#   the keyring                    service Postbridge, key signing/pfx
#                                  (secret-tool store --label='Postbridge signing'
#                                   service Postbridge username signing/pfx)
#   POSTBRIDGE_SIGN_TIMESTAMP_URL  optional RFC 3161 time-stamping server, so
#                                  the signature outlives the certificate
# The password reaches osslsigncode in a private temporary file: never on
# a command line (ps shows those), in a log or in this script's output.
set -euo pipefail

die() { echo "sign-windows: $*" >&2; exit 1; }
[ $# -gt 0 ] || die "usage: scripts/sign-windows.sh FILE..."

pfx=${POSTBRIDGE_SIGN_PFX:-}
if [ -z "$pfx" ]; then
  echo "sign-windows: unsigned: $* (set POSTBRIDGE_SIGN_PFX to sign; see README, Windows)"
  exit 0
fi
[ -f "$pfx" ] || die "POSTBRIDGE_SIGN_PFX: $pfx not found"
command -v osslsigncode >/dev/null || die "osslsigncode missing (run scripts/install-deps.sh)"

# sign_password prints the PFX password from the first source that has one.
sign_password() {
  if [ -n "${POSTBRIDGE_SIGN_PASSWORD_FILE:-}" ]; then
    [ -r "$POSTBRIDGE_SIGN_PASSWORD_FILE" ] || die "POSTBRIDGE_SIGN_PASSWORD_FILE is not readable"
    head -n 1 "$POSTBRIDGE_SIGN_PASSWORD_FILE" | tr -d '\r\n'
  elif [ -n "${POSTBRIDGE_SIGN_PASSWORD+set}" ]; then
    printf '%s' "$POSTBRIDGE_SIGN_PASSWORD"
  elif command -v secret-tool >/dev/null; then
    local v
    v=$(secret-tool lookup service Postbridge username signing/pfx) ||
      die "no PFX password: set POSTBRIDGE_SIGN_PASSWORD(_FILE) or store it in the keyring (signing/pfx)"
    printf '%s' "$v"
  else
    die "no PFX password: set POSTBRIDGE_SIGN_PASSWORD or POSTBRIDGE_SIGN_PASSWORD_FILE"
  fi
}

ts=()
if [ -n "${POSTBRIDGE_SIGN_TIMESTAMP_URL:-}" ]; then
  ts=(-ts "$POSTBRIDGE_SIGN_TIMESTAMP_URL")
fi
# osslsigncode reads the password from a file (-readpass); Debian 12's
# 2.5 cannot read it from stdin. The file is private (umask 077), holds no
# newline, and is removed whatever happens.
umask 077
passdir=$(mktemp -d)
trap 'rm -rf "$passdir"' EXIT
sign_password >"$passdir/password"
for f in "$@"; do
  [ -f "$f" ] || die "$f not found"
  # osslsigncode writes a new file; the old one stays until it succeeded.
  # Its messages may name the file and the certificate, never the password.
  osslsigncode sign -pkcs12 "$pfx" -readpass "$passdir/password" -h sha256 \
    -n Postbridge -i "${POSTBRIDGE_SIGN_URL:-https://postbridge.test}" "${ts[@]}" \
    -in "$f" -out "$f.signed" >/dev/null || { rm -f "$f.signed"; die "signing $f failed"; }
  mv "$f.signed" "$f"
  echo "sign-windows: signed $f${ts:+ (time-stamped)}"
done
