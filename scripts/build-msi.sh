#!/usr/bin/env bash
# Builds the Windows installer (called by `make dist-windows`):
#   dist/postbridge-X.Y.Z.msi, X.Y.Z from FyneApp.toml.
# The .exe and its console companion .com come from scripts/build-windows.sh
# (icon, version resource, subsystem, all checked there); wixl (Debian:
# wixl) wraps them following packaging/windows/postbridge.wxs;
# scripts/msi-path.sh adds the PATH entry wixl cannot write;
# scripts/check-msi.sh then reads the
# MSI back and fails the build when anything is not as the admin expects.
# With POSTBRIDGE_SIGN_PFX set, the .exe and the MSI are signed
# (scripts/sign-windows.sh says how; README, Windows, says why).
# Usage: scripts/build-msi.sh [--skip-exe]   (--skip-exe: reuse dist/windows/postbridge.exe and .com)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/fyneapp.sh
. scripts/fyneapp.sh

GOWINRES="github.com/tc-hib/go-winres@v0.3.3" # the one build-windows.sh uses
wxs=packaging/windows/postbridge.wxs
exe=dist/windows/postbridge.exe
cli=dist/windows/postbridge.com
ico=dist/windows/postbridge.ico

die() { echo "build-msi: $*" >&2; exit 1; }
command -v wixl >/dev/null || die "wixl missing (run scripts/install-deps.sh)"

version=$(fyneapp_get Details Version)
website=$(fyneapp_get "" Website)
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "FyneApp.toml: Version '$version' is not X.Y.Z"
[[ $website =~ ^https?://[A-Za-z0-9./-]+$ ]] || die "FyneApp.toml: bad Website '$website'"
msi=dist/postbridge-$version.msi

mkdir -p dist/windows
if [ "${1:-}" != "--skip-exe" ]; then
  bash scripts/build-windows.sh "$exe"
fi
[ -f "$exe" ] || die "$exe missing"
[ -f "$cli" ] || die "$cli missing"
# Signed before it goes into the MSI, so the installed program is signed
# too. Without a certificate this only says "unsigned" (sign-windows.sh).
export POSTBRIDGE_SIGN_URL=$website
bash scripts/sign-windows.sh "$exe"
bash scripts/sign-windows.sh "$cli"

# The MSI's icon (Add/Remove Programs, the shortcut) is the one inside the
# .exe, so the two cannot differ; an .ico keeps the MSI from carrying a
# second copy of the whole program in its Icon table.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go run "$GOWINRES" extract --dir "$tmp" "$exe" >/dev/null
icons=("$tmp"/*.ico)
[ -f "${icons[0]}" ] || die "$exe holds no icon"
cp "${icons[0]}" "$ico"

# wixl looks up Source files relative to the .wxs, not the current directory.
from_wxs() { realpath --relative-to="$(dirname "$wxs")" "$1"; }
echo "build-msi: wixl $wxs (version $version)"
wixl --arch x64 --output "$msi" \
  -D Version="$version" -D Website="$website" \
  -D Exe="$(from_wxs "$exe")" -D Cli="$(from_wxs "$cli")" -D Icon="$(from_wxs "$ico")" \
  "$wxs"
bash scripts/msi-path.sh "$msi" # before signing: a change after it breaks the signature

bash scripts/sign-windows.sh "$msi"
bash scripts/check-msi.sh "$msi"
echo "build-msi: $msi ($(($(stat -c %s "$msi") / 1048576)) MiB)"
