#!/usr/bin/env bash
# Adaptive scheduling (issue #20; source after cluster.sh, lib.sh and scale-out.sh): the service against the bare sampler over
# calculation sizes, scale-out against the machine's ceiling, and one worker that freezes (SIGSTOP), runs slowly (30% of a
# CPU) or joins a running calculation. Every function leaves no process stopped, throttled or running: adaptive_cleanup
# (the caller's EXIT trap) undoes what is still in force.

BARE="$ROOT/experiments/Pi.Orleans.BareSampler/bin/Release/net10.0/Pi.Orleans.BareSampler.dll"
STOPPED=      # the worker held by SIGSTOP
THROTTLED=    # the worker held to 30% of a CPU
THROTTLE_HOW= # how: cgroup v2, cgroup v1 or the SIGSTOP/SIGCONT duty cycle
CGROUP=       # the cgroup made for it
CGROUP_HOME=  # the cgroup.procs it came from
DUTY_PID=     # the duty cycle's loop
WAITERS=()    # background calc.py waits

now() { date +%s.%N; }
# div A B: A / B with three decimals.
div() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "nan"; else printf "%.3f", a / b }'; }
# median_of NAME: the median of the values recorded as NAME so far.
median_of() { awk -F'\t' -v n="$1" '$1 == n { print $2 }' "$RESULTS" | median; }
# same LINE1 LINE2: whether two key=value lines carry the same inside count.
same() { [ -n "$(kv inside "$1")" ] && [ "$(kv inside "$1")" = "$(kv inside "$2")" ] && echo 1 || echo 0; }
bare() { dotnet "$BARE" "$1" "$2" "$3"; }

api_get() { curl -sf -H "X-Api-Key: ${Auth__ApiKeys__0:-}" "http://127.0.0.1:$API_PORT$1"; }
# listed_workers: the chunk-running silos /api/cluster lists (0 when it does not answer).
listed_workers() {
  api_get /api/cluster 2>/dev/null | "$PY" -c 'import json, sys; print(sum(1 for s in json.load(sys.stdin)["silos"] if s["runs_chunks"]))' 2>/dev/null || echo 0
}

# grain_host ID: the silo whose log says it accepted calculation ID (api, worker-N), "?" if none within 5 s.
grain_host() {
  local i file
  for i in $(seq 1 50); do
    file=$(grep -l "Calculation $1 accepted" "$WORK"/api.log "$WORK"/worker-*.log 2>/dev/null | head -1) || true
    [ -z "$file" ] || { basename "$file" .log; return; }
    sleep 0.1
  done
  echo "?"
}

# submit_and_wait POINTS SEED OUT: submits a distributed calculation and waits for it in the background (calc.py wait, into
# OUT); sets CALC_ID, SUBMITTED_AT and WAITER.
submit_and_wait() {
  local line
  line=$(calc submit "$1" distributed "$2")
  CALC_ID=$(kv id "$line")
  SUBMITTED_AT=$(kv submitted_at "$line")
  # calc.py itself, not the calc function: $! must be the poller, so that adaptive_cleanup's kill reaches it.
  "$PY" "$E2E/calc.py" "$API_PORT" wait "$CALC_ID" "$SUBMITTED_AT" >"$3" &
  WAITER=$!
  WAITERS+=("$WAITER")
}

# finish_wait: waits for the background wait of submit_and_wait (not in a $(...): only this shell can wait for it).
finish_wait() {
  local pid rest=()
  wait "$WAITER"
  for pid in "${WAITERS[@]}"; do [ "$pid" = "$WAITER" ] || rest+=("$pid"); done
  WAITERS=("${rest[@]}")
}

freeze() { STOPPED=$1; kill -STOP "$1"; }
thaw() { [ -z "$STOPPED" ] || kill -CONT "$STOPPED" 2>/dev/null || true; STOPPED=; }

