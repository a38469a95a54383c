#!/usr/bin/env bash
# Builds the Linux package (called by `make dist-linux`) for admins who try
# Postbridge on Linux first: dist/postbridge-X.Y.Z-linux-amd64.tar.xz, made
# by `fyne package -os linux`: a folder postbridge/ with usr/local/bin/postbridge,
# a .desktop file, the icon and a Makefile (`sudo make install` in it after
# unpacking). Then it checks the tarball: those files are in it, and the
# binary inside says the version FyneApp.toml has.
#
# It packages what is committed (HEAD), so a package can be rebuilt from
# its commit, and the working tree - shared with other builds and holding
# unfinished files - is neither read nor written (fyne package writes into
# the source directory).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
# shellcheck source=scripts/fyneapp.sh
. scripts/fyneapp.sh

FYNE_TOOL_VERSION=v1.7.4 # the fyne tool (fyne.io/tools/cmd/fyne@v1.7.4) for Fyne v2.7
tools=$root/bin/tools    # project-local: nothing is installed into the system
fyne=$tools/fyne

die() { echo "build-linux-dist: $*" >&2; exit 1; }

name=$(fyneapp_get Details Name)
id=$(fyneapp_get Details ID)
version=$(fyneapp_get Details Version)
build=$(fyneapp_get Details Build)
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "FyneApp.toml: Version '$version' is not X.Y.Z"
out=dist/postbridge-$version-linux-amd64.tar.xz

# (The output is kept first: grep -q stopping early would fail the pipe.)
installed=$("$fyne" version 2>/dev/null || true)
if ! grep -qF "fyne cli version: $FYNE_TOOL_VERSION" <<<"$installed"; then
  echo "build-linux-dist: installing the fyne tool $FYNE_TOOL_VERSION into $tools"
  GOBIN=$tools go install "fyne.io/tools/cmd/fyne@$FYNE_TOOL_VERSION"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/src"
git archive HEAD | tar -xf - -C "$tmp/src"
echo "build-linux-dist: packaging $(git rev-parse --short HEAD)"

echo "build-linux-dist: fyne package -os linux (a cold release build takes ~10 min)"
(cd "$tmp/src" && "$fyne" package -os linux --release)
tarball="$tmp/src/$name.tar.xz"
[ -f "$tarball" ] || die "fyne package made no $name.tar.xz"

# The contents an admin relies on.
listing=$(tar -tJf "$tarball")
for want in postbridge/usr/local/bin/postbridge "postbridge/usr/local/share/applications/$id.desktop" \
  "postbridge/usr/local/share/pixmaps/$id.png" postbridge/Makefile; do
  grep -qxF "$want" <<<"$listing" || die "$want is not in the tarball"
done
mkdir "$tmp/check"
tar -xJf "$tarball" -C "$tmp/check"
desktop="$tmp/check/postbridge/usr/local/share/applications/$id.desktop"
grep -qx "Name=$name" "$desktop" || die "$id.desktop has no Name=$name"
grep -qx "Exec=postbridge" "$desktop" || die "$id.desktop does not start postbridge"
grep -qx "Icon=$id" "$desktop" || die "$id.desktop does not name the icon $id"
got=$("$tmp/check/postbridge/usr/local/bin/postbridge" --version 2>/dev/null)
[ "$got" = "$name $version (build $build)" ] ||
  die "the packaged postbridge --version says '$got', want '$name $version (build $build)'"

# The systemd unit of `sync --watch` for a server (README, Sync and the
# service), beside the Makefile: an admin copies it to /etc/systemd/system.
# fyne package knows no such file, so the checked tree is packed again.
cp "$tmp/src/packaging/linux/postbridge-watch.service" "$tmp/check/postbridge/"
tar -cJf "$tarball" -C "$tmp/check" postbridge
tar -tJf "$tarball" | grep -qxF postbridge/postbridge-watch.service || die "postbridge-watch.service is not in the tarball"

mkdir -p dist
mv "$tarball" "$out"
echo "build-linux-dist: $out: postbridge ($got), $id.desktop, icon and postbridge-watch.service"
