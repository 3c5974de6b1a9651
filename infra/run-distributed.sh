#!/usr/bin/env bash
# Tongban distributed mode on one machine, without systemd.
#
#   infra/run-distributed.sh           up: everything in the foreground, one command from a clean clone.
#                                      Without configured servers it starts a throw-away PostgreSQL
#                                      cluster and RabbitMQ (as ./scripts/test.sh does, installing them
#                                      with apt if missing); then builds Release, migrates and seeds the
#                                      demo county, starts one node per role and the gateway, waits until
#                                      every process answers /health/ready, prints the URLs and the curl
#                                      lines. Ctrl-C stops the processes and the servers it started.
#   infra/run-distributed.sh start     the same processes in the background, against configured servers
#   infra/run-distributed.sh stop      stop what start started (by pid file)
#   infra/run-distributed.sh status    show which processes are running
#
# Configured servers (required for start; up uses them when set) come from the environment exactly as in
# infra/tongban.env.example:
#   ConnectionStrings__Tongban   Npgsql connection string
#   RabbitMq__Host, RabbitMq__Port, RabbitMq__VirtualHost, RabbitMq__Username,
#   RabbitMq__Password           (the application's defaults: guest@127.0.0.1:5672, vhost /)
# or TONGBAN_ENV_FILE=path/to/tongban.env (KEY=VALUE lines; variables already set
# in the environment win). Tongban__Mode, Database__Provider and Bus__Transport
# default to Distributed, Postgres and RabbitMq.
#
# Pids go to .tmp/distributed/*.pid and logs to .tmp/distributed/*.log.
# The gateway listens on http://127.0.0.1:${TONGBAN_GATEWAY_PORT:-5080}; the nodes' health endpoints on
# http://127.0.0.1:${TONGBAN_NODE_HEALTH_PORT:-5091} and the next ports, one per role.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

RUN_DIR="$ROOT/.tmp/distributed"
ROLES=(intake specialist township department bureau)
GATEWAY_PORT="${TONGBAN_GATEWAY_PORT:-5080}"
NODE_HEALTH_PORT="${TONGBAN_NODE_HEALTH_PORT:-5091}"
GATEWAY_DIR="$ROOT/src/Gateway/Tongban.Gateway/bin/Release/net10.0"
NODE_DIR="$ROOT/src/Services/Tongban.Services.Node/bin/Release/net10.0"
GATEWAY_DLL="$GATEWAY_DIR/Tongban.Gateway.dll"
NODE_DLL="$NODE_DIR/Tongban.Services.Node.dll"

log() { printf '[run-distributed] %s\n' "$*"; }
die() { printf '[run-distributed] ERROR: %s\n' "$*" >&2; exit 1; }