# throttle PID: holds PID to 30% of one CPU: a cgroup v2 cpu.max of "30000 100000" where /sys/fs/cgroup is cgroup v2, else the
# cgroup v1 cpu controller's CFS quota (30000 of 100000 µs), else a SIGSTOP/SIGCONT duty cycle of 70 ms stopped, 30 ms running.
# Sets THROTTLE_HOW. SLOW_BY=duty skips the cgroups.
throttle() {
  local pid=$1 root=/sys/fs/cgroup v1=/sys/fs/cgroup/cpu
  THROTTLED=$pid
  if [ "${SLOW_BY:-cgroup}" = duty ]; then
    :
  elif [ -f "$root/cgroup.controllers" ] && grep -qw cpu "$root/cgroup.controllers"; then
    CGROUP_HOME="$root$(sed -n 's/^0:://p' "/proc/$pid/cgroup")"
    if { grep -qw cpu "$root/cgroup.subtree_control" || echo +cpu >"$root/cgroup.subtree_control"; } 2>/dev/null \
      && mkdir "$root/pi-bench-$$" 2>/dev/null; then
      CGROUP="$root/pi-bench-$$"
      if { echo "30000 100000" >"$CGROUP/cpu.max" && echo "$pid" >"$CGROUP/cgroup.procs"; } 2>/dev/null; then
        THROTTLE_HOW="cgroup v2 cpu.max 30000 100000"
        return
      fi
      rmdir "$CGROUP" 2>/dev/null || true
      CGROUP=
    fi
  fi
  if [ "${SLOW_BY:-cgroup}" != duty ] && [ -f "$v1/cpu.cfs_quota_us" ] && mkdir "$v1/pi-bench-$$" 2>/dev/null; then
    CGROUP="$v1/pi-bench-$$"
    CGROUP_HOME="$v1$(sed -n 's/^[0-9]*:\([^:]*,\)\{0,1\}cpu\(,[^:]*\)\{0,1\}://p' "/proc/$pid/cgroup" | head -1)"
    if { echo 100000 >"$CGROUP/cpu.cfs_period_us" && echo 30000 >"$CGROUP/cpu.cfs_quota_us" && echo "$pid" >"$CGROUP/cgroup.procs"; } 2>/dev/null; then
      THROTTLE_HOW="cgroup v1 cpu.cfs_quota_us 30000 of cpu.cfs_period_us 100000"
      return
    fi
    rmdir "$CGROUP" 2>/dev/null || true
    CGROUP=
  fi
  (
    trap 'kill -CONT "$pid" 2>/dev/null; exit 0' TERM
    while kill -STOP "$pid" 2>/dev/null; do
      sleep 0.07
      kill -CONT "$pid" 2>/dev/null || break
      sleep 0.03
    done
  ) &
  DUTY_PID=$!
  THROTTLE_HOW="a SIGSTOP/SIGCONT duty cycle, 70 ms stopped, 30 ms running ($([ "${SLOW_BY:-cgroup}" = duty ] && echo "SLOW_BY=duty" || echo "no cgroup could be made"))"
}

# unthrottle: ends the duty cycle, or moves the process back to its cgroup and removes the one made for it.
unthrottle() {
  if [ -n "$DUTY_PID" ]; then
    kill "$DUTY_PID" 2>/dev/null || true
    wait "$DUTY_PID" 2>/dev/null || true
    DUTY_PID=
  fi
  if [ -n "$CGROUP" ]; then
    if [ -n "$THROTTLED" ] && kill -0 "$THROTTLED" 2>/dev/null; then echo "$THROTTLED" >"$CGROUP_HOME/cgroup.procs" 2>/dev/null || true; fi
    local i
    for i in 1 2 3 4 5 6 7 8 9 10; do rmdir "$CGROUP" 2>/dev/null && break; sleep 0.2; done
    [ ! -d "$CGROUP" ] || echo "could not remove $CGROUP" >&2
    CGROUP=
  fi
  [ -z "$THROTTLED" ] || kill -CONT "$THROTTLED" 2>/dev/null || true
  THROTTLED=
}

# add_worker: starts one more worker Silo into the running cluster, as the first worker was started (its environment, command
# line and working folder, from /proc) with its own name and ports, and enters it in $WORK/cluster.json so that stop_cluster
# (`pi cluster down`) stops it with the others. `pi cluster up` has no way to add a worker later. Sets ADDED_PID.
add_worker() {
  local first name ports env=() cmd=() i cwd
  first=$(worker_pid 1)
  name="worker-$((${#PIDS[@]} - 1))"
  mapfile -t ports < <("$PY" -c '
import socket
sockets = [socket.socket() for _ in range(3)]
for s in sockets: s.bind(("127.0.0.1", 0))
print("\n".join(str(s.getsockname()[1]) for s in sockets))')
  mapfile -d '' -t env <"/proc/$first/environ"
  for i in "${!env[@]}"; do
    case ${env[$i]} in
      Cluster__SiloName=*) env[i]="Cluster__SiloName=$name" ;;
      Cluster__SiloPort=*) env[i]="Cluster__SiloPort=${ports[1]}" ;;
      Cluster__GatewayPort=*) env[i]="Cluster__GatewayPort=${ports[2]}" ;;
    esac
  done
  mapfile -d '' -t cmd <"/proc/$first/cmdline"
  for i in "${!cmd[@]}"; do
    [ "${cmd[$i]}" != --urls ] || cmd[i + 1]="http://127.0.0.1:${ports[0]}"
  done
  cwd=$(readlink "/proc/$first/cwd")
  # setsid execs in place (a background job of a script leads no process group), so $! is the Silo's own id.
  (cd "$cwd" && exec setsid env -i "${env[@]}" "${cmd[@]}" </dev/null >"$WORK/$name.log" 2>&1) &
  ADDED_PID=$!
  PIDS=("${PIDS[@]:0:${#PIDS[@]}-1}" "$ADDED_PID" "${PIDS[-1]}")
  "$PY" - "$WORK/cluster.json" "$name" "$ADDED_PID" "${ports[@]}" "$WORK/$name.log" <<'PY'
