#!/usr/bin/env bash
# The service around the kernel (issue #10; source after cluster.sh and lib.sh): what a newcomer sees, full speed from the
# first chunk, small requests per second, memory under sustained load and at idle.

# measure_newcomer: the README's run command, exactly as written, in a fresh clone of this commit: time to ready (the build
# included), then one small warm-up and three single-mode 10^9-point calculations. For comparison, the same in Debug
# (`dotnet run --project Api`, the README's command before this change).
measure_newcomer() {
  local clone="$WORK/fresh-clone" command line r
  rm -rf "$clone"
  git clone -q "$ROOT" "$clone"
  command=$(sed -n '/^Run the service/,/^```$/{/^dotnet run/p}' "$ROOT/README.md" | head -1)
  [ -n "$command" ] || command=$(grep -m1 '^dotnet run' "$ROOT/README.md")
  for variant in readme debug; do
    local run=$command
    [ "$variant" = debug ] && run="dotnet run --project Api"
    echo "newcomer: '$run' in a fresh clone (load $(load1))" >&2
    mark
    local started=$SECONDS
    (cd "$clone" && exec env -u ConnectionStrings__Redis -u Auth__ApiKeys__0 $run >"$WORK/newcomer-$variant.log" 2>&1) &
    local pid=$!
    until curl -sf "http://127.0.0.1:8080/health/ready" >/dev/null; do
      kill -0 "$pid" 2>/dev/null || { echo "the README command exited; see $WORK/newcomer-$variant.log" >&2; return 1; }
      sleep 0.2
    done
    record "newcomer.$variant.ready-s" "$((SECONDS - started))" "'$run': clone to ready, build included"
    API_PORT=8080 calc run 1e6 single 1 >/dev/null
    for r in 1 2 3; do
      mark
      line=$(API_PORT=8080 calc run 1e9 single "$r")
      record "newcomer.$variant.1e9-single-s" "$(kv wall_s "$line")" "HTTP wall, seed $r, after one 10^6 warm-up; duration_ms=$(kv duration_ms "$line")"
    done
    # dotnet run starts the Api as a child; stop both.
    pkill -TERM -P "$pid" 2>/dev/null || true
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    while curl -sf "http://127.0.0.1:8080/health/live" >/dev/null; do sleep 0.2; done
  done
}

# measure_tiering POINTS REPEATS: the embedded Api with two slots against the bare sampler on two threads, under each JIT
# setting, starting with the first calculation after start (no warm-up: full speed from the first chunk is the point).
measure_tiering() {
  local points=$1 repeats=$2 variant r b c
  local bare="$ROOT/experiments/Pi.Orleans.BareSampler/bin/Release/net10.0/Pi.Orleans.BareSampler.dll"
  for variant in default TieredPGO=0 TieredCompilation=0; do
    echo "tiering: embedded --Pi:Slots=2, $variant, $points points (load $(load1))" >&2
    with_dotnet "$variant" start_embedded --Pi:Slots=2
    for r in $(seq 1 "$repeats"); do
      mark
      b=$(dotnet "$bare" "$points" 2 "$r")
      record "tiering.bare-2-threads-s" "$(kv seconds "$b")" "seed $r, inside=$(kv inside "$b")"
      mark
      c=$(calc run "$points" distributed "$r")
      record "tiering.$variant.embedded-s" "$(kv wall_s "$c")" "run $r after start; duration_ms=$(kv duration_ms "$c"), inside=$(kv inside "$c"), same count: $([ "$(kv inside "$b")" = "$(kv inside "$c")" ] && echo yes || echo NO)"
    done
    stop_cluster
  done
}

