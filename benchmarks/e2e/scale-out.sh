#!/usr/bin/env bash
# Goal 3 (source after lib.sh): Api + 1 worker Silo against Api + 2 worker Silos (Redis), each worker with one slot, so one
# worker computes on one core; the same total points on both. First the machine's own ceiling: the bare sampler on one
# and on two plain threads (on a VM two vCPUs need not give twice one).
# measure_scale_out POINTS REPEATS. Env: SCALE_WARM_UP (points of each cluster's warm-up, default 4e10), SCALE_TC0=0 leaves out
# the DOTNET_TieredCompilation=0 diagnostic.
measure_scale_out() {
  local points=$1 repeats=$2 workers r c threads line
  local bare="$ROOT/experiments/Pi.Orleans.BareSampler/bin/Release/net10.0/Pi.Orleans.BareSampler.dll"
  record scale.points "$(printf %.0f "$points")"
  echo "scale-out: bare sampler on 1 and 2 threads, $points points (load $(load1))" >&2
  for r in $(seq 1 "$repeats"); do
    for threads in 1 2; do
      mark
      line=$(dotnet "$bare" "$points" "$threads" "$r")
      record "scale.bare-$threads-thread-s" "$(kv seconds "$line")" "PiSampler on $threads plain thread(s), seed $r"
    done
  done
  for workers in 1 2; do
    echo "scale-out: $workers worker(s), --Pi:Slots=1 each, $points points (load $(load1))" >&2
    scale_run "$workers" "" ""
  done

  # Diagnostic: the same with the JIT's tiered compilation off in every silo (code is fully optimised from the start).
  [ "${SCALE_TC0:-1}" = 1 ] || return 0
  for workers in 1 2; do
    echo "scale-out: $workers worker(s) with DOTNET_TieredCompilation=0 (load $(load1))" >&2
    DOTNET_TieredCompilation=0 scale_run "$workers" -tc0 "DOTNET_TieredCompilation=0, "
  done
}

# scale_run WORKERS SUFFIX NOTE (inside measure_scale_out: its points and repeats): a cluster of WORKERS workers with one slot
# each, warmed up, then the repeats recorded as scale.workers-WORKERS{SUFFIX}-s; the call's environment reaches the silos.
scale_run() {
  local workers=$1 suffix=$2 note=$3 r c
  SILO_ARGS="--Pi:Slots=1" start_cluster "$workers"
  warm_up "${SCALE_WARM_UP:-4e10}" # 4e10: 75 chunks, more than 30 on each worker
  for r in $(seq 1 "$repeats"); do
    mark
    c=$(calc run "$points" distributed "$r")
    record "scale.workers-$workers$suffix-s" "$(kv wall_s "$c")" "${note}seed $r, duration_ms=$(kv duration_ms "$c"), silos=$(kv silos "$c")"
  done
  stop_cluster
}
