#!/usr/bin/env bash
# Starts redis-server, N worker Silo processes and the Api on loopback (Release build), for benchmarks and experiments.
# Usage: source cluster.sh; start_cluster N; ... ; stop_cluster
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=${WORK:-$(mktemp -d /tmp/pi-bench.XXXX)}
API_PORT=${API_PORT:-18080}
REDIS_PORT=${REDIS_PORT:-16379}
PIDS=()
REDIS_PID=
# Redis mode requires API keys; the scripts use this one (never a real secret).
export Auth__ApiKeys__0=${PI_API_KEY:-bench-key}

start_cluster() {
  local workers=$1
  ! curl -s -o /dev/null "http://127.0.0.1:$API_PORT/" || { echo "port $API_PORT is taken by another process" >&2; return 1; }
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$WORK" >"$WORK/redis.log" 2>&1 &
  PIDS+=($!)
  REDIS_PID=$!
  sleep 0.5
  export ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT"
  export Cluster__ClusterId="bench-$$-$RANDOM"
  for i in $(seq 1 "$workers"); do
    # --contentRoot: the build output holds appsettings.json (log levels); the default content root is the current directory.
    # SILO_DIR: another build of the Silo (a ReadyToRun publish, for example); default the Release build output.
    dotnet "${SILO_DIR:-$ROOT/Silo/bin/Release/net10.0}/Pi.Orleans.Silo.dll" --contentRoot "${SILO_DIR:-$ROOT/Silo/bin/Release/net10.0}" --urls "http://127.0.0.1:$((API_PORT + i))" \
      --Cluster:SiloPort=$((21110 + i)) --Cluster:GatewayPort=$((31000 + i)) --Cluster:SiloName="worker-$i" ${SILO_ARGS:-} >"$WORK/worker-$i.log" 2>&1 &
    PIDS+=($!)
  done
  dotnet "$ROOT/Api/bin/Release/net10.0/Pi.Orleans.Api.dll" --contentRoot "$ROOT/Api/bin/Release/net10.0" --urls "http://127.0.0.1:$API_PORT" \
    --Cluster:SiloPort=21110 --Cluster:GatewayPort=31000 --Cluster:SiloName=front ${API_ARGS:-} >"$WORK/api.log" 2>&1 &
  PIDS+=($!)
  for i in $(seq 0 "$workers"); do
    until curl -sf "http://127.0.0.1:$((API_PORT + i))/health/ready" >/dev/null; do sleep 0.2; done
  done
  # Every worker must be visible to the front before measuring.
  until [ "$(curl -s "http://127.0.0.1:$API_PORT/api/cluster" | python3 -c 'import json,sys; print(sum(1 for s in json.load(sys.stdin)["silos"] if s["runs_chunks"]))')" = "$workers" ]; do sleep 0.2; done
}

stop_cluster() {
  # Silos first, Redis last: a silo that loses Redis while it stops waits out a timeout on every membership and reminder call.
  local pid
  for pid in "${PIDS[@]}"; do [ "$pid" = "$REDIS_PID" ] || kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do [ "$pid" = "$REDIS_PID" ] || wait "$pid" 2>/dev/null || true; done
  [ -z "$REDIS_PID" ] || kill "$REDIS_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  PIDS=()
  REDIS_PID=
}
