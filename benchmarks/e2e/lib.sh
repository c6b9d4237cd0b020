#!/usr/bin/env bash
# Helpers for the performance measurements (source after cluster.sh): results, load average, RSS, the embedded Api.
# Every measurement is one tab-separated line in $RESULTS: name, value, the 1-minute load average and the share of both
# cores that was busy over one second, both taken by `mark` just before the measurement, and a note.
E2E=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RESULTS=${RESULTS:-$WORK/results.tsv}
PY=${PY:-/usr/bin/python3}

load1() { cut -d' ' -f1 /proc/loadavg; }

# busy_share: the share of all cores (%) that was busy over the next second.
busy_share() {
  local a b
  read -ra a </proc/stat
  sleep 1
  read -ra b </proc/stat
  # cpu user nice system idle iowait irq softirq steal
  local busy=$(((b[1] + b[2] + b[3] + b[6] + b[7] + b[8]) - (a[1] + a[2] + a[3] + a[6] + a[7] + a[8])))
  local idle=$(((b[4] + b[5]) - (a[4] + a[5])))
  echo $((100 * busy / (busy + idle > 0 ? busy + idle : 1)))
}

# mark: call just before a measurement, while nothing of ours computes. It waits up to QUIET_TIMEOUT seconds (default 30;
# 0 = no wait) for a second in which at most QUIET_BUSY % (default 10) of the cores were busy, then remembers that share
# and the load average for the next records. The busy share is other people's work (plus an idle cluster's timers); the
# load average also counts this run's own processes of the minute before.
mark() {
  local busy deadline=$((SECONDS + ${QUIET_TIMEOUT:-30}))
  busy=$(busy_share)
  while [ "$busy" -gt "${QUIET_BUSY:-10}" ] && [ "$SECONDS" -lt "$deadline" ]; do busy=$(busy_share); done
  MARK="$(load1)	$busy"
}

# record NAME VALUE [NOTE]: with the load of the last mark (or, without one, the load now and no busy share).
record() {
  local before=${MARK:-$(load1)	}
  printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$before" "${3:-}" >>"$RESULTS"
  printf '  %-36s %-14s load %s busy %s%%  %s\n' "$1" "$2" "${before%%	*}" "${before#*	}" "${3:-}" >&2
}

# kv KEY "k1=v1 k2=v2 ...": the value of KEY in a key=value line.
kv() { tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p" | head -1; }

rss_mb() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
# Where the RSS is: anonymous (heaps, GC), file-backed (mapped assemblies and native libraries), shared memory (the
# runtime's W^X double mapping of jitted code).
rss_parts() { awk '/^Rss(Anon|File|Shmem)/ { printf "%s%s %.0f MB", sep, tolower(substr($1, 4, length($1) - 4)), $2 / 1024; sep = ", " }' "/proc/$1/status"; }

calc() { "$PY" "$E2E/calc.py" "$API_PORT" "$@"; }

# The embedded default: one Api process, no Redis (in-memory storage, localhost clustering) and no API keys, so auth is
# off as in `dotnet run --project Api`; extra args go to the Api. `pi cluster up --embedded` (log: $WORK/api.log); stop_cluster
# stops it.
start_embedded() {
  local args=() a
  ! curl -s -o /dev/null "http://127.0.0.1:$API_PORT/" || { echo "port $API_PORT is taken by another process" >&2; return 1; }
  for a in "$@"; do args+=("--api-arg=$a"); done
  env -u ConnectionStrings__Redis -u Auth__ApiKeys__0 bash "$ROOT/experiments/pi.sh" cluster up --embedded --api-port "$API_PORT" \
    --dir "$WORK" "${args[@]}" >"$WORK/cluster-up.log" 2>&1 || { cat "$WORK/cluster-up.log" >&2; return 1; }
  PIDS+=("$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["processes"][-1]["pid"])' "$WORK/cluster.json")")
}

# The last PID started by start_cluster is the Api; the ones between Redis and it are the workers.
api_pid() { echo "${PIDS[-1]}"; }
worker_pid() { echo "${PIDS[$1]}"; }

# cpu_ms PID...: user + system CPU time the processes used so far, in milliseconds.
cpu_ms() {
  local pid total=0
  for pid in "$@"; do total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat"))); done
  echo $((total * 1000 / $(getconf CLK_TCK)))
}

# warm_up POINTS: one calculation, untimed, so that every process has run the chunk path more than 30 times (the JIT's
# call-count threshold for optimised code) before the clock starts; a fresh silo otherwise spends seconds of its two
# cores on background compilation while it is measured.
warm_up() { calc run "$1" distributed 99 >/dev/null; }

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
