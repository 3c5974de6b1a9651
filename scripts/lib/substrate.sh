# shellcheck shell=bash
# Sourced by scripts/test.sh and scripts/bench.sh: brings up the servers the tests and benchmarks need and
# stops what it started when the script exits.
#
#   RabbitMQ 3.10   used as-is if something listens on 127.0.0.1:5672 (or if
#                   TONGBAN_TEST_RABBITMQ is set); otherwise installed with apt if
#                   missing, started detached, and stopped again on exit.
#   PostgreSQL 15   used as-is if TONGBAN_TEST_POSTGRES is set; otherwise a
#                   throw-away cluster in a temp dir on 127.0.0.1:55432 (or the
#                   next free port), stopped and deleted on exit.
#   Chromium        ensure_chromium, for the browser tests.
#
# Exported: TONGBAN_TEST_POSTGRES (Npgsql connection string), TONGBAN_TEST_POSTGRES_DATA
# (data directory, only for a cluster started here), TONGBAN_TEST_RABBITMQ (amqp URI, guest/guest, loopback),
# TONGBAN_TEST_RABBITMQ_MANAGEMENT (management HTTP API base URL).
#
# The sourcing script sets LOG_NAME and REPO_ROOT first.

export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
export DEBIAN_FRONTEND=noninteractive
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

PG_BIN=/usr/lib/postgresql/15/bin
PG_FIRST_PORT="${TONGBAN_TEST_PG_PORT:-55432}"
RABBIT_AMQP_PORT=5672
RABBIT_MGMT_PORT=15672
RABBIT_TIMEOUT=60

# Shared RabbitMQ bookkeeping, so that concurrent runs of this script on one
# machine do not stop the broker under each other: the broker is stopped by the
# last live run that uses it, and only if a run of this script started it.
RABBIT_STATE_DIR=/tmp/tongban-test-rabbitmq
RABBIT_LOCK_FILE=/tmp/tongban-test-rabbitmq.lock

# What this run started (cleanup looks only at these).
RABBIT_REGISTERED=0
STARTED_EPMD=0
PG_DIR=""
PG_STARTED=0
APT_UPDATED=0
CLEANED_UP=0

log() { printf '[%s] %s\n' "$LOG_NAME" "$*"; }
warn() { printf '[%s] WARNING: %s\n' "$LOG_NAME" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "$LOG_NAME" "$*" >&2; exit 1; }

is_root() { [[ "$(id -u)" -eq 0 ]]; }

# True if something accepts TCP connections on 127.0.0.1:$1.
port_listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port_closed() { # port timeout_s
  local deadline=$((SECONDS + $2))
  while port_listening "$1"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}

apt_install() { # packages...
  is_root || die "need to install '$*' with apt-get but not running as root"
  if [[ "$APT_UPDATED" -eq 0 ]]; then
    log "apt-get update"
    apt-get update -qq </dev/null
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  apt-get install -y -qq -o Dpkg::Use-Pty=0 --no-install-recommends "$@" </dev/null
}

# ---------------------------------------------------------------- RabbitMQ ---

rabbit_lock() { exec 9>"$RABBIT_LOCK_FILE"; flock 9; }
rabbit_unlock() { flock -u 9; exec 9>&-; }

