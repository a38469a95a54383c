# A private PostgreSQL cluster on 127.0.0.1 with a password-protected
# superuser for tests, which may create a fresh database per test. Sourced.
# The URL in POSTBRIDGE_TEST_PG has no password; PGPASSFILE has it.

pg_bindir() {
  local b
  b=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
  [ -n "$b" ] && echo "$b"
}

# as_pg runs a command as the postgres OS user when root: PostgreSQL
# refuses to run as root.
as_pg() {
  if as_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  local dir=$1 d="$1/postgres" bin port
  mkdir -p "$d"
  bin=$(pg_bindir) || { echo "postgres: not installed" > "$d/postgres.log"; return 1; }
  port=$(free_port)
  if as_root; then chown postgres "$d"; fi
  local pw="pb-test-$RANDOM$RANDOM"
  echo "$pw" > "$d/pwfile"
  if as_root; then chown postgres "$d/pwfile"; fi
  as_pg "$bin/initdb" -D "$d/data" -U postbridge --pwfile="$d/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >> "$d/postgres.log" 2>&1 || return 1
  touch "$d/server.log"
  if as_root; then chown postgres "$d/server.log"; fi
  # Tests need no durability and run faster without fsync. A figure
  # that is reported as PostgreSQL's (make bench) needs a commit on disk,
  # as an office's server has it: POSTBRIDGE_TEST_PG_FSYNC=on.
  local durable="-c fsync=off -c full_page_writes=off"
  if [ "${POSTBRIDGE_TEST_PG_FSYNC:-off}" = on ]; then
    durable="-c fsync=on -c full_page_writes=on -c synchronous_commit=on"
  fi
  # pg_stat_statements lets a benchmark count the statements (round
  # trips) an import sends per message. It is in the server package on
  # Debian; where it is missing (a separate contrib package) the counts
  # are zero and the test that needs them fails, but the server starts.
  local preload=""
  if [ -e "$(dirname "$bin")/lib/pg_stat_statements.so" ] || \
     [ -e "$("$bin/pg_config" --pkglibdir 2>/dev/null)/pg_stat_statements.so" ]; then
    preload="-c shared_preload_libraries=pg_stat_statements"
  fi
  as_pg "$bin/pg_ctl" -D "$d/data" -l "$d/server.log" -w -t 60 \
    -o "-p $port -k $d -c listen_addresses=127.0.0.1 $durable $preload" start >/dev/null || { cat "$d/server.log" >> "$d/postgres.log"; return 1; }
  # The password goes to a PGPASSFILE, as an office's would: Postbridge
  # refuses a postgres:// URL that carries one: every user of the computer
  # can read a URL in the process list or the process's environment.
  ( umask 077; printf '127.0.0.1:%s:*:postbridge:%s\n' "$port" "$pw" > "$d/pgpass" )
  echo "export PGPASSFILE='$d/pgpass'" >> "$dir/env"
  echo "export POSTBRIDGE_TEST_PG='postgres://postbridge@127.0.0.1:$port/postgres?sslmode=disable'" >> "$dir/env"
}

stop_postgres() {
  # SIGINT is the "fast" shutdown: no waiting for clients to leave.
  stop_pid "$1/postgres/data/postmaster.pid" INT
}
