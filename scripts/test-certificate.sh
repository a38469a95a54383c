#!/usr/bin/env bash
# Makes a throwaway code-signing certificate for CI, valid for one day:
#   scripts/test-certificate.sh DIR
# writes DIR/test-signing.pfx, its random password in DIR/password (0600)
# and the certificate alone in DIR/test-signing.crt, which
# `osslsigncode verify -CAfile` trusts. Nothing of it is ever shipped.
set -euo pipefail
dir=${1:?usage: scripts/test-certificate.sh DIR}
mkdir -p "$dir"
umask 077
openssl rand -hex 24 >"$dir/password"
openssl req -x509 -newkey rsa:3072 -nodes -days 1 -subj "/CN=Postbridge CI test signing/O=Postbridge" \
  -addext "keyUsage=critical,digitalSignature" -addext "extendedKeyUsage=codeSigning" \
  -addext "basicConstraints=critical,CA:FALSE" \
  -keyout "$dir/key.pem" -out "$dir/test-signing.crt" 2>/dev/null
openssl pkcs12 -export -inkey "$dir/key.pem" -in "$dir/test-signing.crt" \
  -passout "file:$dir/password" -out "$dir/test-signing.pfx"
rm -f "$dir/key.pem"
echo "test-certificate: $dir/test-signing.pfx (CN=Postbridge CI test signing, one day)"