port_listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# KEY=VALUE lines as systemd's EnvironmentFile= reads them (not sourced: values
# such as connection strings contain ";").
load_env_file() {
  local file=$1 line key
  [[ -r "$file" ]] || die "cannot read $file"
  while IFS= read -r line || [[ -n "$line" ]]; do
    line="${line%$'\r'}"
    [[ "$line" =~ ^[[:space:]]*$ || "$line" =~ ^[[:space:]]*[\#\;] ]] && continue
    [[ "$line" == *=* ]] || die "$file: not KEY=VALUE: $line"
    key="${line%%=*}"
    [[ "$key" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "$file: bad variable name: $key"
    if [[ -z "${!key+set}" ]]; then
      export "$key=${line#*=}"
    fi
  done <"$file"
}

# After start has launched processes: stop them again, then fail.
fail_started() {
  printf '[run-distributed] ERROR: %s\n' "$*" >&2
  cmd_stop
  exit 1
}

pid_alive() { # pidfile
  [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null
}

start_process() { # name workdir dll args...
  local name=$1 dir=$2 dll=$3
  shift 3
  # setsid: a Ctrl-C in the calling terminal does not reach the services.
  # As the systemd units run them (docs/decisions.md): the gen-0 budget and glibc's fixed thresholds.
  (cd "$dir" && DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x800000}" \
    MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-131072}" MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-131072}" exec setsid dotnet "$dll" "$@" </dev/null >>"$RUN_DIR/$name.log" 2>&1) &
  echo $! >"$RUN_DIR/$name.pid"
  log "started $name (pid $!, log .tmp/distributed/$name.log)"
}

# The health base URL of each process, by its pid-file name.
declare -A HEALTH_URLS=()

configure() {
  if [[ -n "${TONGBAN_ENV_FILE:-}" ]]; then
    log "reading $TONGBAN_ENV_FILE"
    load_env_file "$TONGBAN_ENV_FILE"
  fi

  export Database__Provider="${Database__Provider:-Postgres}"
  export Bus__Transport="${Bus__Transport:-RabbitMq}"
  # Each process gets its own listen address on the command line.
  unset ASPNETCORE_URLS
  # Every process must seal the audit chain with the same key: without Audit__ChainKey they share one key file.
  [[ -n "${Audit__ChainKey:-}" ]] || export Audit__ChainKeyFile="${Audit__ChainKeyFile:-$RUN_DIR/audit-chain.key}"
}

check_nothing_running() {
  mkdir -p "$RUN_DIR"
  local f port
  for f in "$RUN_DIR"/*.pid; do
    [[ -e "$f" ]] || continue
    if pid_alive "$f"; then
      die "$(basename "$f" .pid) is already running (pid $(cat "$f")); run '$0 stop' first"
    fi
    rm -f "$f"
  done
  for port in "$GATEWAY_PORT" $(seq "$NODE_HEALTH_PORT" $((NODE_HEALTH_PORT + ${#ROLES[@]} - 1))); do
    if port_listening "$port"; then
      die "port $port is already in use (TONGBAN_GATEWAY_PORT / TONGBAN_NODE_HEALTH_PORT choose others)"
    fi
  done
}

# Throw-away PostgreSQL and RabbitMQ, started and stopped by scripts/lib/substrate.sh (as the test command does).
start_local_servers() {
  log "no ConnectionStrings__Tongban: starting local throw-away servers (scripts/lib/substrate.sh)"
  LOG_NAME=run-distributed
  REPO_ROOT="$ROOT"
  # shellcheck source=../scripts/lib/substrate.sh
  source "$ROOT/scripts/lib/substrate.sh"
  # substrate.sh stops its servers on exit; the processes started here go first.
  trap 'rc=$?; cmd_stop; cleanup; exit $rc' EXIT
  ensure_rabbitmq
  ensure_postgres
  local pg_port
  pg_port="$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$TONGBAN_TEST_POSTGRES")"
  psql -q "host=127.0.0.1 port=$pg_port user=postgres dbname=postgres" -c 'CREATE DATABASE tongban' >/dev/null
  export ConnectionStrings__Tongban="Host=127.0.0.1;Port=$pg_port;Database=tongban;Username=postgres"
  local vhost=tongban-local
  curl -fsS -u guest:guest -X PUT -H 'content-type: application/json' -d '{}' "http://127.0.0.1:15672/api/vhosts/$vhost" >/dev/null
  curl -fsS -u guest:guest -X PUT -H 'content-type: application/json' -d '{"configure":".*","write":".*","read":".*"}' \
    "http://127.0.0.1:15672/api/permissions/$vhost/guest" >/dev/null
  export RabbitMq__Host=127.0.0.1 RabbitMq__Port=5672 RabbitMq__VirtualHost=$vhost RabbitMq__Username=guest RabbitMq__Password=guest
  log "PostgreSQL on 127.0.0.1:$pg_port (database tongban), RabbitMQ on 127.0.0.1:5672 (vhost $vhost)"
}

launch() {
  log "dotnet build (gateway and node, Release)"
  dotnet build src/Gateway/Tongban.Gateway/Tongban.Gateway.csproj -c Release -nologo -v quiet </dev/null
  dotnet build src/Services/Tongban.Services.Node/Tongban.Services.Node.csproj -c Release -nologo -v quiet </dev/null

  log "migrate --seed-demo"
  (cd "$GATEWAY_DIR" && dotnet "$GATEWAY_DLL" migrate --seed-demo </dev/null)

  local role port=$NODE_HEALTH_PORT
  for role in "${ROLES[@]}"; do
    HEALTH_URLS["node-$role"]="http://127.0.0.1:$port"
    start_process "node-$role" "$NODE_DIR" "$NODE_DLL" --Node:Roles="$role" --Health:Urls="http://127.0.0.1:$port"
    port=$((port + 1))
  done
  HEALTH_URLS[gateway]="http://127.0.0.1:$GATEWAY_PORT"
  start_process gateway "$GATEWAY_DIR" "$GATEWAY_DLL" --environment Distributed --Node:Roles=none --urls "http://127.0.0.1:$GATEWAY_PORT"

  local name
  for name in "${!HEALTH_URLS[@]}"; do
    log "waiting for $name to be ready (${HEALTH_URLS[$name]}/health/ready)"
    local deadline=$((SECONDS + 120))
    until curl -fsS -m 5 -o /dev/null "${HEALTH_URLS[$name]}/health/ready" 2>/dev/null; do
      pid_alive "$RUN_DIR/$name.pid" || fail_started "$name exited; see .tmp/distributed/$name.log"
      ((SECONDS < deadline)) || fail_started "$name was not ready within 120s; see .tmp/distributed/$name.log"
      sleep 1
    done
  done

  log "ready: gateway http://127.0.0.1:$GATEWAY_PORT/ (staff pages; API under /api, e.g. dongmen.clerk / Tongban@2026)"
  log "readiness of every process:"
  for name in gateway "${ROLES[@]/#/node-}"; do
    printf '  curl -fsS %s/health/ready    # %s\n' "${HEALTH_URLS[$name]}" "$name"
  done
}

cmd_up() {
  configure
  check_nothing_running
  if [[ -z "${ConnectionStrings__Tongban:-}" ]]; then
    start_local_servers
  else
    trap 'rc=$?; cmd_stop; exit $rc' EXIT
  fi
  trap 'exit 130' INT
  trap 'exit 143' TERM
  launch
  log "running; Ctrl-C stops the processes$([[ -n "${PG_DIR:-}" ]] && echo ' and the servers') started here"
  while :; do
    for f in "$RUN_DIR"/*.pid; do
      pid_alive "$f" || log "$(basename "$f" .pid) is not running; see .tmp/distributed/$(basename "$f" .pid).log"
    done
    sleep 10
  done
}

cmd_start() {
  configure
  [[ -n "${ConnectionStrings__Tongban:-}" ]] || die "set ConnectionStrings__Tongban (or TONGBAN_ENV_FILE); without them use '$0' (up), which starts local servers"
  check_nothing_running
  launch
  log "stop with: $0 stop"
}

cmd_stop() {
  local f name pid deadline any=0
  for f in "$RUN_DIR"/*.pid; do
    [[ -e "$f" ]] || continue
    any=1
    name="$(basename "$f" .pid)"
    pid="$(cat "$f")"
    if kill -0 "$pid" 2>/dev/null; then
      log "stopping $name (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      deadline=$((SECONDS + 20))
      while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.5; done
      if kill -0 "$pid" 2>/dev/null; then
        log "$name did not stop within 20s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
      fi
    else
      log "$name (pid $pid) was not running"
    fi
    rm -f "$f"
  done
  [[ "$any" -eq 1 ]] || log "nothing to stop"
}

cmd_status() {
  local f any=0
  for f in "$RUN_DIR"/*.pid; do
    [[ -e "$f" ]] || continue
    any=1
    if pid_alive "$f"; then
      log "$(basename "$f" .pid): running (pid $(cat "$f"))"
    else
      log "$(basename "$f" .pid): not running"
    fi
  done
  [[ "$any" -eq 1 ]] || log "nothing started"
}

case "${1:-up}" in
  up) cmd_up ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) die "usage: $0 [up|start|stop|status]" ;;
esac
