#!/usr/bin/env bash
# Builds Release and measures every goal of docs/performance.md in one run: the sampler kernels, the C limit and the
# peers (one core each), the grain overhead, scale-out, small-request latency, memory and persisted state size.
# Writes a markdown table to stdout and results/bench/latest.md (raw rows: results/bench/latest.tsv).
# Before each measurement it waits up to QUIET_TIMEOUT seconds (default 30) for the cores to be at most QUIET_BUSY %
# (default 10) busy with other work, and records how busy they were (see mark in e2e/lib.sh).
# Usage: bash benchmarks/run-all.sh [--quick] [--only sampler,overhead,scale-out,latency,memory]
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/e2e/options.sh
parse_options sampler,overhead,scale-out,latency,memory "$@"

# Tools the measurements run: gcc (the C limit), a JDK (SparkPi loop), Debian's NumPy, redis-server, curl.
missing=()
command -v gcc >/dev/null 2>&1 || missing+=(gcc)
command -v javac >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
/usr/bin/python3 -c 'import numpy' 2>/dev/null || missing+=(python3-numpy)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "installing ${missing[*]}" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >/dev/null
  else
    echo "missing: ${missing[*]}; install with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

echo "building Release (load $(cut -d' ' -f1 /proc/loadavg))" >&2
for project in Api Silo experiments/Pi.Orleans.Benchmarks experiments/Pi.Orleans.BareSampler benchmarks/Pi.Orleans.LoadGen; do
  dotnet build -c Release -v q -nologo "$project" >/dev/null
done

source benchmarks/e2e/cluster.sh
source benchmarks/e2e/lib.sh
for stage in sampler overhead scale-out latency memory; do source "benchmarks/e2e/$stage.sh"; done
trap stop_cluster EXIT
: >"$RESULTS"
started=$(date -u +%FT%TZ)
start_load=$(cut -d' ' -f1-3 /proc/loadavg)

if [ "$QUICK" = 1 ]; then
  sizes=(1e10 1 2e10 1 2000 5)        # overhead points, repeats, scale-out points, repeats, latency requests, idle seconds
else
  sizes=(1e10 3 2e10 3 10000 10)
fi
has sampler && measure_sampler "$QUICK"
has overhead && measure_overhead "${sizes[0]}" "${sizes[1]}" "$((1 - QUICK))"
has scale-out && measure_scale_out "${sizes[2]}" "${sizes[3]}"
has latency && measure_latency "${sizes[4]}"
has memory && measure_memory "${sizes[5]}"

{
  echo "started=$started"
  echo "finished=$(date -u +%FT%TZ)"
  echo "mode=$([ "$QUICK" = 1 ] && echo quick || echo full)"
  echo "load_at_start=$start_load"
  echo "load_at_end=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "quiet=waited up to ${QUIET_TIMEOUT:-30} s before each measurement for at most ${QUIET_BUSY:-10}% busy cores"
  echo "cpu=$(lscpu | sed -n 's/^Model name: *//p')"
  echo "cores=$(nproc)"
  echo "cpu_flags=$(grep -o -w 'avx512f\|avx512dq\|avx2' /proc/cpuinfo | sort -u | tr '\n' ' ')"
  echo "memory=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  echo "os=$(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "dotnet=SDK $(dotnet --version), runtime $(dotnet --list-runtimes | sed -n 's/^Microsoft.NETCore.App \([^ ]*\).*/\1/p' | tail -1)"
  echo "gcc=$(gcc -dumpfullversion)"
  echo "java=$(java -version 2>&1 | head -1)"
  echo "numpy=$(/usr/bin/python3 -c 'import numpy; print(numpy.__version__)')"
  echo "redis=$(redis-server --version | grep -o 'v=[^ ]*')"
} >"$WORK/machine.txt"

mkdir -p results/bench
cp "$RESULTS" results/bench/latest.tsv
/usr/bin/python3 benchmarks/e2e/report.py "$RESULTS" "$WORK/machine.txt" >results/bench/latest.md
cat results/bench/latest.md
