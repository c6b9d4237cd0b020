#!/usr/bin/env bash
# Goal 5 (source after lib.sh): VmRSS of idle processes after startup and after a calculation, and the size of a
# calculation's persisted state in Redis: a 10^13-point calculation cancelled after a few seconds, and finished
# calculations of 1 and 4096 chunks (Pi:ChunkPoints=65536), whose difference gives the bytes per chunk.
# measure_memory IDLE_SECONDS
measure_memory() {
  local idle=$1
  echo "memory: embedded Api (load $(load1))" >&2
  start_embedded
  sleep "$idle"
  mark
  record memory.embedded-idle-mb "$(rss_mb "$(api_pid)")" "VmRSS ${idle}s after ready: $(rss_parts "$(api_pid)")"
  calc run 1e10 distributed 1 >/dev/null
  sleep "$idle"
  mark
  record memory.embedded-after-mb "$(rss_mb "$(api_pid)")" "VmRSS ${idle}s after a 10^10-point calculation: $(rss_parts "$(api_pid)")"
  stop_cluster

  # What the Orleans Dashboard (on by default) costs: the same process with it switched off.
  start_embedded --Dashboard:Enabled=false
  sleep "$idle"
  mark
  record memory.embedded-no-dashboard-idle-mb "$(rss_mb "$(api_pid)")" "--Dashboard:Enabled=false, VmRSS ${idle}s after ready: $(rss_parts "$(api_pid)")"
  stop_cluster

  echo "memory: Api + 1 worker Silo with Redis (load $(load1))" >&2
  start_cluster 1
  sleep "$idle"
  mark
  record memory.worker-idle-mb "$(rss_mb "$(worker_pid 1)")" "VmRSS ${idle}s after ready: $(rss_parts "$(worker_pid 1)")"
  record memory.api-idle-mb "$(rss_mb "$(api_pid)")" "Redis mode, VmRSS ${idle}s after ready: $(rss_parts "$(api_pid)")"
  calc run 1e10 distributed 1 >/dev/null
  sleep "$idle"
  mark
  record memory.worker-after-mb "$(rss_mb "$(worker_pid 1)")" "VmRSS ${idle}s after a 10^10-point calculation: $(rss_parts "$(worker_pid 1)")"
  record memory.api-after-mb "$(rss_mb "$(api_pid)")" "Redis mode, VmRSS ${idle}s after a 10^10-point calculation: $(rss_parts "$(api_pid)")"

  local id line
  id=$(kv id "$(calc submit 1e13 distributed 1)")
  sleep 5
  line=$(calc cancel "$id")
  sleep 1 # the cancelled state is written once more
  record state.1e13-cancelled-bytes "$(state_bytes "$id")" "cancelled after 5 s with $(kv chunks_done "$line") of $(kv chunks_total "$line") chunks done; $(state_note "$id")"
  stop_cluster

  echo "memory: state of finished 1- and 4096-chunk calculations (load $(load1))" >&2
  # On every silo: a calculation grain may be placed on the worker, and it plans the chunks with its own silo's options.
  API_ARGS="--Pi:ChunkPoints=65536 --Pi:ChunkDuration=00:00:00" SILO_ARGS="--Pi:ChunkPoints=65536 --Pi:ChunkDuration=00:00:00" start_cluster 1
  mark
  line=$(calc run 65536 distributed 1)
  local one four
  one=$(state_bytes "$(kv id "$line")")
  record state.1-chunk-bytes "$one" "$(state_note "$(kv id "$line")")"
  line=$(calc run $((4096 * 65536)) distributed 1)
  four=$(state_bytes "$(kv id "$line")")
  record state.4096-chunks-bytes "$four" "$(kv chunks_total "$line") chunks, $(kv status "$line") in $(kv duration_ms "$line") ms; $(state_note "$(kv id "$line")")"
  record state.bytes-per-chunk "$(( (four - one) / 4095 ))" "(4096-chunk state - 1-chunk state) / 4095; 0 since the state is bounded (issue #16)"
  stop_cluster
}

# The calculation's grain state key: <serviceId>/state/calculation/<id without dashes>/calculation, a hash (data, etag).
state_key() { redis-cli -p "$REDIS_PORT" --scan --pattern "*/state/calculation/${1//-/}/*" | head -1; }
state_bytes() {
  local key
  key=$(state_key "$1")
  echo $(( $(redis-cli -p "$REDIS_PORT" hstrlen "$key" data) + $(redis-cli -p "$REDIS_PORT" hstrlen "$key" etag) ))
}
state_note() {
  local key
  key=$(state_key "$1")
  echo "key $key; MEMORY USAGE $(redis-cli -p "$REDIS_PORT" memory usage "$key") B"
}
