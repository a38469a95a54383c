#!/usr/bin/env bash
# make demo: Postbridge on the demo office, against real local mail servers.
#   scripts/demo.sh              open the window; press Synchronize
#   scripts/demo.sh --sync-only  no window: synchronize and list the messages
# Starts Dovecot, Postfix and a private keyring (with-servers.sh), fills a
# fresh SQLite database with Bouwbedrijf De Vries B.V. whose IMAP accounts
# (logins tineke and thijs) point at that Dovecot with its certificate
# pinned and their password in the private keyring, delivers the sample
# mails into their In, Out and ProjektPro folders, and opens the window.
# Closing the window stops the servers and throws everything away.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

if [ "${1:-}" != "--inside" ]; then
  exec bash "$here/with-servers.sh" bash "$here/demo.sh" --inside "$@"
fi
shift
mode="${1:-window}"

if [ -z "${POSTBRIDGE_TEST_IMAPS:-}" ] || [ -z "${POSTBRIDGE_TEST_KEYRING:-}" ]; then
  echo "demo: Dovecot or the keyring did not start (Dovecot needs root; see the lines above)" >&2
  exit 1
fi

work="$POSTBRIDGE_TEST_DIR/demo"
mkdir -p "$work/attachments"
bin="$root/bin/postbridge"
if [ ! -x "$bin" ]; then
  (cd "$root" && go build -o "$bin" .)
fi
db="$work/demo.db"

# The certificate is the test CA's; pinning its fingerprint is what an
# admin does with a self-signed server certificate.
fingerprint=$(openssl x509 -in "$POSTBRIDGE_TEST_CERT" -noout -fingerprint -sha256 | cut -d= -f2)
# Logins starting with "t" share the stack's test password (mailstack/dovecot.sh).
printf '%s\n' "$POSTBRIDGE_TEST_SHARED_PASSWORD" | "$bin" --db "$db" demo-fill \
  --imap "$POSTBRIDGE_TEST_IMAPS" --smtp "$POSTBRIDGE_TEST_SUBMISSION" --fingerprint "$fingerprint" \
  --attachments "$work/attachments" --mails "$work/mails"

conf="$POSTBRIDGE_TEST_DOVECOT_CONF"
while IFS=$'\t' read -r login folder file; do
  doveadm -c "$conf" mailbox create -u "$login" "$folder" 2>/dev/null || true  # exists after the first mail
  doveadm -c "$conf" save -u "$login" -m "$folder" < "$file"
done < "$work/mails/index.tsv"
echo "demo: $(wc -l < "$work/mails/index.tsv") sample mails delivered to tineke and thijs; database $db"

if [ "$mode" = "--sync-only" ]; then
  "$bin" --db "$db" sync
  "$bin" --db "$db" messages
  exit 0
fi
echo "demo: opening the window — choose the user Tineke de Vries or Thijs Bakker, press Synchronize"
"$bin" --db "$db"
