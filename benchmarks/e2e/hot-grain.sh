#!/usr/bin/env bash
# How many chunk completions per second one CalculationGrain takes (issue #16, docs/scale.md): the embedded Api with
# one-block chunks (65,536 points, about 30 µs of sampling) and many slots, so that the chunks cost next to nothing and the
# calculation's own handling of each completion is what limits the rate. The chunk grains (one activation per attempt)
# run on the same cores, so the figure is a lower bound of what the calculation grain alone takes.
# With MODE=redis the calculation grain lives on the Api silo (which runs no chunks) and its chunks on one worker silo over
# loopback TCP, so every completion is a remote response: the Api's CPU per chunk is then the calculation's side alone.
# Usage: bash benchmarks/e2e/hot-grain.sh [BLOCKS=300000] [SLOTS=64] [MODE=embedded|redis]; run it on a quiet machine.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/cluster.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
blocks=${1:-300000}
slots=${2:-64}
mode=${3:-embedded}
block=65536
dotnet build -c Release -v q -nologo "$ROOT/Api" >/dev/null
trap stop_cluster EXIT
: >"$RESULTS"

chunks_done() {
  curl -sf -H "X-Api-Key: $Auth__ApiKeys__0" "http://127.0.0.1:$API_PORT/api/calculate/$1" | "$PY" -c 'import json, sys; d = json.load(sys.stdin); print(d["chunks_done"], d["status"])'
}

# Pi:ChunkDuration=0: one block per chunk whatever the slots' measured rate.
options="--Pi:Slots=$slots --Pi:ChunkPoints=$block --Pi:ChunkDuration=00:00:00 --Pi:InFlightPerSlot=2"
if [ "$mode" = redis ]; then
  dotnet build -c Release -v q -nologo "$ROOT/Silo" >/dev/null
  API_ARGS="$options" SILO_ARGS="$options" start_cluster 1
else
  # shellcheck disable=SC2086 # one argument per option
  start_embedded $options
fi
warm_up $((20000 * block))
mark
id=$(kv id "$(calc submit $((blocks * block)) distributed 7)")
cpu_before=$(cpu_ms "$(api_pid)")
start=$(date +%s.%N)
read -r first status < <(chunks_done "$id")
samples=()
while [ "$status" = running ] || [ "$status" = pending ]; do
  sleep 1
  read -r done status < <(chunks_done "$id")
  samples+=("$done")
done
elapsed=$("$PY" -c "import sys; print(round(float(sys.argv[2]) - float(sys.argv[1]), 1))" "$start" "$(date +%s.%N)")
cpu=$(( $(cpu_ms "$(api_pid)") - cpu_before ))

# The steady rate: chunks per second between the first and the last full second of the run (JIT warm-up and drain excluded).
rate=$("$PY" -c 'import sys; s = [int(x) for x in sys.argv[1:]]; print(round((s[-2] - s[1]) / max(1, len(s) - 3)) if len(s) > 3 else "n/a")' "$first" "${samples[@]}")
record hot-grain.completions-per-s "$rate" "$blocks one-block chunks, Pi:Slots=$slots, $mode, $(nproc) cores, status $status"
echo "chunks=$blocks status=$status wall_s=$elapsed steady_completions_per_s=$rate api_cpu_ms=$cpu cpu_us_per_chunk=$((cpu * 1000 / blocks))"
