#!/usr/bin/env bash
# Disaster-recovery drill with real processes on loopback: Redis (AOF on), the Api and two workers (Release build).
#   1. makes calculations (completed ones, and one still running), and backs Redis up with ops/backup-redis.sh;
#   2. makes more calculations after the backup (these are what the RPO loses);
#   3. destroys Redis: SIGKILL and its data folder deleted (AOF and all)              <- the RTO clock starts
#   4. restores the newest backup with ops/restore-redis.sh, restarts the silos, and checks that every calculation from
#      before the backup reads back with the same result, the running one resumes and completes with the count of an
#      undisturbed run of its seed, and a new calculation completes                      <- the RTO clock stops
# Prints RTO (destruction to correct answers) and RPO (age of the newest backup at destruction, and what was lost).
# Usage: bash ops/dr-drill.sh      (env: API_PORT=18380 REDIS_PORT=16679 WORK=...)
# The processes are `pi cluster up`'s (the CLI's one local cluster): logs, cluster.json and Redis's data in $WORK/cluster.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${WORK:-$(mktemp -d /tmp/pi-dr.XXXX)}
API_PORT=${API_PORT:-18380}
REDIS_PORT=${REDIS_PORT:-16679}
API_KEY=${PI_API_KEY:-drill-key}
CLUSTER="$WORK/cluster"
DATA="$CLUSTER/redis-data"
BACKUPS="$WORK/backups"
CLUSTER_ID="drill-$$"
mkdir -p "$BACKUPS"

# The hosts inherit these settings (the cluster sets Redis, cluster id, ports and the key itself).
export Logging__LogLevel__Default=Warning Logging__LogLevel__Pi=Information
export Pi__ChunkPoints=33554432 Pi__ChunkDuration=00:00:00 Pi__ChunkTimeout=00:00:05

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
say() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
pi() { dotnet run -c Release --project "$ROOT/cli/Pi.Orleans.Cli" -- "$@"; }

# Redis (AOF on, data in $DATA), the Api and two workers; returns when the Api lists both workers.
cluster_up() {
  pi cluster up --workers 2 --api-port "$API_PORT" --redis-port "$REDIS_PORT" --redis-append-only --cluster-id "$CLUSTER_ID" \
    --api-key "$API_KEY" --dir "$CLUSTER" >>"$WORK/cluster-up.log" 2>&1 || { tail -20 "$WORK/cluster-up.log" >&2; exit 1; }
}
# Silos first, Redis last (whatever of them still runs).
cluster_down() { [ ! -f "$CLUSTER/cluster.json" ] || pi cluster down --dir "$CLUSTER" >/dev/null; }
redis_pid() { python3 -c 'import json, sys; print(next(p["pid"] for p in json.load(open(sys.argv[1]))["processes"] if p["role"] == "redis"))' "$CLUSTER/cluster.json"; }
trap cluster_down EXIT

api() { curl -s -X "$1" "http://127.0.0.1:$API_PORT$2" -H "X-Api-Key: $API_KEY" -H 'Content-Type: application/json' ${3:+-d "$3"}; }
submit() { api POST /api/calculate "{\"total_points\": $1, \"mode\": \"$2\", \"seed\": $3}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }
# "<http status> <status> <result_inside> <chunks_done>/<chunks_total>" of one calculation.
show() {
  curl -s -w ' %{http_code}' "http://127.0.0.1:$API_PORT/api/calculate/$1" | python3 -c '
import json, sys
body, _, code = sys.stdin.read().rpartition(" ")
c = json.loads(body) if code == "200" else {}
print(code, c.get("status", "-"), c.get("result_inside"), "%s/%s" % (c.get("chunks_done"), c.get("chunks_total")))'
}
wait_done() {
  local id=$1 deadline=$(( $(date +%s) + ${2:-300} )) state
  while :; do
    state=$(show "$id")
    case "$state" in *" pending "* | *" running "* | 5??\ *) ;; *) echo "$state"; return ;; esac
    [ "$(date +%s)" -lt "$deadline" ] || { echo "$state (timed out)"; return; }
    sleep 0.2
  done
}

say "building (Release) into $ROOT"
dotnet build "$ROOT/Api/Pi.Orleans.Api.csproj" -c Release -v q -nologo >"$WORK/build.log" 2>&1
dotnet build "$ROOT/Silo/Pi.Orleans.Silo.csproj" -c Release -v q -nologo >>"$WORK/build.log" 2>&1
cluster_up
say "cluster up (work folder $WORK)"

# 1. Calculations before the backup: completed ones, and one long enough to be running when the backup is taken.
declare -A before=()
for seed in 101 102 103 104 105; do before[$(submit 2000000000 distributed "$seed")]=; done
before[$(submit 50000000 single 106)]=
for id in "${!before[@]}"; do before[$id]=$(wait_done "$id"); done
running=$(submit 30000000000 distributed 107)
until show "$running" | grep -qE ' running [^ ]+ ([1-9][0-9]*)/'; do sleep 0.2; done
running_backed=$(show "$running")
say "backup while $running is at $(echo "$running_backed" | cut -d' ' -f4) chunks"
REDIS_PORT=$REDIS_PORT BACKUP_DIR=$BACKUPS KEEP=4 sh "$ROOT/ops/backup-redis.sh" 2>/dev/null | tee "$WORK/backup.txt" >&2
backup=$(awk '{ print $2 }' "$WORK/backup.txt")
backup_at=$(date -u -d "$(basename "$backup" .rdb | sed -E 's/pi-redis-([0-9]{4})([0-9]{2})([0-9]{2})T([0-9]{2})([0-9]{2})([0-9]{2})Z/\1-\2-\3 \4:\5:\6/') UTC" +%s)

