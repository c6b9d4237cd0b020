#!/usr/bin/env bash
# Measures the service around the kernel (docs/performance.md, "The service around the kernel"): the README's run command in a
# fresh clone, JIT settings against the bare sampler, a fresh worker's first chunk, scale-out, small requests per second,
# RSS over a sustained soak and at idle. Run it on a quiet machine: it records the load average before every figure.
# Writes results/bench/service-<UTC time>.md and .tsv. About 25 minutes; --quick, about 8.
# Usage: bash benchmarks/service-perf.sh [--quick] [--only newcomer,tiering,first-chunk,scale-out,requests,soak,idle]
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/e2e/options.sh
parse_options newcomer,tiering,first-chunk,scale-out,requests,soak,idle "$@"
prepare redis-server hey curl git

source benchmarks/e2e/cluster.sh
source benchmarks/e2e/lib.sh
source benchmarks/e2e/scale-out.sh
source benchmarks/e2e/service.sh
trap stop_cluster EXIT
: >"$RESULTS"
started=$(date -u +%FT%TZ)
if [ "$QUICK" = 1 ]; then
  sizes=(1e10 1 2e10 1 10 3 4000 5) # tiering points, repeats, scale-out points, repeats, request seconds, soak rounds, per round, idle s
else
  sizes=(1e10 3 2e10 3 20 8 12000 10)
fi
has newcomer && measure_newcomer
has tiering && measure_tiering "${sizes[0]}" "${sizes[1]}"
has first-chunk && measure_first_chunk 2e10
has scale-out && measure_scale_out "${sizes[2]}" "${sizes[3]}"
has requests && measure_requests "${sizes[4]}"
has soak && measure_soak "${sizes[5]}" "${sizes[6]}"
has idle && measure_idle "${sizes[7]}"

stamp=$(date -u +%Y-%m-%dT%H%MZ)
mkdir -p results/bench
cp "$RESULTS" "results/bench/service-$stamp.tsv"
{
  echo "# Service measurements, $started – $(date -u +%FT%TZ)"
  echo
  echo "$(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; .NET SDK $(dotnet --version); mode $([ "$QUICK" = 1 ] && echo quick || echo full)."
  echo "Load: the 1-minute load average and the share of both cores busy with other work in the second before each figure."
  echo
  echo "| measurement | value | load | busy % | note |"
  echo "|---|---|---|---|---|"
  awk -F'\t' '{ printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5 }' "$RESULTS"
} >"results/bench/service-$stamp.md"
cat "results/bench/service-$stamp.md"
