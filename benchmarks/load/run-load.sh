#!/usr/bin/env bash
# Load test: redis-server (AOF on), two worker Silo processes and the Api on loopback (Release build, started with
# `pi cluster up`, each process on ports of its own), then CLIENTS concurrent clients for WARMUP + DURATION seconds,
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
API_KEY=${PI_API_KEY:-load-key}
CLUSTER="$WORK/cluster"

pi() { bash "$ROOT/experiments/pi.sh" "$@"; }
# Silos first, Redis last (a silo that loses Redis while stopping waits out timeouts): `pi cluster down` does it.
stop_all() { [ ! -f "$CLUSTER/cluster.json" ] || pi cluster down --dir "$CLUSTER" >/dev/null; }
trap stop_all EXIT

echo "building (Release) ..." >&2
dotnet build "$ROOT/Api/Pi.Orleans.Api.csproj" -c Release -v q -nologo >"$WORK/build.log" 2>&1
dotnet build "$ROOT/Silo/Pi.Orleans.Silo.csproj" -c Release -v q -nologo >>"$WORK/build.log" 2>&1
dotnet build "$HERE/Pi.Orleans.LoadMix/Pi.Orleans.LoadMix.csproj" -c Release -v q -nologo -o "$WORK/loadmix" >>"$WORK/build.log" 2>&1

# The hosts inherit these settings (the cluster sets Redis, cluster id, ports and the key itself).
# Capacity, not admission, is measured here: every client shares one key, so the per-client limits are raised out of the way.
export Limits__MaxActiveCalculations=100000 Limits__MaxActiveCalculationsPerClient=100000
export Limits__SubmissionsPerMinutePerClient=10000000 Limits__MaxConcurrentSingleRequests=100000
# Request logs at Information would cost more CPU than the requests themselves.
export Logging__LogLevel__Default=Warning

pi cluster up --workers 2 --api-port "$API_PORT" --redis-port "$REDIS_PORT" --redis-append-only --cluster-id "load-$$" \
  --api-key "$API_KEY" --dir "$CLUSTER" >"$WORK/cluster-up.log" 2>&1 || { cat "$WORK/cluster-up.log" >&2; exit 1; }
# name=pid and name=url of the Api and the workers, for LoadMix's --watch and --metrics.
hosts() {
  python3 -c 'import json, sys; print(",".join(p["name"].replace("front", "api") + "=" + sys.argv[2].format(**p) for p in json.load(open(sys.argv[1]))["processes"] if p["role"] != "redis"))' "$CLUSTER/cluster.json" "$1"
}

echo "cluster up in $CLUSTER; $CLIENTS clients, ${WARMUP} s warm-up + ${DURATION} s measured" >&2
set +e
dotnet "$WORK/loadmix/Pi.Orleans.LoadMix.dll" --url "http://127.0.0.1:$API_PORT" --api-key "$API_KEY" --clients "$CLIENTS" \
  --warmup "$WARMUP" --duration "$DURATION" --watch "$(hosts '{pid}')" --metrics "$(hosts 'http://127.0.0.1:{port}')" "$@" | tee "$WORK/report.txt"
status=${PIPESTATUS[0]}
set -e
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); cores: $(nproc)" | tee -a "$WORK/report.txt"

growth_ok=$(awk -v max="$MAX_GROWTH" '/^rss/ { split($5, g, "="); v = g[2]; sub("%", "", v); if (v + 0 > max) bad = 1 } END { print bad ? "no" : "yes" }' "$WORK/report.txt")
echo "errors: $([ "$status" -eq 0 ] && echo 0 || grep -o 'errors=[0-9]*' "$WORK/report.txt")  memory growth within ${MAX_GROWTH}%: $growth_ok  (report: $WORK/report.txt)"
[ "$status" -eq 0 ] && [ "$growth_ok" = yes ]
