# shellcheck shell=bash
# The steps of scripts/check-windows.sh, in the order it runs them; each
# leaves what the next one needs in the variables at the top.

user="Tess"                            # the Postbridge user of the checks
login="t$(openssl rand -hex 5)"        # a fresh Dovecot mailbox (shared test password)
drive_root='C:\Attachments'            # a plain drive path
# A path with spaces, long enough that a 200-byte attachment name would
# make the full path longer than Windows' 260 characters.
att_win='C:\Office Data\Mail attachments of Bouwbedrijf De Vries B.V. for every workstation'
secret_key="user/$user/imap"
long_key="user/$user/oauth-token"

# The Go tests that run as Windows programs are compiled while Wine sets up
# its prefix; test_programs waits for them once and fails if they did not build.
mkdir -p "$work/tests"
GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go test -c -tags wine -o "$work/tests/" \
  ./storage ./mail/message >"$work/tests.log" 2>&1 &
tests_pid=$!
tests_built=""
test_programs() {
  if [ -z "$tests_built" ]; then
    tests_built=no
    wait "$tests_pid" && tests_built=yes
  fi
  [ "$tests_built" = yes ] || fail "go test -c for Windows failed: $(tail -5 "$work/tests.log")"
}

# unix_of 'C:\x' prints the Linux path of a Windows path in the prefix.
unix_of() { winepath -u "$1" 2>/dev/null; }

# verify_signed FILE checks its Authenticode signature with osslsigncode.
verify_signed() {
  osslsigncode verify -CAfile "$POSTBRIDGE_SIGN_CA" -in "$1" >"$work/verify.txt" 2>&1 ||
    fail "$(basename "$1") is not validly signed: $(grep -iE 'fail|error|no signature' "$work/verify.txt" | head -3)"
}

check_signature() {
  if [ -z "${POSTBRIDGE_SIGN_CA:-}" ]; then
    [ "${CI:-}" != true ] || fail "CI=true but no POSTBRIDGE_SIGN_CA: .ci/run signs with a test certificate"
    echo "check-windows: signature: unsigned build, not checked (set POSTBRIDGE_SIGN_CA)"
    return 0
  fi
  verify_signed "$msi"
  mkdir -p "$work/files"
  msiextract -C "$work/files" "$msi" >/dev/null
  verify_signed "$(find "$work/files" -name postbridge.exe | head -n1)"
  verify_signed "$(find "$work/files" -name postbridge.com | head -n1)"
}

make_prefix() {
  export WINEPREFIX="$work/prefix"
  bash scripts/wine-prefix.sh "$WINEPREFIX"
  [ -f "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" ] || fail "no shim in the prefix"
}

install_msi() {
  local code
  path_before=$(system_path) # global: the uninstall must leave it so
  code=$(msi /i "$(winepath -w "$msi")" /qn)
  [ "$code" = 0 ] || fail "msiexec /i exited $code"
  [ -f "$(exe_unix)" ] || fail "$exe_win missing after install"
  # Wine puts a per-machine shortcut in the user's Start menu folder.
  [ -n "$(find "$WINEPREFIX/drive_c" -path '*/Start Menu/Programs/Postbridge.lnk')" ] ||
    fail "no Postbridge shortcut in the Start menu"
}

# the_version is what --version prints, all from FyneApp.toml.
the_version() { echo "$(fyneapp_get Details Name) $version (build $(fyneapp_get Details Build))"; }

check_version() {
  local got
  got=$(pb --version | tr -d '\r')
  [ "$got" = "$(the_version)" ] || fail "postbridge.exe --version printed '$got', want '$(the_version)'"
}

