#!/usr/bin/env bash
# Dev helper: Tongban distributed mode on one machine, without systemd.
#
#   infra/run-distributed.sh [start]   build Release, migrate + seed the demo county,
#                                      start one node per role and the gateway
#   infra/run-distributed.sh stop      stop what start started (by pid file)
#   infra/run-distributed.sh status    show which processes are running
#
# PostgreSQL and RabbitMQ must already be reachable, configured through the
# environment exactly as in infra/tongban.env.example:
#   ConnectionStrings__Tongban   (required) Npgsql connection string
#   RabbitMq__Host, RabbitMq__Port, RabbitMq__VirtualHost, RabbitMq__Username,
#   RabbitMq__Password           (the application's defaults: guest@127.0.0.1:5672, vhost /)
# or TONGBAN_ENV_FILE=path/to/tongban.env (KEY=VALUE lines; variables already set
# in the environment win). Tongban__Mode, Database__Provider and Bus__Transport
# default to Distributed, Postgres and RabbitMq.
#
# Pids go to .tmp/distributed/*.pid and logs to .tmp/distributed/*.log.
# The gateway listens on http://127.0.0.1:${TONGBAN_GATEWAY_PORT:-5080}.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

RUN_DIR="$ROOT/.tmp/distributed"
ROLES=(intake specialist township bureau)
GATEWAY_PORT="${TONGBAN_GATEWAY_PORT:-5080}"
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
  (cd "$dir" && exec setsid dotnet "$dll" "$@" </dev/null >>"$RUN_DIR/$name.log" 2>&1) &
  echo $! >"$RUN_DIR/$name.pid"
  log "started $name (pid $!, log .tmp/distributed/$name.log)"
}

cmd_start() {
  if [[ -n "${TONGBAN_ENV_FILE:-}" ]]; then
    log "reading $TONGBAN_ENV_FILE"
    load_env_file "$TONGBAN_ENV_FILE"
  fi

  export Database__Provider="${Database__Provider:-Postgres}"
  export Bus__Transport="${Bus__Transport:-RabbitMq}"
  [[ -n "${ConnectionStrings__Tongban:-}" ]] || die "set ConnectionStrings__Tongban (or TONGBAN_ENV_FILE)"
  # Each process gets its own listen address on the command line.
  unset ASPNETCORE_URLS
  # Every process must seal the audit chain with the same key: without Audit__ChainKey they share one key file.
  [[ -n "${Audit__ChainKey:-}" ]] || export Audit__ChainKeyFile="${Audit__ChainKeyFile:-$RUN_DIR/audit-chain.key}"

  mkdir -p "$RUN_DIR"
  local f
  for f in "$RUN_DIR"/*.pid; do
    [[ -e "$f" ]] || continue
    if pid_alive "$f"; then
      die "$(basename "$f" .pid) is already running (pid $(cat "$f")); run '$0 stop' first"
    fi
    rm -f "$f"
  done
  if port_listening "$GATEWAY_PORT"; then
    die "port $GATEWAY_PORT is already in use"
  fi

  log "dotnet build Tongban.slnx -c Release"
  dotnet build Tongban.slnx -c Release -nologo -v quiet </dev/null

  log "migrate --seed-demo"
  (cd "$GATEWAY_DIR" && dotnet "$GATEWAY_DLL" migrate --seed-demo </dev/null)

  local role
  for role in "${ROLES[@]}"; do
    start_process "node-$role" "$NODE_DIR" "$NODE_DLL" --Node:Roles="$role"
  done
  start_process gateway "$GATEWAY_DIR" "$GATEWAY_DLL" --environment Distributed --Node:Roles=none --urls "http://127.0.0.1:$GATEWAY_PORT"

  log "waiting for the gateway on 127.0.0.1:$GATEWAY_PORT"
  local deadline=$((SECONDS + 90))
  until port_listening "$GATEWAY_PORT"; do
    pid_alive "$RUN_DIR/gateway.pid" || fail_started "the gateway exited; see .tmp/distributed/gateway.log"
    ((SECONDS < deadline)) || fail_started "the gateway did not listen within 90s; see .tmp/distributed/gateway.log"
    sleep 1
  done
  for f in "$RUN_DIR"/*.pid; do
    pid_alive "$f" || fail_started "$(basename "$f" .pid) exited; see .tmp/distributed/$(basename "$f" .pid).log"
  done
  log "up: gateway http://127.0.0.1:$GATEWAY_PORT, nodes: ${ROLES[*]}; stop with: $0 stop"
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

case "${1:-start}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) die "usage: $0 [start|stop|status]" ;;
esac
