# A private OpenDKIM milter that signs mail From acme.test (RFC 6376) for
# the Postfix listener POSTBRIDGE_TEST_SUBMISSION_DKIM, so that tests verify
# a real signature. It listens on a free port on 127.0.0.1, runs
# without systemd and writes its key and DNS record under DIR/opendkim.
# Sourced.

start_opendkim() {
  local dir=$1 d="$1/opendkim" port
  mkdir -p "$d"
  : > "$d/opendkim.log"
  command -v opendkim > /dev/null && command -v opendkim-genkey > /dev/null ||
    { echo "opendkim: not installed (scripts/install-deps.sh)" > "$d/opendkim.log"; return 1; }
  # A fresh 2048-bit key per run (RFC 8301 §3.2): pb.private signs, pb.txt
  # is the record a test serves at pb._domainkey.acme.test.
  opendkim-genkey -b 2048 -d acme.test -s pb -D "$d" >> "$d/opendkim.log" 2>&1 || return 1
  port=$(free_port)
  # RequireSafeKeys is off because the state directory lives under /tmp,
  # which OpenDKIM refuses as a path anyone may write to.
  cat > "$d/opendkim.conf" <<CONF
Syslog no
Mode s
Domain acme.test
Selector pb
KeyFile $d/pb.private
RequireSafeKeys false
Socket inet:$port@127.0.0.1
PidFile $d/opendkim.pid
Canonicalization relaxed/simple
OversignHeaders From
CONF
  opendkim -x "$d/opendkim.conf" >> "$d/opendkim.log" 2>&1 || return 1
  wait_port "$port" || return 1
  echo "$port" > "$d/port"
  {
    echo "export POSTBRIDGE_TEST_DKIM_SELECTOR='pb'"
    echo "export POSTBRIDGE_TEST_DKIM_RECORD='$d/pb.txt'"
  } >> "$dir/env"
}

stop_opendkim() {
  stop_pid "$1/opendkim/opendkim.pid"
}