# settings_json ATTACHMENT_PATH prints the office of these checks.
settings_json() {
  local fp host port shost sport
  fp=$(openssl x509 -in "$POSTBRIDGE_TEST_CERT" -noout -fingerprint -sha256 | cut -d= -f2)
  host=${POSTBRIDGE_TEST_IMAPS%:*} port=${POSTBRIDGE_TEST_IMAPS##*:}
  shost=${POSTBRIDGE_TEST_SUBMISSION%:*} sport=${POSTBRIDGE_TEST_SUBMISSION##*:}
  jq -n --arg att "$1" --arg fp "$fp" --arg host "$host" --argjson port "$port" \
    --arg shost "$shost" --argjson sport "$sport" --arg login "$login" --arg user "$user" \
    --arg key "$secret_key" '{
    company: {name: "Wine BV", email: ($login + "@acme.test"), attachment_path: $att,
      smtp: {host: $shost, port: $sport, security: "starttls", auth: true, username: $login,
             secret: "company/smtp", tls_fingerprint: $fp},
      imap: {host: $host, port: $port, security: "tls", tls_fingerprint: $fp}},
    users: [{name: $user, email: ($login + "@acme.test"),
      imap: [{username: $login, secret: $key, mode: "transfer", inbox: "Postbridge/In",
              outbox: "Postbridge/Out", sent: "Sent", drafts: "Drafts"}]}]}'
}

# import_as WINPATH imports the settings with that attachment path and
# checks that an export gives it back unchanged.
import_as() {
  local got
  mkdir -p "$(unix_of "$1")"
  settings_json "$1" >"$work/settings.json"
  pb settings import "$(winepath -w "$work/settings.json")" >/dev/null
  got=$(pb settings export - | jq -r .company.attachment_path)
  [ "$got" = "$1" ] || fail "attachment path after import is '$got', want '$1'"
}

import_settings() {
  import_as "$drive_root"
  import_as "$att_win"
}

# db_files prints the database (and its WAL) under %AppData%\Postbridge.
db_files() {
  find "$WINEPREFIX/drive_c/users" -path '*/AppData/Roaming/Postbridge/postbridge.db*' -type f
}

# credentials prints the entries in Wine's Credential Manager, as
# "Generic: <target>"; go-keyring's target is "Postbridge:<key>".
credentials() {
  wine reg query 'HKCU\Software\Wine\Credential Manager' 2>/dev/null | tr -d '\r' |
    sed -n 's/^HKEY_CURRENT_USER\\Software\\Wine\\Credential Manager\\//p'
}

store_secrets() {
  local key f
  for key in "$secret_key" company/smtp; do
    printf '%s\n' "$POSTBRIDGE_TEST_SHARED_PASSWORD" | pb secret set "$key" 2>/dev/null
    credentials | grep -qxF "Generic: Postbridge:$key" ||
      fail "no Credential Manager entry Postbridge:$key (have: $(credentials | tr '\n' ' '))"
  done
  [ -n "$(db_files)" ] || fail "no database under %AppData%\\Postbridge"
  while read -r f; do
    if grep -qaF -- "$POSTBRIDGE_TEST_SHARED_PASSWORD" "$f"; then fail "the password is in $f"; fi
  done < <(db_files)
}

long_secret() {
  local n out
  long=$(openssl rand -hex 3072) # 6,144 bytes; global: no_secrets_shown looks for it
  printf '%s\n' "$long" | pb secret set "$long_key" 2>/dev/null ||
    fail "secret set of a 6 KB value failed"
  n=$(credentials | grep -cF "Generic: Postbridge:$long_key" || true)
  [ "$n" -ge 3 ] || fail "$n Credential Manager entries for $long_key, want it split over 3 or more"
  # Read back by storage.Keyring, as a Windows program on the same
  # Credential Manager; only a hash of the secret is handed over.
  out=$work/tests/storage.test.exe
  test_programs
  (cd storage && POSTBRIDGE_TEST_SECRET_KEY="$long_key" \
    POSTBRIDGE_TEST_SECRET_SHA256="$(printf '%s' "$long" | sha256sum | cut -d' ' -f1)" \
    wine "$out" -test.run 'TestKeyringReadsSecretSetElsewhere|TestKeyringLongSecretOnCredentialManager|TestKeyringRoundTrip' \
    -test.v) 2>&1 | tr -d '\r' >"$work/keyring-tests.txt" || true
  grep -qx PASS "$work/keyring-tests.txt" ||
    fail "storage keyring tests under Wine: $(grep -E '^\s*(---|\S+_test.go)' "$work/keyring-tests.txt" | head -8)"
}

check_servers() {
  pb check imap --user "$user" >/dev/null || fail "check imap failed"
  pb check smtp --user "$user" >/dev/null || fail "check smtp failed"
}

# open_mailbox makes the fresh mailbox exist before anything writes to it:
# Dovecot 2.3 deadlocks for 60 s and fails both sides when Postfix's first
# LMTP delivery and an IMAP APPEND to Sent create a new user's folders at
# the same moment (CI saw it once; mailtest.Stack.NewUser does the same).
# Opening INBOX alone left 1 such wait in 100 trials, opening Sent as well
# none (a save into INBOX racing the autocreation of Sent).
open_mailbox() {
  local mailbox
  for mailbox in INBOX Sent; do
    doveadm -c "$POSTBRIDGE_TEST_DOVECOT_CONF" -f flow mailbox status -u "$login" messages "$mailbox" >/dev/null ||
      fail "doveadm could not open $login's $mailbox"
  done
}

send_test() {
  local n
  open_mailbox
  pb send-test --user "$user" --to "$login@acme.test" >"$work/send-test.txt" ||
    fail "send-test failed: $(tail -3 "$work/send-test.txt")"
  # Postfix hands the mail to Dovecot over LMTP on its own schedule; on a
  # busy machine that took longer than 10 s once, so wait up to 30 s and
  # say what Postfix did when it still has not arrived.
  for _ in $(seq 150); do
    n=$(doveadm -c "$POSTBRIDGE_TEST_DOVECOT_CONF" search -u "$login" mailbox INBOX ALL | wc -l)
    [ "$n" -ge 1 ] && return 0
    sleep 0.2
  done
  local maillog
  maillog="$(dirname "$(dirname "$POSTBRIDGE_TEST_DOVECOT_CONF")")/postfix/postfix.log"
  fail "the test e-mail did not arrive in $login's INBOX; send-test said: $(tail -3 "$work/send-test.txt"); Postfix: $(tail -5 "$maillog" 2>/dev/null); Dovecot: $(grep -F "$login" "$(dirname "$POSTBRIDGE_TEST_DOVECOT_CONF")/dovecot.log" | tail -5)"
}

# hostile_mail prints a message whose attachment names Windows would
# misread: device names, trailing dots and spaces, reserved characters, a
# path outside, and a name that makes the path longer than 260 characters.
hostile_mail() {
  local long name
  long=$(printf 'L%.0s' $(seq 240)).pdf
  printf 'From: Klant <jan@klant.test>\r\nTo: %s@acme.test\r\nSubject: Wine attachments\r\n' "$login"
  printf 'Date: Tue, 01 Dec 2026 10:00:00 +0000\r\nMessage-ID: <wine-%s@klant.test>\r\n' "$login"
  printf 'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n'
  printf -- '--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n'
  for name in 'CON.txt' 'aux' 'LPT9.log' 'report. . .' 'Offerte.pdf. ' "..\\\\..\\\\escape.txt" "$long"; do
    printf -- '--b\r\nContent-Type: application/octet-stream\r\n'
    printf 'Content-Disposition: attachment; filename="%s"\r\n' "$name"
    printf 'Content-Transfer-Encoding: base64\r\n\r\n%s\r\n' "$(printf 'file %s' "$name" | base64 -w0)"
  done
  printf -- '--b\r\nContent-Type: application/octet-stream\r\n'
  printf "Content-Disposition: attachment; filename*=UTF-8''a%%3Cb%%3Ec%%3Ad%%22e%%7Cf%%3Fg%%2Ah.txt\r\n"
  printf 'Content-Transfer-Encoding: base64\r\n\r\n%s\r\n--b--\r\n' "$(printf 'reserved' | base64 -w0)"
}

sync_attachments() {
  local conf=$POSTBRIDGE_TEST_DOVECOT_CONF imported
  doveadm -c "$conf" mailbox create -u "$login" Postbridge/In Postbridge/Out 2>/dev/null || true
  hostile_mail | doveadm -c "$conf" save -u "$login" -m Postbridge/In
  pb sync --user "$user" --json >"$work/sync.json" || fail "sync failed: $(cat "$work/sync.json")"
  imported=$(jq '[.[].imported] | add' "$work/sync.json")
  [ "$imported" = 1 ] || fail "sync imported $imported messages, want 1: $(cat "$work/sync.json")"
  check_saved_names
}

# check_saved_names compares the files under the attachment path, as
# Windows lists them (cmd's dir), with the safe names they must have.
check_saved_names() {
  local want got f
  want=$(printf '%s\n' _CON.txt _aux _LPT9.log report Offerte.pdf escape.txt a_b_c_d_e_f_g_h.txt | sort)
  wine cmd /c dir /s /b "$att_win" | tr -d '\r' >"$work/dir.txt" || fail "cmd /c dir failed"
  got=$(while read -r f; do [ -f "$(unix_of "$f")" ] && echo "${f##*\\}"; done <"$work/dir.txt" |
    grep -v 'LLLLLLLLLL' | sort)
  [ "$got" = "$want" ] || fail "saved names are [$(echo $got)], want [$(echo $want)]"
  f=$(grep 'LLLLLLLLLL' "$work/dir.txt" || true)
  [ -n "$f" ] || fail "the attachment with the long name was not saved"
  [[ $f == *.pdf ]] || fail "the long name lost its extension: $f"
  [ "${#f}" -le 259 ] || fail "${#f} characters in $f: longer than Windows' 259"
  [ "$(find "$WINEPREFIX" -name escape.txt | wc -l)" = 1 ] || fail "escape.txt written outside the attachment path"
}

list_messages() {
  local n path
  pb messages --json >"$work/messages.json"
  n=$(jq length "$work/messages.json")
  [ "$n" -ge 1 ] || fail "messages --json lists $n messages"
  jq -e --arg s "Wine attachments" 'any(.[]; .subject == $s and (.attachments | length) == 8)' \
    "$work/messages.json" >/dev/null || fail "no message 'Wine attachments' with 8 attachments"
  while read -r path; do
    [ -f "$(unix_of "$att_win\\${path//\//\\}")" ] || fail "attachment $path listed but not on disk"
  done < <(jq -r '.[].attachments[]' "$work/messages.json")
}

# file_api_tests runs the attachment name tests of mail/message as a
# Windows program: CreateFile and friends of Wine, not Linux's open(2).
# Not the symbolic-link tests (Wine makes none) nor those whose clean-up
# deletes through the call Wine 8 lacks (see diskDir).
file_api_tests() {
  local exe=$work/tests/message.test.exe
  test_programs
  (cd mail/message && wine "$exe" \
    -test.run 'TestSaveAttachmentsWindowsNames|TestSaveAttachmentsLongPath|TestSanitize|TestVariant' |
    tr -d '\r' | tail -n 5) >"$work/file-api.txt" 2>&1 || fail "$(cat "$work/file-api.txt")"
  grep -qx PASS "$work/file-api.txt" || fail "$(cat "$work/file-api.txt")"
}

install_twice() {
  local code
  code=$(msi /i "$(winepath -w "$msi")" /qn)
  [ "$code" = 0 ] || fail "installing the same MSI again exited $code"
  [ "$(pb --version | tr -d '\r')" = "$(the_version)" ] || fail "postbridge.exe broken after the second install"
  [ "$(installed_versions)" = "$version" ] ||
    fail "after the second install Apps lists [$(installed_versions | tr '\n' ' ')], want $version once"
}

# installed_versions prints DisplayVersion of every installed Postbridge.
installed_versions() {
  wine reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall' /s 2>/dev/null | tr -d '\r' |
    awk 'function flush() { if (name) print version; name = 0; version = "" }
      /^HKEY/ { flush() }
      $1 == "DisplayName" && $NF == "Postbridge" { name = 1 }
      $1 == "DisplayVersion" { version = $NF }
      END { flush() }'
}

# newer_msi OUT builds an MSI one patch version above ($newer) from the
# files inside the one under test.
newer_msi() {
  local dir=$work/newer exe cli
  mkdir -p "$dir"
  (cd "$dir" && msiextract "$msi" >/dev/null && msiinfo extract "$msi" Icon.postbridge.ico >postbridge.ico)
  exe=$(find "$dir" -name postbridge.exe | head -n1)
  cli=$(find "$dir" -name postbridge.com | head -n1)
  wixl --arch x64 -o "$1" -D Version="$newer" -D Website="$(fyneapp_get "" Website)" \
    -D Exe="$(realpath --relative-to=packaging/windows "$exe")" \
    -D Cli="$(realpath --relative-to=packaging/windows "$cli")" \
    -D Icon="$(realpath --relative-to=packaging/windows "$dir/postbridge.ico")" packaging/windows/postbridge.wxs
  bash scripts/msi-path.sh "$1" >/dev/null
}

upgrade_downgrade() {
  local code
  newer=$(awk -F. '{ print $1 "." $2 "." $3 + 1 }' <<<"$version")
  local newer_file=$work/postbridge-$newer.msi
  newer_msi "$newer_file"
  code=$(msi /i "$(winepath -w "$newer_file")" /qn)
  [ "$code" = 0 ] || fail "installing the newer MSI exited $code"
  [ "$(installed_versions)" = "$newer" ] ||
    fail "after the upgrade installed are [$(installed_versions | tr '\n' ' ')], want only $newer"
  code=$(msi /i "$(winepath -w "$msi")" /qn)
  [ "$code" != 0 ] || fail "installing $version over $newer was not refused"
  [ "$(installed_versions)" = "$newer" ] ||
    fail "after the refused downgrade installed are [$(installed_versions | tr '\n' ' ')], want $newer"
  [ -f "$(exe_unix)" ] || fail "the refused downgrade removed postbridge.exe"
  [ "$(path_count)" = 1 ] || fail "after the upgrade the PATH holds the folder $(path_count) times, want once"
  installed_msi=$newer_file
}

uninstall_msi() {
  local code
  code=$(msi /x "$(winepath -w "$installed_msi")" /qn)
  [ "$code" = 0 ] || fail "msiexec /x exited $code"
  [ ! -f "$(exe_unix)" ] || fail "postbridge.exe still there after uninstall"
  [ "$(path_count)" = 0 ] || fail "the folder is still on the system PATH after uninstall"
  [ "$(system_path)" = "$path_before" ] ||
    fail "after uninstall the system PATH is '$(system_path)', want it as before the install: '$path_before'"
  [ -z "$(installed_versions)" ] || fail "Postbridge still listed under Apps after uninstall"
  [ -n "$(db_files)" ] || fail "the uninstall removed the database"
  credentials | grep -qxF "Generic: Postbridge:$secret_key" || fail "the uninstall removed the Credential Manager entries"
}

# no_secrets_shown looks for the passwords and the long secret in every
# output of the run and in the registry, where Wine keeps them encrypted.
no_secrets_shown() {
  local f secret
  for secret in "$POSTBRIDGE_TEST_SHARED_PASSWORD" "$long"; do
    while read -r f; do
      if grep -qaF -- "$secret" "$f"; then fail "a secret is readable in ${f#"$work"/}"; fi
    done < <(find "$work" -type f \( ! -path "$WINEPREFIX/*" -o -name '*.reg' \) ! -name '*.exe' ! -name '*.msi')
  done
}
