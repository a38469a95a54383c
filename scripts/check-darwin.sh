#!/usr/bin/env bash
# make check-darwin: every package that can be compiled for macOS here is
# vetted (so compiled and type-checked) for darwin/arm64 and darwin/amd64,
# so a Mac-only error in the keyring, paths or syscalls shows on a change.
#
# Not the packages that import Fyne (main, ui): on darwin Fyne's
# window and widgets are cgo against a Mac's SDK, which Linux lacks. Their
# macOS build stays with .github/workflows/macos.yml on a Mac.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS=0
for arch in arm64 amd64; do
  export GOOS=darwin GOARCH=$arch CGO_ENABLED=0
  # -e: main cannot even be listed for darwin without cgo; it is skipped.
  mapfile -t pkgs < <(go list -e -f '{{.ImportPath}}{{range .Deps}}{{if eq . "fyne.io/fyne/v2"}} fyne{{end}}{{end}}' ./... |
    grep -v ' fyne$')
  [ ${#pkgs[@]} -gt 10 ] || { echo "check-darwin: only ${#pkgs[@]} packages found" >&2; exit 1; }
  go vet "${pkgs[@]}"
  echo "check-darwin: $GOOS/$GOARCH: ${#pkgs[@]} packages vet clean"
done
echo "check-darwin: ${SECONDS}s (main and ui need a Mac: Fyne is cgo there)"