# measure_first_chunk POINTS: Api + one fresh worker (one slot, Redis); the worker's per-chunk compute times from its own
# Debug log line, in order: its first chunk against the median of its last ten.
measure_first_chunk() {
  local points=$1 variant
  echo "first chunk: publishing the Silo with ReadyToRun (load $(load1))" >&2
  dotnet publish "$ROOT/Silo" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$WORK/silo-r2r" -v q -nologo >/dev/null
  for variant in default TieredCompilation=0 ReadyToRun; do
    echo "first chunk: a fresh worker, $variant (load $(load1))" >&2
    local dir="" started
    started=$(date +%s.%N)
    [ "$variant" != ReadyToRun ] || dir="$WORK/silo-r2r"
    SILO_DIR=$dir SILO_ARGS="--Pi:Slots=1 --Logging:LogLevel:Pi.Orleans.Grains.Calculations.ChunkComputer=Debug" \
      with_dotnet "$([ "$variant" = ReadyToRun ] && echo default || echo "$variant")" start_cluster 1
    record "first-chunk.$variant.cluster-ready-s" "$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')" "redis-server, the Api and one worker started at once, until all are ready and listed"
    mark
    calc run "$points" distributed 5 >/dev/null
    "$PY" - "$WORK/worker-1.log" "$variant" <<'PY' >>"$WORK/first-chunk.txt"
import re, statistics, sys
rates = [int(p) / float(ms) / 1000 for p, ms in re.findall(r"computed on \S+: (\d+) points in ([\d.]+) ms", open(sys.argv[1]).read())]
steady = statistics.median(rates[-10:])
print(f"{sys.argv[2]} {rates[0]:.0f} {steady:.0f} {rates[0] / steady:.3f} {len(rates)} {' '.join(f'{r:.0f}' for r in rates[:5])}")
PY
    local line
    line=$(tail -1 "$WORK/first-chunk.txt")
    record "first-chunk.$variant.ratio" "$(cut -d' ' -f4 <<<"$line")" "first chunk $(cut -d' ' -f2 <<<"$line") Mpoints/s, steady (median of last 10) $(cut -d' ' -f3 <<<"$line"); $(cut -d' ' -f5 <<<"$line") chunks; first five: $(cut -d' ' -f6- <<<"$line")"
    stop_cluster
  done
}

# with_dotnet VARIANT COMMAND...: runs COMMAND (start_embedded, start_cluster) with DOTNET_VARIANT set for the processes it
# starts; "default" sets nothing.
with_dotnet() {
  local variant=$1
  shift
  if [ "$variant" = default ]; then
    "$@"
  else
    export "DOTNET_$variant"
    "$@"
    unset "DOTNET_${variant%%=*}"
  fi
}

# hey_run URL SECONDS CLIENTS [POINTS]: single-mode submissions (10^6 points unless given); prints "rps p50_ms p99_ms codes".
hey_run() {
  local out
  local key=()
  [ -z "${Auth__ApiKeys__0:-}" ] || key=(-H "X-Api-Key: $Auth__ApiKeys__0")
  out=$(hey -z "$2s" -c "$3" -m POST -T application/json "${key[@]}" -d "{\"total_points\": ${4:-1000000}, \"mode\": \"single\", \"seed\": 7}" "$1")
  "$PY" -c '
import re, sys
t = sys.stdin.read()
rps = re.search(r"Requests/sec:\s+([\d.]+)", t).group(1)
p = dict(re.findall(r"(\d+)% in ([\d.]+) secs", t))
codes = ",".join(f"{c}x{n}" for c, n in re.findall(r"\[(\d+)\]\s+(\d+) responses", t))
p50, p99 = float(p["50"]) * 1000, float(p["99"]) * 1000
print(f"{float(rps):.0f} {p50:.1f} {p99:.1f} {codes}")' <<<"$out"
}

# measure_requests SECONDS: 16 hey clients posting single 10^6-point calculations, embedded and Api + 2 Silos (Redis). The
# per-client rate limit is raised as in the issue's setup (--Limits:SubmissionsPerMinutePerClient=10000000): the default,
# 1,000 a second per client, would answer the rest 429; the active-calculation limits stay at their defaults.
measure_requests() {
  local seconds=$1 setup line servers cpu_before limits="--Limits:SubmissionsPerMinutePerClient=10000000"
  for setup in embedded redis-2-workers; do
    echo "requests: $setup, 16 clients, ${seconds}s (load $(load1))" >&2
    if [ "$setup" = embedded ]; then start_embedded $limits; else API_ARGS="$limits" start_cluster 2; fi
    servers=("${PIDS[@]}")
    [ "$setup" = embedded ] || servers=("${PIDS[@]:1}")
    hey_run "http://127.0.0.1:$API_PORT/api/calculate" 5 16 >/dev/null # warm-up
    mark
    cpu_before=$(cpu_ms "${servers[@]}")
    line=$(hey_run "http://127.0.0.1:$API_PORT/api/calculate" "$seconds" 16)
    local cpu=$(($(cpu_ms "${servers[@]}") - cpu_before)) rps=${line%% *}
    record "requests.$setup.rps" "$rps" "hey -z ${seconds}s -c 16, single 10^6 points; answers $(cut -d' ' -f4 <<<"$line")"
    record "requests.$setup.p50-ms" "$(cut -d' ' -f2 <<<"$line")"
    record "requests.$setup.p99-ms" "$(cut -d' ' -f3 <<<"$line")"
    record "requests.$setup.cpu-ms-per-request" "$(awk -v c="$cpu" -v r="$rps" -v s="$seconds" 'BEGIN { printf "%.2f", c / (r * s) }')" "service processes' CPU (user + system) over the run"
    # The service's own cost apart from sampling: the same with 65,536 points (one block) per request.
    mark
    cpu_before=$(cpu_ms "${servers[@]}")
    line=$(hey_run "http://127.0.0.1:$API_PORT/api/calculate" "$seconds" 16 65536)
    cpu=$(($(cpu_ms "${servers[@]}") - cpu_before)) rps=${line%% *}
    record "requests.$setup.one-block.rps" "$rps" "the same with 65,536 points per request; p50 $(cut -d' ' -f2 <<<"$line") ms, p99 $(cut -d' ' -f3 <<<"$line") ms; answers $(cut -d' ' -f4 <<<"$line")"
    record "requests.$setup.one-block.cpu-ms-per-request" "$(awk -v c="$cpu" -v r="$rps" -v s="$seconds" 'BEGIN { printf "%.2f", c / (r * s) }')" "the service's own CPU per request, sampling all but excluded"
    stop_cluster
  done
}

