#!/usr/bin/env bash
# Tongban (社区通办) test command: ./scripts/test.sh [extra dotnet test args]
#
# Brings up what the tests need, builds the solution in Release, runs every test
# project and prints a closing line "N passed, N failed, N skipped", after one saying whether the SQL Server
# suite ran (only when TONGBAN_TEST_SQLSERVER names a SQL Server; its offline checks always run).
#
# RabbitMQ and PostgreSQL are started (and stopped again) by scripts/lib/substrate.sh,
# which says what it exports for the tests; Chromium is installed when
# TONGBAN_NEEDS_BROWSER=1 or tests/Tongban.Browser.Tests exists.
#
# Runs unattended (no stdin), as root on CI; exit code is dotnet test's.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
cd "$REPO_ROOT"

LOG_NAME=test.sh
RESULTS_DIR="$REPO_ROOT/.tmp/test-results"
# shellcheck source=lib/substrate.sh
source "$SCRIPT_DIR/lib/substrate.sh"

# -------------------------------------------------------------------- main ---

command -v dotnet >/dev/null || die "dotnet not found on PATH (need the .NET 10 SDK)"

log "repo: $REPO_ROOT"
ensure_servers
if [[ "${TONGBAN_NEEDS_BROWSER:-0}" == "1" || -d tests/Tongban.Browser.Tests ]]; then
  ensure_chromium
fi

log "dotnet build Tongban.slnx -c Release"
build_rc=0
dotnet build Tongban.slnx -c Release </dev/null || build_rc=$?
if [[ "$build_rc" -ne 0 ]]; then
  printf '[test.sh] ERROR: build failed (exit %s)\n' "$build_rc" >&2
  exit "$build_rc"
fi

rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"
log "dotnet test Tongban.slnx -c Release --no-build $*"
test_rc=0
dotnet test Tongban.slnx -c Release --no-build \
  --logger "console;verbosity=normal" \
  --logger "trx;LogFilePrefix=results" \
  --results-directory "$RESULTS_DIR" \
  "$@" </dev/null || test_rc=$?
log "dotnet test exited with $test_rc (TRX files in ${RESULTS_DIR#"$REPO_ROOT"/})"

# Sum one attribute of <Counters .../> over every TRX file.
sum_counter() { # attribute
  local files=()
  mapfile -d '' files < <(find "$RESULTS_DIR" -name '*.trx' -type f -print0)
  if ((${#files[@]} == 0)); then echo 0; return; fi
  awk -v a="$1" '
    { line = $0
      while (match(line, /<Counters [^>]*>/)) {
        c = substr(line, RSTART, RLENGTH); line = substr(line, RSTART + RLENGTH)
        if (match(c, " " a "=\"[0-9]+\"")) { v = substr(c, RSTART, RLENGTH); gsub(/[^0-9]/, "", v); s += v }
      } }
    END { print s + 0 }' "${files[@]}"
}
trx_count="$(find "$RESULTS_DIR" -name '*.trx' -type f | wc -l)"
passed="$(sum_counter passed)"
failed=$(($(sum_counter failed) + $(sum_counter error) + $(sum_counter timeout) + $(sum_counter aborted)))
# VSTest's TRX counts a skipped test in total but not in executed (notExecuted stays 0).
skipped=$(($(sum_counter total) - $(sum_counter executed)))

cleanup

log "TRX files: $trx_count"
if ((passed + failed == 0)); then
  printf '[test.sh] ERROR: zero tests were executed (dotnet test exit code %s)\n' "$test_rc" >&2
  echo "0 passed, 0 failed, $skipped skipped"
  if [[ "$test_rc" -ne 0 ]]; then exit "$test_rc"; fi
  exit 1
fi
if [[ "$test_rc" -eq 0 && "$failed" -gt 0 ]]; then
  test_rc=1
fi
# SQL Server cannot be installed here: say plainly whether its suite ran (tests skipped unless
# TONGBAN_TEST_SQLSERVER names a server) and how the offline SQL Server checks did.
sqlserver_counts() { # prints: online_run online_failed offline_passed offline_failed
  local files=()
  mapfile -d '' files < <(find "$RESULTS_DIR" -name '*.trx' -type f -print0)
  if ((${#files[@]} == 0)); then echo "0 0 0 0"; return; fi
  awk '
    /<UnitTestResult / {
      name = $0; sub(/.*testName="/, "", name); sub(/".*/, "", name)
      outcome = $0; sub(/.*outcome="/, "", outcome); sub(/".*/, "", outcome)
      if (name ~ /\.SqlServer\.SqlServer/) { if (outcome == "Passed") op++; else if (outcome != "NotExecuted") of++ }
      else if (tolower(name) ~ /sqlserver/ && outcome != "NotExecuted") { on++; if (outcome != "Passed") nf++ }
    }
    END { print on + 0, nf + 0, op + 0, of + 0 }' "${files[@]}"
}
read -r ss_run ss_failed ss_offline ss_offline_failed < <(sqlserver_counts)
if [[ -z "${TONGBAN_TEST_SQLSERVER:-}" ]]; then
  echo "SQL Server suite: not run (TONGBAN_TEST_SQLSERVER not set); offline SQL Server checks: $ss_offline passed, $ss_offline_failed failed"
else
  echo "SQL Server suite: ran against TONGBAN_TEST_SQLSERVER ($ss_run tests, $ss_failed failed); offline SQL Server checks: $ss_offline passed, $ss_offline_failed failed"
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$test_rc"
