#!/usr/bin/env bash
# Goal 2 (source after lib.sh): a distributed calculation on a one-silo cluster with two slots against the bare sampler
# (the same chunk plan on two plain threads), for the same points, alternating runs so that load drifts hit both.
# measure_overhead POINTS REPEATS WITH_REDIS
measure_overhead() {
  local points=$1 repeats=$2 with_redis=$3
  local bare="$ROOT/experiments/Pi.Orleans.BareSampler/bin/Release/net10.0/Pi.Orleans.BareSampler.dll"
  echo "overhead: embedded Api --Pi:Slots=2 vs bare sampler, $points points (load $(load1))" >&2
  record overhead.points "$(printf %.0f "$points")"
  start_embedded --Pi:Slots=2
  warm_up 4e10 # 75 chunks
  local r b c
  for r in $(seq 1 "$repeats"); do
    mark
    b=$(dotnet "$bare" "$points" 2 "$r")
    record overhead.bare-s "$(kv seconds "$b")" "2 threads, seed $r, inside=$(kv inside "$b")"
    mark
    c=$(calc run "$points" distributed "$r")
    record overhead.embedded-s "$(kv wall_s "$c")" "seed $r, HTTP wall; duration_ms=$(kv duration_ms "$c"), $(kv chunks_total "$c") chunks, inside=$(kv inside "$c")"
    record overhead.same-count "$([ "$(kv inside "$b")" = "$(kv inside "$c")" ] && echo 1 || echo 0)" "seed $r"
  done
  stop_cluster

  # Diagnostic: the same with the JIT's tiered compilation off in the service (code is fully optimised from the start).
  echo "overhead: embedded Api with DOTNET_TieredCompilation=0 (load $(load1))" >&2
  DOTNET_TieredCompilation=0 start_embedded --Pi:Slots=2
  warm_up 4e10
  for r in $(seq 1 "$repeats"); do
    mark
    c=$(calc run "$points" distributed "$r")
    record overhead.embedded-tc0-s "$(kv wall_s "$c")" "DOTNET_TieredCompilation=0, seed $r, duration_ms=$(kv duration_ms "$c")"
  done
  stop_cluster

  [ "$with_redis" = 1 ] || return 0
  echo "overhead: Api + 1 Silo (Redis) --Pi:Slots=2 (load $(load1))" >&2
  SILO_ARGS="--Pi:Slots=2" start_cluster 1
  warm_up 4e10
  for r in $(seq 1 "$repeats"); do
    mark
    c=$(calc run "$points" distributed "$r")
    record overhead.redis-1-worker-s "$(kv wall_s "$c")" "seed $r, duration_ms=$(kv duration_ms "$c"), silos=$(kv silos "$c")"
  done
  stop_cluster
}