# measure_soak ROUNDS REQUESTS: rounds of REQUESTS single calculations from 16 clients against the embedded default (rate limit
# raised as for measure_requests); RSS after each round, under each GC setting.
measure_soak() {
  local rounds=$1 requests=$2 variant round
  for variant in default GCConserveMemory=5 gcServer=0; do
    echo "soak: $rounds x $requests, $variant (load $(load1))" >&2
    with_dotnet "$variant" start_embedded --Limits:SubmissionsPerMinutePerClient=10000000
    local pid
    pid=$(api_pid)
    mark
    local rss=() line
    for round in $(seq 1 "$rounds"); do
      line=$(hey -n "$requests" -c 16 -m POST -T application/json -d '{"total_points": 1000000, "mode": "single", "seed": 7}' "http://127.0.0.1:$API_PORT/api/calculate" | grep -E '^\s+\[[0-9]+\]' | tr -s ' ' | tr '\n' ' ')
      sleep 3
      rss+=("$(rss_mb "$pid")")
      echo "  round $round: RSS ${rss[-1]} MB, answers $line" >&2
    done
    record "soak.$variant.rss-round-2-mb" "${rss[1]}" "after $((2 * requests)) calculations"
    record "soak.$variant.rss-round-$rounds-mb" "${rss[-1]}" "after $((rounds * requests)) calculations; rounds: ${rss[*]}; $(rss_parts "$pid")"
    record "soak.$variant.growth" "$(awk -v a="${rss[1]}" -v b="${rss[-1]}" 'BEGIN { printf "%.2f", b / a }')" "RSS round $rounds / round 2"
    stop_cluster
  done
}

# measure_idle SECONDS: idle RSS of the embedded Api with the dashboard on (not yet opened, then opened), off, and under each
# GC setting; and of an idle worker.
measure_idle() {
  local idle=$1 variant pid
  for variant in default GCConserveMemory=5 gcServer=0; do
    with_dotnet "$variant" start_embedded
    pid=$(api_pid)
    sleep "$idle"
    mark
    record "idle.$variant.api-mb" "$(rss_mb "$pid")" "embedded, dashboard on, not opened, ${idle}s after ready: $(rss_parts "$pid")"
    curl -sf "http://127.0.0.1:$API_PORT/dashboard/" >/dev/null
    curl -sf "http://127.0.0.1:$API_PORT/dashboard/index.min.js" >/dev/null
    sleep "$idle"
    record "idle.$variant.api-dashboard-opened-mb" "$(rss_mb "$pid")" "after the dashboard page and script were served: $(rss_parts "$pid")"
    stop_cluster
  done
  start_embedded --Dashboard:Enabled=false
  sleep "$idle"
  mark
  record "idle.default.api-no-dashboard-mb" "$(rss_mb "$(api_pid)")" "--Dashboard:Enabled=false: $(rss_parts "$(api_pid)")"
  stop_cluster
  start_cluster 1
  sleep "$idle"
  mark
  record "idle.default.worker-mb" "$(rss_mb "$(worker_pid 1)")" "worker Silo, Redis mode: $(rss_parts "$(worker_pid 1)")"
  stop_cluster
}
