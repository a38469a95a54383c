# Ory Hydra v2.3.0, the OAuth2 authorization server of the test stack
# (see ../shared/OAUTH-STACK.md). Sourced by mailstack.sh; also run as
#   bash scripts/mailstack/hydra.sh build
# to build (or find) the binary and print its path.
#
# Hydra is built from the Go module proxy in a throwaway module under the
# user's cache, never in Postbridge's go.mod: its dependency tree is huge
# and needs a replace directive of its own. The binary is cached there, so
# only the first run pays for the build (minutes: gcc compiles SQLite).
#
# It runs on free ports with a database of its own in the run's private
# PostgreSQL (postgres.sh, started first): every run has its own clients
# and tokens. Its admin API has no authentication at all, which is fine
# on 127.0.0.1 for tests only.

HYDRA_VERSION=v2.3.0
# Copied from Hydra's own go.mod (replace directives do not reach a module
# that depends on Hydra); without it: "p.conn.Store.SQLDB undefined".
HYDRA_POP_REPLACE=github.com/gobuffalo/pop/v6=github.com/ory/pop/v6@v6.2.1-0.20241121111754-e5dfc0f3344b

hydra_build_dir() {
  echo "${XDG_CACHE_HOME:-$HOME/.cache}/postbridge/hydra-$HYDRA_VERSION"
}

# build_hydra prints the path of a built Hydra, building it first if the
# cache has none. Several engineers (and their parallel runs) share the
# cache: an flock makes the second builder wait for the first and then
# reuse its binary, and the binary appears under its name only when whole.
build_hydra() {
  local b bin log
  b=$(hydra_build_dir)
  bin="$b/hydra"
  if [ -x "$bin" ]; then echo "$bin"; return 0; fi
  command -v go >/dev/null || { echo "hydra: go is not installed" >&2; return 1; }
  command -v gcc >/dev/null || { echo "hydra: gcc is needed (Hydra's SQLite is C)" >&2; return 1; }
  mkdir -p "$b"
  log="$b/build.log"
  (
    flock 9
    if [ -x "$bin" ]; then exit 0; fi
    echo "hydra: building Hydra $HYDRA_VERSION once into $b (a few minutes on a fresh machine)" >&2
    cd "$b" || exit 1
    local start=$SECONDS
    # In an "if", so that set -e (of a caller) does not end the subshell
    # before the failure is explained.
    if ! {
      # GOFLAGS from the caller must not reach this module, nor a go.work.
      export GOFLAGS=-buildvcs=false GOWORK=off
      { [ -f go.mod ] || go mod init postbridge-hydra-build; } &&
        go get -tool "github.com/ory/hydra/v2@$HYDRA_VERSION" &&
        go mod edit -replace "$HYDRA_POP_REPLACE" &&
        go mod tidy &&
        # -tags sqlite: without it DSN=memory dies ("SQLite support was not
        # built into the binary"). CGO is needed for the same reason.
        CGO_ENABLED=1 go build -tags sqlite,sqlite_omit_load_extension -o hydra.tmp github.com/ory/hydra/v2 &&
        mv hydra.tmp hydra
    } > "$log" 2>&1; then
      echo "hydra: build failed; the end of $log:" >&2
      tail -n 20 "$log" >&2
      exit 1
    fi
    echo "hydra: built in $((SECONDS - start)) s" >&2
  ) 9> "$b/.lock" || return 1
  echo "$bin"
}

