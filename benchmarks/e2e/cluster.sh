#!/usr/bin/env bash
# Starts redis-server, N worker Silo processes and the Api on loopback (Release build), for benchmarks and experiments, with
# `pi cluster up` (the CLI's one local cluster; logs and cluster.json in $WORK) and stops them with `pi cluster down`.
# Usage: source cluster.sh; start_cluster N; ... ; stop_cluster
# Env: API_PORT, REDIS_PORT, API_ARGS and SILO_ARGS (extra host arguments, split on spaces), SILO_DIR (another Silo build, e.g. a
# ReadyToRun publish), WORK (state and logs: api.log, worker-N.log, redis.log). After start_cluster, PIDS holds Redis, the
# workers, then the Api.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=${WORK:-$(mktemp -d /tmp/pi-bench.XXXX)}
API_PORT=${API_PORT:-18080}
REDIS_PORT=${REDIS_PORT:-16379}
PIDS=()
REDIS_PID=
# Redis mode requires API keys; the scripts use this one (never a real secret). Exported for the scripts' own clients.
export Auth__ApiKeys__0=${PI_API_KEY:-bench-key}

# pi ARGS...: the CLI (built first if its sources changed).
pi() { bash "$ROOT/experiments/pi.sh" "$@"; }

start_cluster() {
  local workers=$1 args=() a
  ! curl -s -o /dev/null "http://127.0.0.1:$API_PORT/" || { echo "port $API_PORT is taken by another process" >&2; return 1; }
  for a in ${API_ARGS:-}; do args+=("--api-arg=$a"); done
  for a in ${SILO_ARGS:-}; do args+=("--silo-arg=$a"); done
  [ -z "${SILO_DIR:-}" ] || args+=(--silo-dir "$SILO_DIR")
  # Waits until every process is ready and the Api lists every worker.
  pi cluster up --workers "$workers" --api-port "$API_PORT" --redis-port "$REDIS_PORT" --cluster-id "bench-$$-$RANDOM" \
    --api-key "$Auth__ApiKeys__0" --dir "$WORK" "${args[@]}" >"$WORK/cluster-up.log" 2>&1 || { cat "$WORK/cluster-up.log" >&2; return 1; }
  mapfile -t PIDS < <(python3 -c 'import json, sys; print("\n".join(str(p["pid"]) for p in json.load(open(sys.argv[1]))["processes"]))' "$WORK/cluster.json")
  REDIS_PID=${PIDS[0]}
}

stop_cluster() {
  # Silos first, Redis last: a silo that loses Redis while it stops waits out a timeout on every membership and reminder call.
  # (start_embedded's Api in lib.sh too.)
  [ ! -f "$WORK/cluster.json" ] || pi cluster down --dir "$WORK" >/dev/null
  PIDS=()
  REDIS_PID=
}
