#!/usr/bin/env bash
# Cross-builds postbridge.exe for 64-bit Windows with mingw-w64 (cgo is
# needed by Fyne's GLFW driver) and embeds the icon, the version and a
# manifest as Windows resources. go-winres writes them into a .syso file
# that the Go linker picks up from the main package directory; this is far
# quicker than `fyne package`, which builds twice.
set -euo pipefail
cd "$(dirname "$0")/.."

GOWINRES="github.com/tc-hib/go-winres@v0.3.3"
version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
build=$(sed -n 's/^Build *= *\([0-9]*\)/\1/p' FyneApp.toml)
out=${1:-postbridge.exe}

command -v x86_64-w64-mingw32-gcc >/dev/null || {
  echo "build-windows: x86_64-w64-mingw32-gcc missing (run scripts/install-deps.sh)" >&2; exit 1; }

syso=rsrc_windows_amd64.syso
trap 'rm -f "$syso"' EXIT
go run "$GOWINRES" simply --arch amd64 --out rsrc \
  --icon assets/icon.png --manifest gui \
  --product-name Postbridge --file-description "Postbridge" \
  --product-version "$version.$build" --file-version "$version.$build" \
  --original-filename postbridge.exe --copyright "Postbridge developers"

CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
  go build -trimpath -ldflags "-H=windowsgui -s -w" -o "$out" .

# A PE32+ file starts with "MZ" and carries "PE\0\0" at the offset stored
# at 0x3c; the icon is a RT_GROUP_ICON resource in the .rsrc section.
magic=$(head -c 2 "$out")
pe_off=$(od -An -t u4 -j 60 -N 4 "$out" | tr -d ' ')
pe_sig=$(od -An -c -j "$pe_off" -N 4 "$out" | tr -d ' ')
[ "$magic" = "MZ" ] && [ "$pe_sig" = 'PE\0\0' ] || { echo "build-windows: $out is not a PE file" >&2; exit 1; }
x86_64-w64-mingw32-objdump -h "$out" | grep -q '\.rsrc' || { echo "build-windows: no resource section in $out" >&2; exit 1; }
extracted=$(mktemp -d)
go run "$GOWINRES" extract --dir "$extracted" "$out" >/dev/null
ls "$extracted"/*.ico >/dev/null 2>&1 || { echo "build-windows: no icon resource in $out" >&2; exit 1; }
rm -rf "$extracted"
echo "built $out ($(du -h "$out" | cut -f1)), Windows PE32+ with icon and version $version.$build"
