# A private CA and a server certificate for 127.0.0.1 and localhost, so
# tests exercise real certificate verification: trusted through the CA,
# refused without it, or accepted by pinning its fingerprint. Sourced.
make_pki() {
  local d="$1/pki"
  mkdir -p "$d"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Postbridge Test CA" \
    -keyout "$d/ca.key" -out "$d/ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
    -keyout "$d/server.key" -out "$d/server.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' > "$d/ext.cnf"
  openssl x509 -req -in "$d/server.csr" -CA "$d/ca.crt" -CAkey "$d/ca.key" -CAcreateserial \
    -days 2 -extfile "$d/ext.cnf" -out "$d/server.crt" 2>/dev/null
  chmod 644 "$d/server.key" "$d/server.crt" "$d/ca.crt"
  {
    echo "export POSTBRIDGE_TEST_CA='$d/ca.crt'"
    echo "export POSTBRIDGE_TEST_CERT='$d/server.crt'"
  } >> "$1/env"
}
