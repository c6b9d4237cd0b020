#!/usr/bin/env bash
# The core issue's numbers: single-mode points/s on one silo and one core, and a 10^10-point distributed calculation
# with the Api plus 2 Silo processes and Redis. Usage: bash benchmarks/e2e/core-numbers.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
for p in Api Silo; do dotnet build -c Release -v q -nologo "$p" >/dev/null; done
source benchmarks/e2e/cluster.sh
trap stop_cluster EXIT

start_cluster 2
run_calc 1e9 single 1 >/dev/null   # warm-up (JIT)
echo "single 1e9 on one silo, one core (wall s, duration ms, pi, silos):"
for s in 1 2 3; do run_calc 1e9 single $s; done
run_calc 1e9 distributed 1 >/dev/null
echo "distributed 1e10, Api + 2 Silo processes, 2 cores (wall s, duration ms, pi, silos):"
for s in 1 2 3; do run_calc 1e10 distributed $s; done
