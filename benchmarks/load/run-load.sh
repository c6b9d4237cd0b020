#!/usr/bin/env bash
# Load test: redis-server, two worker Silo processes and the Api on loopback (Release build, started here as
# benchmarks/e2e/cluster.sh does, on ports of their own), then CLIENTS concurrent clients for WARMUP + DURATION seconds,
# each looping: submit a small distributed calculation, read its status until it ends, submit a small single calculation.
# Prints p50/p99 latency per operation, errors, and the RSS of the Api and the workers after the warm-up and at the end.
# Usage: bash benchmarks/load/run-load.sh        (env: CLIENTS=200 DURATION=60 WARMUP=15 API_PORT=18280 REDIS_PORT=16579)
# Exit status: 0 with no errors and every process within MAX_GROWTH percent RSS growth (default 10), else 1.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/benchmarks/load"
WORK=${WORK:-$(mktemp -d /tmp/pi-load.XXXX)}
CLIENTS=${CLIENTS:-200}
DURATION=${DURATION:-60}
WARMUP=${WARMUP:-15}
MAX_GROWTH=${MAX_GROWTH:-10}
API_PORT=${API_PORT:-18280}
REDIS_PORT=${REDIS_PORT:-16579}
SILO_PORT=${SILO_PORT:-21310}
GATEWAY_PORT=${GATEWAY_PORT:-31310}
API_KEY=${PI_API_KEY:-load-key}
PIDS=()
REDIS_PID=

stop_all() {
  # Silos first, Redis last (a silo that loses Redis while stopping waits out timeouts).
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -z "$REDIS_PID" ] || { kill "$REDIS_PID" 2>/dev/null || true; wait "$REDIS_PID" 2>/dev/null || true; }
}
trap stop_all EXIT

echo "building (Release) ..." >&2
dotnet build "$ROOT/Api/Pi.Orleans.Api.csproj" -c Release -v q -nologo >"$WORK/build.log" 2>&1
dotnet build "$ROOT/Silo/Pi.Orleans.Silo.csproj" -c Release -v q -nologo >>"$WORK/build.log" 2>&1
dotnet build "$HERE/Pi.Orleans.LoadMix/Pi.Orleans.LoadMix.csproj" -c Release -v q -nologo -o "$WORK/loadmix" >>"$WORK/build.log" 2>&1

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly yes --dir "$WORK" >"$WORK/redis.log" 2>&1 &
REDIS_PID=$!
until redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; do sleep 0.1; done

export ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT"
export Cluster__ClusterId="load-$$"
export Auth__ApiKeys__0="$API_KEY"
export ASPNETCORE_ENVIRONMENT=Production
# Capacity, not admission, is measured here: every client shares one key, so the per-client limits are raised out of the way.
export Limits__MaxActiveCalculations=100000 Limits__MaxActiveCalculationsPerClient=100000
export Limits__SubmissionsPerMinutePerClient=10000000 Limits__MaxConcurrentSingleRequests=100000
# Request logs at Information would cost more CPU than the requests themselves.
export Logging__LogLevel__Default=Warning

for i in 1 2; do
  dotnet "$ROOT/Silo/bin/Release/net10.0/Pi.Orleans.Silo.dll" --urls "http://127.0.0.1:$((API_PORT + i))" \
    --Cluster:SiloPort=$((SILO_PORT + i)) --Cluster:GatewayPort=$((GATEWAY_PORT + i)) --Cluster:SiloName="worker-$i" >"$WORK/worker-$i.log" 2>&1 &
  PIDS+=($!)
done
dotnet "$ROOT/Api/bin/Release/net10.0/Pi.Orleans.Api.dll" --urls "http://127.0.0.1:$API_PORT" \
  --Cluster:SiloPort="$SILO_PORT" --Cluster:GatewayPort="$GATEWAY_PORT" --Cluster:SiloName=front >"$WORK/api.log" 2>&1 &
PIDS+=($!)
API_PID=${PIDS[2]}

for i in 0 1 2; do
  until curl -sf "http://127.0.0.1:$((API_PORT + i))/health/ready" >/dev/null; do
    kill -0 "${PIDS[$(( (i + 2) % 3 ))]}" 2>/dev/null || { echo "a silo exited; see $WORK/*.log" >&2; exit 1; }
    sleep 0.2
  done
done
until [ "$(curl -s "http://127.0.0.1:$API_PORT/api/cluster" | python3 -c 'import json,sys; print(sum(1 for s in json.load(sys.stdin)["silos"] if s["runs_chunks"]))')" = 2 ]; do sleep 0.2; done

echo "cluster up in $WORK; $CLIENTS clients, ${WARMUP} s warm-up + ${DURATION} s measured" >&2
set +e
dotnet "$WORK/loadmix/Pi.Orleans.LoadMix.dll" --url "http://127.0.0.1:$API_PORT" --api-key "$API_KEY" --clients "$CLIENTS" \
  --warmup "$WARMUP" --duration "$DURATION" --watch "api=$API_PID,worker-1=${PIDS[0]},worker-2=${PIDS[1]}" \
  --metrics "api=http://127.0.0.1:$API_PORT,worker-1=http://127.0.0.1:$((API_PORT + 1)),worker-2=http://127.0.0.1:$((API_PORT + 2))" "$@" | tee "$WORK/report.txt"
status=${PIPESTATUS[0]}
set -e
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); cores: $(nproc)" | tee -a "$WORK/report.txt"

growth_ok=$(awk -v max="$MAX_GROWTH" '/^rss/ { split($5, g, "="); v = g[2]; sub("%", "", v); if (v + 0 > max) bad = 1 } END { print bad ? "no" : "yes" }' "$WORK/report.txt")
echo "errors: $([ "$status" -eq 0 ] && echo 0 || grep -o 'errors=[0-9]*' "$WORK/report.txt")  memory growth within ${MAX_GROWTH}%: $growth_ok  (report: $WORK/report.txt)"
[ "$status" -eq 0 ] && [ "$growth_ok" = yes ]
