#!/usr/bin/env bash
# Goal 4 (source after lib.sh): single-mode 10^6-point calculations from 16 closed-loop HTTP clients (Pi.Orleans.LoadGen),
# against the embedded default and against Api + 2 worker Silos with Redis. The load generator shares the two cores.
# All 16 clients come from one address with one key, so the per-client admission limits (Limits:*) are lifted here; the
# defaults (1,200 submissions a minute, 16 active calculations per client) would answer most of them 429 by design.
# measure_latency REQUESTS
measure_latency() {
  local requests=$1 setup line
  local limits="--Limits:SubmissionsPerMinutePerClient=10000000 --Limits:MaxActiveCalculationsPerClient=1000"
  local loadgen="$ROOT/benchmarks/Pi.Orleans.LoadGen/bin/Release/net10.0/Pi.Orleans.LoadGen.dll"
  for setup in embedded redis-2-workers; do
    echo "latency: $setup, $requests requests, 16 clients (load $(load1))" >&2
    # shellcheck disable=SC2086 # $limits is a list of arguments
    if [ "$setup" = embedded ]; then start_embedded $limits; else API_ARGS="$limits" start_cluster 2; fi
    local servers=("${PIDS[@]}") cpu_before one
    [ "$setup" = embedded ] || servers=("${PIDS[@]:1}") # not redis-server
    mark
    cpu_before=$(cpu_ms "${servers[@]}")
    line=$(dotnet "$loadgen" "http://127.0.0.1:$API_PORT" "$requests" 16 1e6 single "${Auth__ApiKeys__0:-}" || true)
    local per_request=$(($(cpu_ms "${servers[@]}") - cpu_before))
    local note="16 clients, $requests requests of 10^6 points single, rps=$(kv rps "$line"), errors=$(kv errors "$line")"
    record "latency.$setup.p50-ms" "$(kv p50_ms "$line")" "$note"
    record "latency.$setup.p90-ms" "$(kv p90_ms "$line")"
    record "latency.$setup.p99-ms" "$(kv p99_ms "$line")"
    record "latency.$setup.max-ms" "$(kv max_ms "$line")"
    record "latency.$setup.errors" "$(kv errors "$line")" "$(sed -n 's/.*first_error=//p' <<<"$line")"
    # Why: the service CPU per request (warm-up included) bounds the rate; with 16 closed-loop clients p50 ≈ 16 / rate.
    record "latency.$setup.cpu-ms-per-request" "$(awk -v t="$per_request" -v n="$requests" 'BEGIN { printf "%.2f", t / (n + (n / 10 > 64 ? n / 10 : 64)) }')" \
      "Api and worker CPU (user + system) over the run and its warm-up, per request"
    mark
    one=$(dotnet "$loadgen" "http://127.0.0.1:$API_PORT" "$((requests / 5))" 1 1e6 single "${Auth__ApiKeys__0:-}" || true)
    record "latency.$setup.1-client-p50-ms" "$(kv p50_ms "$one")" "one client, $((requests / 5)) requests: the latency without queueing, rps=$(kv rps "$one")"
    record "latency.$setup.1-client-p99-ms" "$(kv p99_ms "$one")"
    stop_cluster
  done
}
