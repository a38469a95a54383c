#!/usr/bin/env bash
# make check-windows: the MSI that `make dist-windows` built, installed and
# used as an admin would, under Wine in a fresh prefix, against the private
# Dovecot and Postfix of the test stack. Run inside with-servers.sh:
#   scripts/with-servers.sh bash scripts/check-windows.sh [MSI]
# WINDOWS_SCREENSHOT=FILE also writes the window's screenshot there;
# POSTBRIDGE_SIGN_CA=CERT checks the signatures against that certificate
# (CI signs with a throwaway one; without it, under CI=true, that fails);
# CHECK_WINDOWS_KEEP=1 keeps the prefix and the outputs for a look.
#
# Each step says what it proves; the first that fails stops the run with
# "check-windows: FAIL <step>: <why>". Wine and the ProcessPrng shim come
# from scripts/wine-prefix.sh; the shim is a test-only stand-in.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
# shellcheck source=scripts/fyneapp.sh
. scripts/fyneapp.sh
# shellcheck source=scripts/wine/lib.sh
. scripts/wine/lib.sh

version=$(fyneapp_get Details Version)
msi=$(realpath "${1:-dist/postbridge-$version.msi}")
[ -f "$msi" ] || { echo "check-windows: $msi missing (make dist-windows first)" >&2; exit 1; }
for v in POSTBRIDGE_TEST_IMAPS POSTBRIDGE_TEST_SUBMISSION POSTBRIDGE_TEST_SHARED_PASSWORD \
  POSTBRIDGE_TEST_DOVECOT_CONF POSTBRIDGE_TEST_CERT; do
  [ -n "${!v:-}" ] || { echo "check-windows: $v unset: run inside scripts/with-servers.sh" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/postbridge-wine.XXXXXX")
cleanup() {
  wine_stop
  # The Windows test programs may still be compiling after an early failure.
  if [ -n "${tests_pid:-}" ]; then kill "$tests_pid" 2>/dev/null || true; fi
  if [ -n "${CHECK_WINDOWS_KEEP:-}" ]; then
    echo "check-windows: kept $work (prefix, outputs)"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
SECONDS=0

# shellcheck source=scripts/wine/steps.sh
. scripts/wine/steps.sh
# shellcheck source=scripts/wine/console.sh
. scripts/wine/console.sh
# shellcheck source=scripts/wine/window.sh
. scripts/wine/window.sh

step signature "the MSI and the postbridge.exe and .com in it carry a valid signature" check_signature
step prefix "a fresh Wine prefix with the ProcessPrng shim" make_prefix
step install "msiexec /i $(basename "$msi") /qn installs postbridge.exe and the shortcut" install_msi
step path "postbridge.com beside it, its folder once on the system PATH" path_set
step version "--version says the version of FyneApp.toml ($version)" check_version
step settings "settings import with a drive path and a path with spaces" import_settings
step secret "secret set into the Credential Manager, absent from the database" store_secrets
step long-secret "a 6 KB secret through split Credential Manager entries" long_secret
step check "check imap and check smtp against Dovecot and Postfix" check_servers
step send-test "send-test through Postfix into Dovecot" send_test
step sync "sync saves attachments under the Windows path with safe names" sync_attachments
step messages "messages --json lists the mail and its attachment paths" list_messages
step console "the README's Windows commands in cmd: postbridge.com from the PATH, output, %ERRORLEVEL%" console_readme
step exit-codes "errors through cmd: exit codes 1 and 2, one sentence on stderr, input from a pipe" console_codes
step readme-paths "every program path the README names was installed" readme_paths
step file-api "attachment names on the Windows file API (Go tests under Wine)" file_api_tests
step demo "the demo office on a database of its own (--db), its mails delivered and synchronised" demo_office
step window "the window opens under Xvfb in Dutch (--lang nl) on the demo office, light mode" open_window
step reinstall "the same MSI installed twice keeps one working install" install_twice
step upgrade "a newer MSI replaces the older; an older one over it is refused" upgrade_downgrade
step uninstall "msiexec /x removes the program, leaves the PATH as before, keeps the database and passwords" uninstall_msi
step secrets "no password or token in any output, nor readable in the registry" no_secrets_shown

echo "check-windows: all steps passed in ${SECONDS}s"
