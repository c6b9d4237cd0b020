#!/usr/bin/env bash
# Goals 1 and 6 (source after lib.sh): the kernels under BenchmarkDotNet, the hand-written C limit, the bare sampler on
# one thread over the same points as the C program, and the peers; every number is one core, taken in the same run.
# measure_sampler QUICK
measure_sampler() {
  local quick=$1 job=() artifacts="$ROOT/experiments/Pi.Orleans.Benchmarks/bin/Release/net10.0/BenchmarkDotNet.Artifacts"
  local peer_points=200000000 repeats=5
  [ "$quick" = 1 ] && { job=(--job short); peer_points=50000000; repeats=3; }

  echo "BenchmarkDotNet (load $(load1))" >&2
  rm -rf "$artifacts/results"
  mark
  dotnet run -c Release --no-build --project "$ROOT/experiments/Pi.Orleans.Benchmarks" -- --filter '*' "${job[@]}" >"$WORK/bdn.log" 2>&1
  local method rate
  while read -r method rate; do
    case $method in
      RandomShared) record peer.csharp-random-shared "$rate" "BenchmarkDotNet ${job[*]:-default job}: Random.Shared.NextDouble() x2, x*x+y*y <= 1" ;;
      *) record "sampler.$method" "$rate" "BenchmarkDotNet ${job[*]:-default job}, 4,194,304 points per op" ;;
    esac
  done < <("$PY" "$E2E/bdn_rates.py" "$artifacts"/results/*-report.csv)

  echo "C limit and bare sampler on the same points (load $(load1))" >&2
  gcc -O3 -march=native -o "$WORK/pi_avx512" "$ROOT/experiments/peers/c/pi_avx512.c"
  local points=$((1 << 30)) line count kernel
  for kernel in avx512 avx512-literal plain; do
    mark
    line=$("$WORK/pi_avx512" "$kernel" "$points" 2024 0 "$repeats")
    record "limit.c-$kernel" "$(kv mpoints_per_s "$line")" "gcc -O3 -march=native, median of $repeats x 2^30 points, count=$(kv count "$line")"
    [ "$kernel" = avx512 ] && count=$(kv count "$line")
  done
  mark
  line=$(dotnet "$ROOT/experiments/Pi.Orleans.BareSampler/bin/Release/net10.0/Pi.Orleans.BareSampler.dll" "$points" 1 2024 Vector512)
  record sampler.bare-1-thread "$(kv mpoints_per_s "$line")" "PiSampler.CountInside Vector512, one run of 2^30 points, count=$(kv inside "$line")"
  record limit.same-count "$([ "$(kv inside "$line")" = "$count" ] && echo 1 || echo 0)" "C count $count vs C# count $(kv inside "$line") (seed 2024, blocks 0..16383)"

  echo "peers (load $(load1))" >&2
  mark
  line=$("$PY" "$ROOT/experiments/peers/numpy/pi_numpy.py" "$peer_points")
  record peer.numpy "$(kv mpoints_per_s "$line")" "default_rng float64, chunks of 10^7, $peer_points points, $(kv numpy "$line" | sed 's/^/numpy /')"
  mkdir -p "$WORK/java"
  javac -d "$WORK/java" "$ROOT/experiments/peers/java/SparkPiLoop.java"
  mark
  while read -r line; do
    record "peer.$(cut -d' ' -f1 <<<"$line")" "$(kv mpoints_per_s "$line")" "SparkPi inner loop, median of 3 x $peer_points points, Java $(kv java "$line")"
  done < <(java -cp "$WORK/java" SparkPiLoop "$peer_points" 3)
}