# 2. Calculations after the backup: accepted and completed, but newer than the newest backup.
after=()
for seed in 201 202 203; do after+=("$(submit 2000000000 distributed "$seed")"); done
for id in "${after[@]}"; do wait_done "$id" >/dev/null; done
running_final=$(wait_done "$running")
say "before the disaster: ${#before[@]} completed before the backup, ${#after[@]} after it, $running ended $(echo "$running_final" | cut -d' ' -f2)"

# 3. The disaster: Redis dies and its data folder is lost.
destroyed_at=$(date +%s)
t0=$(now)
kill -9 "$(redis_pid)"
rm -rf "${DATA:?}"/*
say "Redis killed and its data deleted"

# 4. Recovery: stop the silos, write the newest backup into Redis's data folder, start Redis and the silos again, check the
#    answers (RTO: the old results read back identical and a new calculation completes); then the running one must resume
#    and end with the count of a fresh run of its seed.
#    The silos are killed: with Redis gone a graceful stop would wait out its timeouts. The restore starts a Redis of its own
#    on the data folder (it also drops the backup's membership table: its silos are gone), which stops again before the
#    cluster comes up on the same folder.
for pid in $(python3 -c 'import json, sys; print(" ".join(str(p["pid"]) for p in json.load(open(sys.argv[1]))["processes"] if p["role"] != "redis"))' "$CLUSTER/cluster.json"); do
  kill -9 "$pid" 2>/dev/null || true
done
cluster_down
REDIS_PORT=$REDIS_PORT REDIS_DATA_DIR=$DATA BACKUP_DIR=$BACKUPS STOP_CMD=true \
  START_CMD="redis-server --port $REDIS_PORT --bind 127.0.0.1 --dir $DATA --appendonly yes --save '' --daemonize yes --logfile $WORK/restore-redis.log" \
  sh "$ROOT/ops/restore-redis.sh" | tee "$WORK/restore.txt" >&2
redis-cli -p "$REDIS_PORT" SHUTDOWN >/dev/null 2>&1 || true
until ! redis-cli -p "$REDIS_PORT" PING >/dev/null 2>&1; do sleep 0.1; done
restored_after=$(since "$t0")
cluster_up
silos_after=$(since "$t0")

wrong=0
for id in "${!before[@]}"; do
  now_state=$(show "$id")
  [ "$now_state" = "${before[$id]}" ] || { wrong=$((wrong + 1)); say "MISMATCH $id: before '${before[$id]}', after '$now_state'"; }
done
new_calc=$(wait_done "$(submit 2000000000 distributed 301)")
rto=$(since "$t0")
running_restored=$(show "$running")
running_after=$(wait_done "$running")
resumed_after=$(since "$t0")
fresh=$(wait_done "$(submit 30000000000 distributed 107)")
lost=0
for id in "${after[@]}"; do [ "$(show "$id" | cut -d' ' -f1)" = 404 ] && lost=$((lost + 1)); done
same=$([ "$(echo "$running_after" | cut -d' ' -f2,3)" = "$(echo "$fresh" | cut -d' ' -f2,3)" ] && echo yes || echo NO)

cat <<REPORT
=== DR drill ($(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))
backup:            $(cat "$WORK/backup.txt")
restore:           $(cat "$WORK/restore.txt")
before the backup: ${#before[@]} completed calculations; read back identical after recovery: $(( ${#before[@]} - wrong ))/${#before[@]}
running at backup: $running ($(echo "$running_backed" | cut -d' ' -f4) chunks just before the backup; restored as '$(echo "$running_restored" | cut -d' ' -f2,4)', ended '$(echo "$running_after" | cut -d' ' -f2,3)' $resumed_after s after the destruction; same count as a fresh run of its seed: $same)
new calculation:   '$(echo "$new_calc" | cut -d' ' -f2)' after recovery
after the backup:  ${#after[@]} calculations accepted and completed after the backup; lost (404) after recovery: $lost/${#after[@]} [${after[*]}]
RPO:               newest backup was $((destroyed_at - backup_at)) s old at the destruction; lost: the ${#after[@]} calculations above, and the final state of $running (recomputed on resume)
RTO:               $rto s from destruction to correct answers: old results identical and a new calculation completed (backup restored into the data folder after $restored_after s, Redis and the silos started again and ready after $silos_after s; excludes the time to notice the failure)
REPORT
[ "$wrong" -eq 0 ] && [ "$same" = yes ] && [ "$lost" -eq "${#after[@]}" ] && [ "$(echo "$new_calc" | cut -d' ' -f2)" = completed ]
