#!/bin/sh
# Waits until a Tongban process answers 200 on /health/ready (database, broker,
# outbox all fine). Used by the systemd units (ExecStartPost) and
# infra/run-distributed.sh.
#
#   infra/wait-ready.sh http://127.0.0.1:5080 [timeout_seconds, default 120]
set -eu
base=${1:?usage: wait-ready.sh BASE_URL [TIMEOUT_SECONDS]}
base=${base%%;*}          # the first of several listen addresses
base=${base%/}
timeout=${2:-120}
elapsed=0
while [ "$elapsed" -lt "$timeout" ]; do
  if curl -fsS -m 5 -o /dev/null "$base/health/ready" 2>/dev/null; then
    exit 0
  fi
  sleep 1
  elapsed=$((elapsed + 1))
done
echo "wait-ready: $base/health/ready did not answer 200 within ${timeout}s" >&2
curl -sS -m 5 "$base/health/ready" >&2 || true
exit 1