# start_hydra starts Hydra for the state directory $1 on two free ports
# (public and admin) and writes POSTBRIDGE_TEST_OAUTH_* to its env file.
start_hydra() {
  local dir=$1 d="$1/hydra" bin pub adm secret
  mkdir -p "$d"
  : > "$d/hydra.log"
  # The build's own messages (and on failure the end of its log) go to
  # the terminal: a first run waits minutes and should say why.
  bin=$(build_hydra) || { echo "hydra: no binary (see above)" >> "$d/hydra.log"; return 1; }
  # free_port runs in a $(...) subshell here, so it cannot remember what
  # it handed out: make sure the two differ.
  pub=$(free_port); adm=$(free_port)
  while [ "$adm" = "$pub" ]; do adm=$(free_port); done
  # A fresh system secret per run: tokens of one run mean nothing to another.
  secret="pb-hydra-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  # Login and consent are accepted by the tests through the admin API
  # (mailtest.OAuthServer.Approve); nothing listens on URLS_LOGIN/CONSENT,
  # they only have to be URLs the redirects can name.
  # setsid: own process group, so a Ctrl-C in the terminal reaches the test
  # run, not Hydra, and stop_hydra ends it by its PID.
  # Why PostgreSQL and not the recipe's DSN=memory: that is SQLite's
  # shared-cache memory database, whose table locks fail at once ("Unable
  # to serialize access due to a concurrent update", a 500 from the token
  # endpoint) when two tests exchange codes at the same moment, as
  # parallel packages do. A SQLite file with a busy timeout still timed
  # out (Hydra takes a second connection inside a transaction), and one
  # connection deadlocked. PostgreSQL is Hydra's own main database.
  local dsn pg pw
  pg=$(sed -n "s/^export POSTBRIDGE_TEST_PG='\(.*\)'\$/\1/p" "$dir/env")
  # The stack's URL has no password (postgres.sh keeps it in a PGPASSFILE);
  # Hydra is given it in its own DSN.
  if [ -n "$pg" ] && PGPASSFILE="$dir/postgres/pgpass" "$(pg_bindir)/psql" "$pg" -qc "CREATE DATABASE hydra" >> "$d/hydra.log" 2>&1; then
    pw=$(cat "$dir/postgres/pwfile")
    dsn="${pg/postbridge@/postbridge:$pw@}"
    dsn="${dsn/\/postgres\?//hydra?}"
    # A memory DSN migrates itself at start; a real database is done first (~1.5 s).
    DSN="$dsn" SQA_OPT_OUT=true "$bin" migrate sql up -e --yes > "$d/migrate.log" 2>&1 ||
      { tail -n 20 "$d/migrate.log" >> "$d/hydra.log"; return 1; }
  elif [ "${CI:-}" = "true" ]; then
    echo "hydra: needs the stack's PostgreSQL" >> "$d/hydra.log"
    return 1
  else
    # Without PostgreSQL (a developer's machine): in memory, good for
    # tests that do not ask for tokens at the same moment.
    echo "hydra: no PostgreSQL, running in memory (parallel token requests may fail)" >&2
    dsn=memory
  fi
  DSN="$dsn" SECRETS_SYSTEM="$secret" SQA_OPT_OUT=true \
    URLS_SELF_ISSUER="http://127.0.0.1:$pub" \
    URLS_LOGIN="http://127.0.0.1:$pub/test-login" \
    URLS_CONSENT="http://127.0.0.1:$pub/test-consent" \
    SERVE_PUBLIC_HOST=127.0.0.1 SERVE_PUBLIC_PORT="$pub" \
    SERVE_ADMIN_HOST=127.0.0.1 SERVE_ADMIN_PORT="$adm" \
    OAUTH2_PKCE_ENFORCED_FOR_PUBLIC_CLIENTS=true \
    LOG_LEVEL=warn \
    setsid "$bin" serve all --dev >> "$d/hydra.log" 2>&1 < /dev/null &
  echo $! > "$d/hydra.pid"
  # Ready within a second or two.
  local ok=no
  for _ in $(seq 1 300); do
    if curl -sf "http://127.0.0.1:$adm/health/ready" >/dev/null 2>&1; then ok=yes; break; fi
    kill -0 "$(cat "$d/hydra.pid")" 2>/dev/null || break
    sleep 0.1
  done
  [ "$ok" = yes ] || return 1
  {
    echo "export POSTBRIDGE_TEST_OAUTH_PUBLIC='http://127.0.0.1:$pub'"
    echo "export POSTBRIDGE_TEST_OAUTH_ADMIN='http://127.0.0.1:$adm'"
  } >> "$dir/env"
  # Dovecot's oauth2 passdb reads this to introspect tokens (dovecot.sh).
  echo "http://127.0.0.1:$adm" > "$d/admin-url"
}

stop_hydra() {
  stop_pid "$1/hydra/hydra.pid"
}

# Run directly: build (or find) Hydra and print its path.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-}" in
    build) build_hydra ;;
    *) echo "usage: $0 build" >&2; exit 2 ;;
  esac
fi
