#!/usr/bin/env bash
# Measures adaptive scheduling (issue #20): the embedded default against the bare sampler from 3·10^9 to 10^11 points
# (`sizes`), scale-out 1 -> 2 workers against the machine's ceiling (`scale-out`), and Api + workers with Redis when one worker
# freezes (`frozen`), runs at 30% of a CPU (`slow`) or joins a running calculation (`joining`). Run it on a quiet machine: it
# records the load average before every figure. Writes results/bench/adaptive-<UTC time>.md and .tsv. About 12 minutes on
# a quiet 2-core machine, --quick about 5 (estimated from the sizes, not timed). SMOKE=1 takes tiny sizes (each part in about
# a minute, frozen's chunk timeout included) to check that the script works; its numbers mean nothing and its tables stay in
# the run's $WORK folder. SLOW_BY=duty makes `slow` use the SIGSTOP/SIGCONT duty cycle even where a cgroup can be made.
# Usage: bash benchmarks/adaptive-perf.sh [--quick] [--only sizes,scale-out,frozen,slow,joining]
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/e2e/options.sh
parse_options sizes,scale-out,frozen,slow,joining "$@"
prepare redis-server curl python3

source benchmarks/e2e/cluster.sh
source benchmarks/e2e/lib.sh
source benchmarks/e2e/scale-out.sh
source benchmarks/e2e/adaptive.sh
trap adaptive_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
: >"$RESULTS"
started=$(date -u +%FT%TZ)
# sizes: repeats, warm-up, sizes; scale-out: points, repeats, warm-up; frozen and slow: points, warm-up; joining: seconds of
# work on one slot, seconds to the second worker's start, warm-up.
if [ "${SMOKE:-0}" = 1 ]; then
  mode=smoke
  sizes=(1 1e9 1e8 1e9) scale=(2e9 1 1e9) frozen=(4e9 1e9) slow=(3e9 1e9) joining=(10 1 1e9)
elif [ "$QUICK" = 1 ]; then
  mode=quick
  sizes=(1 2e10 1e9 3e9 1e10 3e10) scale=(2e10 1 2e10) frozen=(2e10 2e10) slow=(2e10 2e10) joining=(15 5 2e10)
else
  mode=full
  sizes=(3 4e10 3e9 1e10 3e10 1e11) scale=(2e10 3 4e10) frozen=(6e10 4e10) slow=(4e10 4e10) joining=(30 5 4e10)
fi
has sizes && measure_sizes "${sizes[@]}"
has scale-out && measure_adaptive_scale_out "${scale[@]}"
has frozen && measure_frozen "${frozen[@]}"
has slow && measure_slow "${slow[@]}"
has joining && measure_joining "${joining[@]}"

stamp=$(date -u +%Y-%m-%dT%H%MZ)
out=results/bench
[ "$mode" != smoke ] || out=$WORK # a smoke check's numbers are not results
mkdir -p "$out"
cp "$RESULTS" "$out/adaptive-$stamp.tsv"
{
  echo "# Adaptive scheduling measurements, $started – $(date -u +%FT%TZ)"
  echo
  echo "$(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; .NET SDK $(dotnet --version); mode $mode; parts $ONLY."
  echo "Load: the 1-minute load average and the share of both cores busy with other work in the second before each figure."
  echo
  echo "| measurement | value | load | busy % | note |"
  echo "|---|---|---|---|---|"
  awk -F'\t' '{ printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5 }' "$RESULTS"
} >"$out/adaptive-$stamp.md"
cat "$out/adaptive-$stamp.md"
