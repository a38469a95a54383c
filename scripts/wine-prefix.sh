#!/usr/bin/env bash
# Makes a fresh 64-bit Wine prefix in which Postbridge's Windows build runs
# (used by scripts/check-windows.sh; handy by hand too):
#   scripts/wine-prefix.sh DIR
# then WINEPREFIX=DIR wine ...
#
# Wine 8 (Debian's wine64) lacks bcryptprimitives.dll!ProcessPrng, which
# Go >= 1.24 calls at start; scripts/wine/processprng.c, built here with
# mingw, stands in for it. Test only: Windows 10 and later have the real DLL.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
prefix=${1:?usage: scripts/wine-prefix.sh DIR}

die() { echo "wine-prefix: $*" >&2; exit 1; }
for tool in wine wineboot wineserver x86_64-w64-mingw32-gcc; do
  command -v "$tool" >/dev/null || die "$tool missing (run scripts/install-deps.sh)"
done
[ ! -e "$prefix/system.reg" ] || die "$prefix is already a Wine prefix; give a new directory"

export WINEPREFIX=$prefix WINEARCH=win64 WINEDEBUG=${WINEDEBUG:--all}
# No Mono/Gecko download dialogs: Postbridge needs neither.
export WINEDLLOVERRIDES="mscoree,mshtml=;${WINEDLLOVERRIDES:-}"
mkdir -p "$prefix"
wineboot -i >/dev/null 2>&1 || die "wineboot -i failed in $prefix"
wineserver -w

sys32="$prefix/drive_c/windows/system32"
[ -d "$sys32" ] || die "$sys32 missing after wineboot"
x86_64-w64-mingw32-gcc -shared -O2 -o "$sys32/bcryptprimitives.dll" \
  "$here/wine/processprng.c" -ladvapi32 ||
  die "building the ProcessPrng shim failed"
echo "wine-prefix: $prefix ready ($(wine --version), ProcessPrng shim installed)"