import json, os, sys
path, name, pid, http, silo, gateway, log = sys.argv[1:]
state = json.load(open(path))
first = next(p for p in state["processes"] if p["role"] == "worker")
entry = {"name": name, "role": "worker", "pid": int(pid), "port": int(http), "silo_port": int(silo), "gateway_port": int(gateway),
         "log": log, "marker": first["marker"]}
state["processes"].insert(len(state["processes"]) - 1, entry)
json.dump(state, open(path + ".tmp", "w"), indent=2)
os.replace(path + ".tmp", path)
PY
}

# adaptive_cleanup: the EXIT trap: no background wait, no stopped or throttled process, no cluster left behind.
adaptive_cleanup() {
  local pid
  for pid in "${WAITERS[@]}"; do kill "$pid" 2>/dev/null || true; done
  WAITERS=()
  unthrottle
  thaw
  stop_cluster
}

# measure_sizes REPEATS WARM_UP SIZE...: the embedded default (the Api alone, 2 slots) after a warm-up, each size against the
# bare sampler on 2 threads in the same run, alternating; the ratio of the medians (goal >= 0.95 from 10^10 up).
measure_sizes() {
  local repeats=$1 warm=$2 size r b c
  shift 2
  echo "sizes: embedded default (the Api alone) against the bare sampler on 2 threads (load $(load1))" >&2
  start_embedded
  record sizes.slots "$(api_get /api/cluster | "$PY" -c 'import json, sys; print(json.load(sys.stdin)["slots_total"])')" "the embedded Api's chunk slots (/api/cluster)"
  warm_up "$warm"
  for size in "$@"; do
    echo "sizes: $size points, $repeats repeat(s) (load $(load1))" >&2
    for r in $(seq 1 "$repeats"); do
      mark
      b=$(bare "$size" 2 "$r")
      record "sizes.$size.bare-s" "$(kv seconds "$b")" "2 threads, seed $r, inside=$(kv inside "$b")"
      mark
      c=$(calc run "$size" distributed "$r")
      record "sizes.$size.service-s" "$(kv wall_s "$c")" "HTTP wall, seed $r; same count as the bare sampler: $(same "$b" "$c")"
      record "sizes.$size.service-duration-s" "$(awk -v ms="$(kv duration_ms "$c")" 'BEGIN { printf "%.3f", ms / 1000 }')" "duration_ms / 1000, seed $r"
      record "sizes.$size.chunks" "$(kv chunks_total "$c")" "chunks_total, seed $r"
    done
    record "sizes.$size.ratio" "$(div "$(median_of "sizes.$size.bare-s")" "$(median_of "sizes.$size.service-s")")" \
      "median bare s / median service s (HTTP wall) over $repeats; goal >= 0.95 from 1e10 up"
    record "sizes.$size.ratio-duration" "$(div "$(median_of "sizes.$size.bare-s")" "$(median_of "sizes.$size.service-duration-s")")" \
      "median bare s / median duration_ms (the grain's own clock)"
  done
  stop_cluster
}

# measure_adaptive_scale_out POINTS REPEATS WARM_UP: measure_scale_out without its diagnostic, then its speedup against the
# bare sampler's 2-thread ceiling.
measure_adaptive_scale_out() {
  local speedup ceiling
  SCALE_WARM_UP=$3 SCALE_TC0=0 measure_scale_out "$1" "$2"
  speedup=$(div "$(median_of scale.workers-1-s)" "$(median_of scale.workers-2-s)")
  ceiling=$(div "$(median_of scale.bare-1-thread-s)" "$(median_of scale.bare-2-thread-s)")
  record scale.speedup "$speedup" "median 1-worker s / median 2-worker s"
  record scale.ceiling "$ceiling" "median bare 1-thread s / median bare 2-thread s"
  record scale.ratio "$(div "$speedup" "$ceiling")" "speedup / ceiling"
}

