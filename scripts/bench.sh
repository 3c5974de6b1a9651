#!/usr/bin/env bash
# Tongban benchmarks: ./scripts/bench.sh <benchmark> [options]
#
# Starts RabbitMQ and PostgreSQL exactly as the test command does (scripts/lib/substrate.sh; servers
# already given in TONGBAN_TEST_* are used as they are), builds in Release, runs one benchmark of
# bench/Tongban.Benchmarks, and stops what it started. Benchmarks print Markdown for docs/benchmarks.md.
#
#   ./scripts/bench.sh load --mode distributed --rate 100 --duration 300 --nodes 1
#   ./scripts/bench.sh load --mode embedded --rate 200 --duration 60
#   ./scripts/bench.sh faults --rate 5 --kills 5
#   ./scripts/bench.sh limit --desks 32 --duration 20   (the limit alone; `load` distributed runs it too)
#   ./scripts/bench.sh overdue-query 1000000 | timer-sweep 100000 | work-queue-page | context-lease 100000
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
cd "$REPO_ROOT"
LOG_NAME=bench.sh
# shellcheck source=lib/substrate.sh
source "$SCRIPT_DIR/lib/substrate.sh"

[[ $# -ge 1 ]] || die "usage: $0 <load|limit|faults|overdue-query|timer-sweep|work-queue-page|context-lease> [options]"
command -v dotnet >/dev/null || die "dotnet not found on PATH (need the .NET 10 SDK)"

ensure_servers
export TONGBAN_BENCH_POSTGRES="${TONGBAN_BENCH_POSTGRES:-$TONGBAN_TEST_POSTGRES}"

log "dotnet build bench/Tongban.Benchmarks -c Release"
dotnet build bench/Tongban.Benchmarks -c Release -nologo -v quiet </dev/null

rc=0
dotnet bench/Tongban.Benchmarks/bin/Release/net10.0/Tongban.Benchmarks.dll "$@" </dev/null || rc=$?
cleanup
exit "$rc"
