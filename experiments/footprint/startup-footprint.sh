#!/usr/bin/env bash
# Start time and memory of the two ways to run a local cluster (redis, the Api, 2 workers): the Aspire AppHost
# (dotnet run --project AppHost) and `pi cluster up` (dotnet run --project cli/Pi.Orleans.Cli -- cluster up).
# Start time: from the command's start until the Api answers /health/ready and /api/cluster lists 3 Active silos.
# Memory: the summed RSS (and PSS) of every process the run started (for the AppHost: its own tree and the orchestrator's, which
# detaches, found by its --monitor <AppHost pid>), read once the cluster is ready.
# Usage: bash experiments/footprint/startup-footprint.sh [runs per kind, default 3]   (after dotnet build -c Release Pi.Orleans.sln)
# Prints one TSV line per run with /proc/loadavg before and after it; run it on a quiet machine. Each process's RSS (MiB) and
# command line go to $BREAKDOWN (default /tmp/pi-footprint-processes.tsv).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
timeout_s=180

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }
tree() { # a pid and all its descendants
  local p=$1; echo "$p"
  for c in $(ps -o pid= --ppid "$p" 2>/dev/null); do tree "$c"; done
}
rss_mib() { # summed VmRSS and PSS (shared pages divided among their users) of the pids given, in MiB; each process's own line goes to $breakdown
  local kb=0 pkb=0 k pk
  for p in "$@"; do
    k=$(awk '/^VmRSS:/{print $2}' "/proc/$p/status" 2>/dev/null || true); kb=$((kb + ${k:-0}))
    pk=$(awk '/^Pss:/{print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || true); pkb=$((pkb + ${pk:-0}))
    echo -e "$(( ${k:-0} / 1024 ))\t$(( ${pk:-0} / 1024 ))\t$(tr '\0' ' ' < "/proc/$p/cmdline" 2>/dev/null | cut -c1-120)" >>"$breakdown"
  done
  echo -e "$((kb / 1024))\t$((pkb / 1024))"
}
wait_ready() { # api url, start ms -> ms until ready and 3 active silos, or fails
  local url=$1 start=$2
  while true; do
    if curl -fs -m 2 "$url/health/ready" >/dev/null 2>&1 \
      && [ "$(curl -fs -m 2 "$url/api/cluster" 2>/dev/null | grep -o '"status":"Active"' | wc -l)" -eq 3 ]; then
      echo $(( $(now_ms) - start )); return 0
    fi
    if [ $(( $(now_ms) - start )) -gt $((timeout_s * 1000)) ]; then echo "not ready after ${timeout_s} s" >&2; return 1; fi
    sleep 0.1
  done
}

apphost_run() {
  local port; port=$(free_port)
  local start; start=$(now_ms)
  setsid dotnet run --project AppHost -c Release --no-build -- "Redis:Mode=${REDIS_MODE:-executable}" Workers=2 "ApiPort=$port" \
    >/tmp/pi-footprint-apphost.log 2>&1 &
  local runner=$!
  local ms; ms=$(wait_ready "http://localhost:$port" "$start")
  local apphost; apphost=$(pgrep -P "$runner" -f Pi.Orleans.AppHost | head -1)
  local dcp; dcp=$(pgrep -f -- "dcp start-apiserver --monitor $apphost" | head -1)
  local pids; pids=$(tree "$runner"; [ -n "$dcp" ] && tree "$dcp")
  local mib; mib=$(rss_mib $pids)
  echo -e "apphost\t$ms\t$mib\t$(echo $pids | wc -w)"
  kill -- -"$runner" 2>/dev/null || true
  # The orchestrator stops what it started once the AppHost is gone; wait for it so that runs do not overlap.
  while [ -n "$dcp" ] && kill -0 "$dcp" 2>/dev/null; do sleep 0.5; done
}

cluster_up_run() {
  local port dir; port=$(free_port); dir=$(mktemp -d)
  local start; start=$(now_ms)
  dotnet run --project cli/Pi.Orleans.Cli -c Release --no-build -- cluster up --workers 2 --api-port "$port" --dir "$dir" \
    >/tmp/pi-footprint-cluster-up.log 2>&1 &
  local runner=$!
  local ms; ms=$(wait_ready "http://127.0.0.1:$port" "$start")
  # The command writes the processes it started to cluster.json once the Api lists the workers, then exits.
  wait "$runner"
  local pids; pids=$(for p in $(grep -o '"pid": *[0-9]*' "$dir/cluster.json" | grep -o '[0-9]*$'); do tree "$p"; done)
  local mib; mib=$(rss_mib $pids)
  echo -e "cluster-up\t$ms\t$mib\t$(echo $pids | wc -w)"
  dotnet run --project cli/Pi.Orleans.Cli -c Release --no-build -- cluster down --dir "$dir" >/dev/null 2>&1 || true
  rm -rf "$dir"
}

breakdown=${BREAKDOWN:-/tmp/pi-footprint-processes.tsv}
: >"$breakdown"
echo -e "kind\tready_ms\trss_mib\tpss_mib\tprocesses\tloadavg_before\tloadavg_after"
for _ in $(seq "$runs"); do
  for kind in apphost cluster_up; do
    before=$(cut -d' ' -f1-3 /proc/loadavg)
    line=$("${kind}_run")
    echo -e "$line\t$before\t$(cut -d' ' -f1-3 /proc/loadavg)"
  done
done
