#!/usr/bin/env bash
# Installs every Debian package Postbridge needs to build, test and run.
# Idempotent: packages already present are skipped; apt-get update runs only
# when something is missing. Noninteractive, so CI and `make run` can call it.
set -euo pipefail

packages=(
  # real servers the tests run against
  dovecot-imapd dovecot-lmtpd postfix postgresql
  # DKIM signing of the test mail (a real signature to verify)
  opendkim opendkim-tools
  gnome-keyring dbus-x11 libsecret-tools
  # certificates for the private servers
  openssl ca-certificates
  # Fyne's GLFW driver (the window) and a headless X for looking at it
  libgl1-mesa-dev xorg-dev xvfb x11-utils
  # looking at the real window: xwd grabs it, imagemagick turns it into PNG
  x11-apps imagemagick
  # Windows cross build, and the MSI around it (wixl builds, msiinfo checks)
  gcc-mingw-w64-x86-64 wixl msitools
  # make check-windows: the MSI and the .exe run under Wine 8; signing
  wine wine64 osslsigncode jq
  # make check-windows opens a message in the window: a click through XTest
  python3 libxtst6
  # benchmark peers and measuring
  isync time
  # the parity test reads the screenshots (ui/parity_ocr_test.go), and
  # make check-windows the Windows window's language
  tesseract-ocr tesseract-ocr-nld tesseract-ocr-deu tesseract-ocr-nor
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
# Postfix asks which kind of mail system this is; the tests configure their own.
echo "postfix postfix/main_mailer_type select No configuration" | $sudo debconf-set-selections
echo "installing: ${missing[*]}"
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
