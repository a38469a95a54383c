# Helpers shared by the mail stack scripts. Sourced, not run.

# free_port prints a TCP port on 127.0.0.1 that nothing listens on and that
# this run has not handed out yet. Ports are picked at random so that two
# runs (CI and a developer's demo) rarely race for the same one, and below
# or above the kernel's ephemeral range: a port in it may be taken as the
# local end of any outgoing connection (Hydra's to PostgreSQL, a test's)
# between the pick and the server's bind — CI once failed on Postfix's
# "bind 127.0.0.1 port 39296: Address already in use".
_taken_ports=" "
free_port() {
  local p lo=32768 hi=60999
  read -r lo hi < /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true
  local below=$(( lo > 20000 ? lo - 20000 : 0 )) above=$(( hi < 65000 ? 65000 - hi : 0 ))
  if [ $(( below + above )) -lt 1000 ]; then
    echo "free_port: the ephemeral range $lo-$hi leaves no room for test ports" >&2
    return 1
  fi
  for _ in $(seq 1 200); do
    p=$(( (RANDOM * 32768 + RANDOM) % (below + above) ))
    if [ "$p" -lt "$below" ]; then p=$(( 20000 + p )); else p=$(( hi + 1 + p - below )); fi
    case "$_taken_ports" in *" $p "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      _taken_ports="$_taken_ports$p "
      echo "$p"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

# wait_port waits until something accepts connections on 127.0.0.1:$1.
wait_port() {
  local port=$1 tries=${2:-100}
  for _ in $(seq 1 "$tries"); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  return 1
}

# stop_pid sends TERM to a PID read from a file and waits for it to exit,
# so the ports are free again when it returns.
stop_pid() {
  local file=$1 signal=${2:-TERM} pid
  [ -s "$file" ] || return 0
  pid=$(head -n1 "$file" | tr -dc '0-9')
  [ -n "$pid" ] || return 0
  kill "-$signal" "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
}

# start_or_fail runs a start function; a failure ends the run under
# CI=true, and elsewhere leaves that server out with a warning.
start_or_fail() {
  local name=$1 fn=$2 dir=$3
  if "$fn" "$dir"; then
    return 0
  fi
  echo "mailstack: $name did not start; its log:" >&2
  tail -n 30 "$dir/$name/$name.log" >&2 2>/dev/null || true
  if [ "${CI:-}" = "true" ]; then
    exit 1
  fi
  echo "mailstack: going on without $name (tests that need it will skip)" >&2
}

as_root() { [ "$(id -u)" -eq 0 ]; }

# Test users of the private Dovecot: name, domain, password.
TEST_USERS="alice:acme.test:alice-Secret-1 bob:acme.test:bob-Secret-2 carol:acme.test:carol-Secret-3 jan:klant.test:jan-Secret-4"