# measure_frozen POINTS WARM_UP: Api + 2 workers (Redis, one slot each): a healthy run, then the same calculation with one worker
# stopped (SIGSTOP) once the progress passes 25% and kept stopped until the run ends (goal: frozen <= 2 x healthy). The
# stopped worker is one that does not host the calculation grain (a stopped grain host is the chaos experiments' case).
measure_frozen() {
  local points=$1 warm=$2 seed=7 b h f host victim n at progress
  echo "frozen: Api + 2 workers, --Pi:Slots=1 each, $points points (load $(load1))" >&2
  SILO_ARGS="--Pi:Slots=1" start_cluster 2
  warm_up "$warm"
  mark
  b=$(bare "$points" 2 "$seed")
  record frozen.bare-2-threads-s "$(kv seconds "$b")" "the exact count: seed $seed, inside=$(kv inside "$b")"
  mark
  h=$(calc run "$points" distributed "$seed")
  record frozen.healthy-s "$(kv wall_s "$h")" "seed $seed; duration_ms=$(kv duration_ms "$h"), chunks_total=$(kv chunks_total "$h"), chunk_retries=$(kv chunk_retries "$h"), silos=$(kv silos "$h")"
  record frozen.healthy-exact "$(same "$b" "$h")" "inside equals the bare sampler's"
  mark
  submit_and_wait "$points" "$seed" "$WORK/frozen.txt"
  host=$(grain_host "$CALC_ID")
  n=1
  [ "$host" != worker-1 ] || n=2
  victim=$(worker_pid "$n")
  progress=$(calc until "$CALC_ID" 0.25)
  at=$(awk -v a="$SUBMITTED_AT" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')
  if [ "$(kv status "$progress")" = running ] || [ "$(kv status "$progress")" = pending ]; then
    freeze "$victim"
    echo "frozen: worker-$n (pid $victim) stopped at progress $(kv progress "$progress"), ${at}s" >&2
  else
    echo "frozen: the calculation ended before 25% was seen; nothing stopped" >&2
    at="never (ended first)"
  fi
  finish_wait
  f=$(cat "$WORK/frozen.txt")
  thaw
  record frozen.frozen-s "$(kv wall_s "$f")" "worker-$n SIGSTOPped at progress $(kv progress "$progress") (${at}s) until the end; grain on $host; duration_ms=$(kv duration_ms "$f"), chunks_total=$(kv chunks_total "$f"), chunk_retries=$(kv chunk_retries "$f"), status=$(kv status "$f")"
  record frozen.frozen-exact "$(same "$b" "$f")" "inside equals the bare sampler's"
  record frozen.chunk-retries "$(kv chunk_retries "$f")" "the frozen run's"
  record frozen.ratio "$(div "$(kv wall_s "$f")" "$(kv wall_s "$h")")" "frozen s / healthy s; goal <= 2.0"
  stop_cluster
}

# measure_slow POINTS WARM_UP: Api + 2 workers (Redis, one slot each): a healthy run gives the slot rate
# (points / (2 x healthy s)); then the same calculation with worker-2 held to 30% of one CPU for the whole run. Ideal: the points
# at 1.3 slots' rate (goal: time <= 1.15 x ideal).
measure_slow() {
  local points=$1 warm=$2 seed=11 h s rate ideal cpu0 host
  echo "slow: Api + 2 workers, --Pi:Slots=1 each, one held to 30% of a CPU, $points points (load $(load1))" >&2
  SILO_ARGS="--Pi:Slots=1" start_cluster 2
  warm_up "$warm"
  mark
  h=$(calc run "$points" distributed "$seed")
  rate=$(awk -v p="$points" -v t="$(kv wall_s "$h")" 'BEGIN { printf "%.0f", p / (2 * t) }')
  record slow.healthy-s "$(kv wall_s "$h")" "seed $seed; slot rate points / (2 x healthy s) = $rate; chunks_total=$(kv chunks_total "$h")"
  mark
  throttle "$(worker_pid 2)"
  echo "slow: worker-2 (pid $(worker_pid 2)): $THROTTLE_HOW" >&2
  cpu0=$(cpu_ms "$(worker_pid 2)")
  s=$(calc run "$points" distributed "$seed")
  local share
  share=$(awk -v c="$(($(cpu_ms "$(worker_pid 2)") - cpu0))" -v t="$(kv wall_s "$s")" 'BEGIN { printf "%.0f", c / (10 * t) }')
  unthrottle
  host=$(grain_host "$(kv id "$s")")
  ideal=$(awk -v p="$points" -v r="$rate" 'BEGIN { printf "%.3f", p / (r * 1.3) }')
  record slow.slow-s "$(kv wall_s "$s")" "worker-2 held by $THROTTLE_HOW; it used ${share}% of one CPU over the run; grain on $host; duration_ms=$(kv duration_ms "$s"), chunks_total=$(kv chunks_total "$s"), chunk_retries=$(kv chunk_retries "$s")"
  record slow.ideal-s "$ideal" "points / (rate x 1.3), rate from the healthy run"
  record slow.ratio "$(div "$(kv wall_s "$s")" "$ideal")" "slow s / ideal s; goal <= 1.15"
  record slow.exact "$(same "$h" "$s")" "inside equals the healthy run's (same seed)"
  stop_cluster
}

# measure_joining SECONDS JOIN_AFTER WARM_UP: Api + 1 worker (Redis, one slot): a calculation of SECONDS x the slot rate of
# /api/estimate; JOIN_AFTER seconds after the submit a second worker (one slot) starts. t_join: when /api/cluster lists it.
# Ideal: t_join + (points - rate x t_join) / (2 x rate) (goal: time <= 1.1 x ideal).
measure_joining() {
  local seconds=$1 join_after=$2 warm=$3 seed=13 rate points b j t_join="" ideal host
  echo "joining: Api + 1 worker, --Pi:Slots=1, a second joins ${join_after}s after the submit (load $(load1))" >&2
  SILO_ARGS="--Pi:Slots=1" start_cluster 1
  warm_up "$warm"
  rate=$(api_get "/api/estimate?total_points=1e9" | "$PY" -c 'import json, sys; print("%.0f" % json.load(sys.stdin)["points_per_second_per_slot"])')
  [ "$rate" != 0 ] || { echo "joining: /api/estimate has no slot rate after the warm-up" >&2; return 1; }
  points=$(awk -v s="$seconds" -v r="$rate" 'BEGIN { printf "%.0f", s * r }')
  record joining.rate "$rate" "points_per_second_per_slot of /api/estimate after the warm-up"
  mark
  b=$(bare "$points" 2 "$seed")
  record joining.bare-2-threads-s "$(kv seconds "$b")" "the exact count: $points points, seed $seed, inside=$(kv inside "$b")"
  mark
  submit_and_wait "$points" "$seed" "$WORK/joining.txt"
  sleep "$(awk -v a="$SUBMITTED_AT" -v b="$(now)" -v d="$join_after" 'BEGIN { w = a + d - b; printf "%.3f", (w > 0 ? w : 0) }')"
  add_worker
  echo "joining: started a second worker (pid $ADDED_PID)" >&2
  while kill -0 "$WAITER" 2>/dev/null; do
    if [ "$(listed_workers)" -ge 2 ]; then
      t_join=$(awk -v a="$SUBMITTED_AT" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')
      break
    fi
    sleep 0.1
  done
  finish_wait
  j=$(cat "$WORK/joining.txt")
  host=$(grain_host "$CALC_ID")
  if [ -n "$t_join" ] && awk -v t="$t_join" -v w="$(kv wall_s "$j")" 'BEGIN { exit !(t < w) }'; then
    ideal=$(awk -v t="$t_join" -v p="$points" -v r="$rate" 'BEGIN { printf "%.3f", t + (p - r * t) / (2 * r) }')
    record joining.listed-s "$t_join" "seconds after the submit until /api/cluster listed the second worker (started at ${join_after}s)"
  else
    ideal=$(awk -v p="$points" -v r="$rate" 'BEGIN { printf "%.3f", p / r }')
    record joining.listed-s "" "the run ended before /api/cluster listed the second worker: ideal is points / rate"
  fi
  record joining.time-s "$(kv wall_s "$j")" "$points points, seed $seed; grain on $host; duration_ms=$(kv duration_ms "$j"), chunks_total=$(kv chunks_total "$j"), chunk_retries=$(kv chunk_retries "$j"), silos=$(kv silos "$j")"
  record joining.ideal-s "$ideal" "t_join + (points - rate x t_join) / (2 x rate): one slot until listed, two after"
  record joining.ratio "$(div "$(kv wall_s "$j")" "$ideal")" "time / ideal; goal <= 1.1"
  record joining.exact "$(same "$b" "$j")" "inside equals the bare sampler's"
  stop_cluster
}