rabbit_prune_users() {
  local f
  mkdir -p "$RABBIT_STATE_DIR/users"
  for f in "$RABBIT_STATE_DIR/users"/*; do
    [[ -e "$f" ]] || continue
    kill -0 "$(basename "$f")" 2>/dev/null || rm -f "$f"
  done
}

rabbit_users_left() {
  local f
  for f in "$RABBIT_STATE_DIR/users"/*; do
    [[ -e "$f" ]] && return 0
  done
  return 1
}

wait_rabbit_management() { # timeout_s
  local deadline=$((SECONDS + $1))
  until curl -fsS -m 5 -u guest:guest -o /dev/null "http://127.0.0.1:$RABBIT_MGMT_PORT/api/overview" 2>/dev/null; do
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}

rabbit_dump_logs() {
  local f
  for f in /var/log/rabbitmq/*.log /var/log/rabbitmq/startup_err; do
    [[ -s "$f" ]] || continue
    warn "--- tail of $f ---"
    tail -n 40 "$f" >&2 || true
  done
}

ensure_rabbitmq() {
  if [[ -n "${TONGBAN_TEST_RABBITMQ:-}" ]]; then
    log "RabbitMQ: TONGBAN_TEST_RABBITMQ is set; using it as-is, starting nothing"
    export TONGBAN_TEST_RABBITMQ_MANAGEMENT="${TONGBAN_TEST_RABBITMQ_MANAGEMENT:-http://127.0.0.1:$RABBIT_MGMT_PORT/}"
    return
  fi
  command -v curl >/dev/null || apt_install curl ca-certificates

  rabbit_lock
  rabbit_prune_users
  : >"$RABBIT_STATE_DIR/users/$$"
  RABBIT_REGISTERED=1

  if port_listening "$RABBIT_AMQP_PORT"; then
    if [[ -e "$RABBIT_STATE_DIR/started" ]]; then
      log "RabbitMQ: already running (started by another run of test.sh); sharing it"
    else
      log "RabbitMQ: something already listens on 127.0.0.1:$RABBIT_AMQP_PORT; using it as-is (will not stop it)"
    fi
    if ! wait_rabbit_management 10; then
      warn "RabbitMQ management API on :$RABBIT_MGMT_PORT does not answer for guest/guest; tests needing it may fail"
    fi
    rabbit_unlock
    return
  fi
  rm -f "$RABBIT_STATE_DIR/started"

  if ! command -v rabbitmq-server >/dev/null || ! command -v rabbitmqctl >/dev/null; then
    apt_install rabbitmq-server
  fi
  command -v rabbitmq-server >/dev/null || die "rabbitmq-server not found after install"
  is_root || die "starting RabbitMQ needs root (the Debian wrapper switches to the rabbitmq user)"

  if port_listening 4369; then STARTED_EPMD=0; else STARTED_EPMD=1; fi
  local t0=$SECONDS

  # A freshly installed package may have started the broker itself (no policy-rc.d).
  if ! port_listening "$RABBIT_AMQP_PORT"; then
    log "RabbitMQ: enabling management plugin (offline)"
    rabbitmq-plugins enable --offline rabbitmq_management >/dev/null
    log "RabbitMQ: starting (rabbitmq-server -detached, AMQP and management on 127.0.0.1 only)"
    # Bind AMQP and the management listener to loopback; the guest user only
    # works from loopback anyway.
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
      RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-rabbitmq_management tcp_config [{ip,\"127.0.0.1\"},{port,$RABBIT_MGMT_PORT}]" \
      rabbitmq-server -detached </dev/null
  fi
  : >"$RABBIT_STATE_DIR/started"

  local deadline=$((SECONDS + RABBIT_TIMEOUT))
  until rabbitmqctl -q await_startup --timeout 10 >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      rabbit_dump_logs
      rabbit_unlock
      die "RabbitMQ did not start within ${RABBIT_TIMEOUT}s"
    fi
    sleep 1
  done
  log "RabbitMQ: node up after $((SECONDS - t0))s; waiting for the management API"
  if ! wait_rabbit_management "$RABBIT_TIMEOUT"; then
    rabbit_dump_logs
    rabbit_unlock
    die "RabbitMQ management API on :$RABBIT_MGMT_PORT did not answer within ${RABBIT_TIMEOUT}s"
  fi
  log "RabbitMQ: ready after $((SECONDS - t0))s"
  rabbit_unlock
}

stop_rabbitmq() {
  [[ "$RABBIT_REGISTERED" -eq 1 ]] || return 0
  RABBIT_REGISTERED=0
  rabbit_lock
  rm -f "$RABBIT_STATE_DIR/users/$$"
  rabbit_prune_users
  if [[ ! -e "$RABBIT_STATE_DIR/started" ]]; then
    rabbit_unlock
    return 0
  fi
  if rabbit_users_left; then
    log "RabbitMQ: still used by another run of test.sh; leaving it to that run to stop"
    rabbit_unlock
    return 0
  fi
  log "RabbitMQ: stopping (rabbitmqctl stop)"
  rabbitmqctl -q stop >/dev/null 2>&1 || warn "rabbitmqctl stop failed"
  local t0=$SECONDS
  # The VM is gone once its Erlang distribution port (AMQP port + 20000) closes too.
  if wait_port_closed "$RABBIT_AMQP_PORT" 30 && wait_port_closed $((RABBIT_AMQP_PORT + 20000)) 30; then
    log "RabbitMQ: stopped after $((SECONDS - t0))s"
  else
    warn "RabbitMQ still listening after 60s"
  fi
  rm -f "$RABBIT_STATE_DIR/started"
  if [[ "$STARTED_EPMD" -eq 1 ]] && command -v epmd >/dev/null; then
    # epmd was started by the broker's VM; end it if no Erlang node is left.
    if ! epmd -names 2>/dev/null | grep -q '^name '; then
      epmd -kill >/dev/null 2>&1 || true
    fi
  fi
  rabbit_unlock
}

# -------------------------------------------------------------- PostgreSQL ---

as_postgres() { # cmd...  (from a directory the postgres user can read)
  if is_root; then
    (cd "$PG_DIR" && runuser -u postgres -- "$@")
  else
    (cd "$PG_DIR" && "$@")
  fi
}

ensure_postgres() {
  if [[ -n "${TONGBAN_TEST_POSTGRES:-}" ]]; then
    log "PostgreSQL: TONGBAN_TEST_POSTGRES is set; using it as-is, starting nothing"
    return
  fi
  if [[ ! -x "$PG_BIN/initdb" ]]; then
    apt_install postgresql-15
  fi
  [[ -x "$PG_BIN/initdb" ]] || die "$PG_BIN/initdb not found"
  if is_root; then
    id postgres >/dev/null 2>&1 || die "user 'postgres' does not exist (needed to run initdb as non-root)"
  fi

  local t0=$SECONDS
  PG_DIR="$(mktemp -d /tmp/tongban-pg.XXXXXX)"
  if is_root; then chown postgres: "$PG_DIR"; fi
  chmod 700 "$PG_DIR"

  log "PostgreSQL: initdb in $PG_DIR/data"
  if ! as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
      >"$PG_DIR/initdb.log" 2>&1; then
    cat "$PG_DIR/initdb.log" >&2
    die "initdb failed"
  fi

  local port=$PG_FIRST_PORT tries=0
  while :; do
    tries=$((tries + 1))
    ((tries <= 50)) || die "no free port for PostgreSQL from $PG_FIRST_PORT on"
    if port_listening "$port"; then
      port=$((port + 1))
      continue
    fi
    log "PostgreSQL: starting on 127.0.0.1:$port"
    PG_STARTED=1
    if as_postgres "$PG_BIN/pg_ctl" -w -t 60 -D "$PG_DIR/data" \
        -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200" \
        -l "$PG_DIR/log" start >"$PG_DIR/pg_ctl.out" 2>&1; then
      break
    fi
    PG_STARTED=0
    if grep -qiE 'could not (bind|create listen)|address already in use' "$PG_DIR/log" 2>/dev/null; then
      warn "PostgreSQL: port $port is taken; trying the next one"
      : >"$PG_DIR/log"
      port=$((port + 1))
      continue
    fi
    cat "$PG_DIR/pg_ctl.out" "$PG_DIR/log" >&2 || true
    die "pg_ctl start failed"
  done
  export TONGBAN_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  # The fault suite restarts this cluster (pg_ctl restart); a server given from outside is never restarted.
  export TONGBAN_TEST_POSTGRES_DATA="$PG_DIR/data"
  log "PostgreSQL: ready after $((SECONDS - t0))s"
}

stop_postgres() {
  if [[ "$PG_STARTED" -eq 1 ]]; then
    PG_STARTED=0
    log "PostgreSQL: stopping"
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 60 stop >/dev/null 2>&1 \
      || warn "pg_ctl stop failed (log: $PG_DIR/log)"
  fi
  if [[ -n "$PG_DIR" && -d "$PG_DIR" ]]; then
    rm -rf -- "$PG_DIR"
    PG_DIR=""
  fi
}

# ---------------------------------------------------------------- Chromium ---

# ensure_chromium: browser tests (Playwright) launch Debian's Chromium through
# ExecutablePath; nothing is downloaded by Playwright itself. Called only when
# TONGBAN_NEEDS_BROWSER=1 or tests/Tongban.Browser.Tests exists.
# fonts-wqy-zenhei: without a CJK font, Chinese text renders as boxes in screenshots.
ensure_chromium() {
  # Chromium and a CJK font are checked separately: an image with Chromium but no CJK font still needs the font.
  local missing=()
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-wqy-zenhei)
  if ((${#missing[@]} > 0)); then
    apt_install "${missing[@]}"
  fi
  [[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium not found after install"
  export TONGBAN_TEST_CHROMIUM="${TONGBAN_TEST_CHROMIUM:-/usr/bin/chromium}"
  log "Chromium: $TONGBAN_TEST_CHROMIUM"
}

# ----------------------------------------------------------------- cleanup ---

cleanup() {
  [[ "$CLEANED_UP" -eq 0 ]] || return 0
  CLEANED_UP=1
  set +e
  stop_postgres
  stop_rabbitmq
  set -e
}

# shellcheck disable=SC2317  # invoked through trap
on_exit() {
  local rc=$?
  cleanup
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Starts RabbitMQ and PostgreSQL (as above) and exports their addresses for the tests and benchmarks.
ensure_servers() {
  ensure_rabbitmq
  ensure_postgres
  export TONGBAN_TEST_RABBITMQ="${TONGBAN_TEST_RABBITMQ:-amqp://guest:guest@127.0.0.1:$RABBIT_AMQP_PORT/}"
  export TONGBAN_TEST_RABBITMQ_MANAGEMENT="${TONGBAN_TEST_RABBITMQ_MANAGEMENT:-http://127.0.0.1:$RABBIT_MGMT_PORT/}"
  log "TONGBAN_TEST_POSTGRES=$TONGBAN_TEST_POSTGRES"
  log "TONGBAN_TEST_RABBITMQ=$TONGBAN_TEST_RABBITMQ"
  log "TONGBAN_TEST_RABBITMQ_MANAGEMENT=$TONGBAN_TEST_RABBITMQ_MANAGEMENT"
}
