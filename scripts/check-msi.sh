#!/usr/bin/env bash
# Reads a built Postbridge MSI back with msitools and fails unless it is
# what an admin deploying it expects (called by scripts/build-msi.sh, so by
# `make dist-windows` and CI). Usage: scripts/check-msi.sh FILE.msi
#
# Checked against FyneApp.toml and the fixed upgrade code: product name,
# version and upgrade code; a per-machine x64 package under Program Files;
# MajorUpgrade (a newer MSI removes the older one); postbridge.exe in it,
# carrying the same version in its Windows version resource; postbridge.com
# (its console companion) beside it, and that folder appended to the system
# PATH; the Start-menu shortcut pointing at the .exe. Every failure is
# listed, then exit 1.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/fyneapp.sh
. scripts/fyneapp.sh

# Windows knows "the same product" by this code: it must never change
# (packaging/windows/postbridge.wxs says so too).
UPGRADE_CODE="{8A7F2E1E-9188-4D5E-BA4C-8BD281D2C28A}"
GOWINRES="github.com/tc-hib/go-winres@v0.3.3"

msi=${1:?usage: scripts/check-msi.sh FILE.msi}
[ -f "$msi" ] || { echo "check-msi: $msi not found" >&2; exit 1; }
for tool in msiinfo msiextract; do
  command -v "$tool" >/dev/null || { echo "check-msi: $tool missing (Debian: msitools)" >&2; exit 1; }
done

name=$(fyneapp_get Details Name)
version=$(fyneapp_get Details Version)
build=$(fyneapp_get Details Build)

failures=()
fail() { failures+=("$*"); }

# table NAME prints an MSI table's rows, tab-separated, without the three
# header lines msiinfo export writes (column names, types, table name).
table() { msiinfo export "$msi" "$1" | tail -n +4 | tr -d '\r'; }
# value TABLE KEY-COLUMN-VALUE COLUMN-NUMBER: one field of the row whose
# first column is KEY.
value() { table "$1" | awk -F'\t' -v k="$2" -v c="$3" '$1 == k { print $c; exit }'; }

expect() { # expect WHAT GOT WANT
  [ "$2" = "$3" ] || fail "$1 is '$2', want '$3'"
}

expect "ProductName" "$(value Property ProductName 2)" "$name"
expect "ProductVersion" "$(value Property ProductVersion 2)" "$version"
expect "UpgradeCode" "$(value Property UpgradeCode 2)" "$UPGRADE_CODE"
expect "ALLUSERS (per-machine install)" "$(value Property ALLUSERS 2)" "1"
expect "summary Template (platform;language)" \
  "$(msiinfo suminfo "$msi" | sed -n 's/^Template: //p')" "x64;1033"

# MajorUpgrade: an Upgrade row for our code that finds older versions, and
# RemoveExistingProducts in the install sequence to remove them.
table Upgrade | awk -F'\t' -v u="$UPGRADE_CODE" '$1 == u && $7 == "WIX_UPGRADE_DETECTED" { f = 1 } END { exit !f }' ||
  fail "no Upgrade row for $UPGRADE_CODE that detects older versions (MajorUpgrade)"
[ -n "$(value InstallExecuteSequence RemoveExistingProducts 3)" ] ||
  fail "InstallExecuteSequence has no RemoveExistingProducts: a newer MSI would not replace an older one"

# postbridge.exe in INSTALLDIR = Program Files (64-bit)\Postbridge.
expect "INSTALLDIR's parent" "$(value Directory INSTALLDIR 2)" "ProgramFiles64Folder"
expect "INSTALLDIR's name" "$(value Directory INSTALLDIR 3)" "Postbridge"
for file in postbridge.exe postbridge.com; do
  component=$(table File | awk -F'\t' -v f="$file" '$3 == f { print $2; exit }')
  if [ -z "$component" ]; then
    fail "no file $file in the File table"
  else
    expect "$file's directory" "$(value Component "$component" 3)" "INSTALLDIR"
  fi
done

# The PATH (scripts/msi-path.sh): the install folder put first on the
# system's Path, removed again at uninstall, with the actions that do it.
expect "Environment row" "$(table Environment 2>/dev/null | grep -v '^Environment' | head -n 1)" \
  "PostbridgePath	=-*Path	[INSTALLDIR];[~]	PostbridgeCli"
for action in WriteEnvironmentStrings RemoveEnvironmentStrings; do
  [ -n "$(value InstallExecuteSequence "$action" 3)" ] ||
    fail "InstallExecuteSequence has no $action: the PATH would not change"
done

# The Start-menu shortcut: in ProgramMenuFolder, named after the product,
# starting the installed exe.
shortcut=$(table Shortcut | awk -F'\t' -v n="$name" '$3 == n { print; exit }')
if [ -z "$shortcut" ]; then
  fail "no shortcut named $name in the Shortcut table"
else
  expect "shortcut directory" "$(cut -f2 <<<"$shortcut")" "ProgramMenuFolder"
  expect "shortcut target" "$(cut -f5 <<<"$shortcut")" "[INSTALLDIR]postbridge.exe"
fi

# The exe inside carries the same version as the MSI and FyneApp.toml.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
msiextract -C "$tmp/files" "$msi" >/dev/null
for file in postbridge.exe postbridge.com; do
  inner=$(find "$tmp/files" -type f -name "$file" | head -n 1)
  if [ -z "$inner" ]; then
    fail "msiextract found no $file in the cabinet"
    continue
  fi
  rm -rf "$tmp/res"
  go run "$GOWINRES" extract --dir "$tmp/res" "$inner" >/dev/null
  grep -q "\"file_version\": \"$version.$build\"" "$tmp/res/winres.json" ||
    fail "$file's version resource is not $version.$build"
  grep -q "\"ProductName\": \"$name\"" "$tmp/res/winres.json" ||
    fail "$file's version resource does not name $name"
done

if [ ${#failures[@]} -gt 0 ]; then
  echo "check-msi: $msi is not what an admin expects:" >&2
  printf '  %s\n' "${failures[@]}" >&2
  exit 1
fi
echo "check-msi: $msi: $name $version, upgrade code $UPGRADE_CODE, per-machine x64," \
  "postbridge.exe and .com ($version.$build) in Program Files\\Postbridge, on the PATH," \
  "Start-menu shortcut: ok"
