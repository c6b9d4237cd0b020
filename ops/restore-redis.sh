#!/bin/sh
# Restores a Redis backup made by backup-redis.sh into REDIS_DATA_DIR: stops Redis, moves the current data aside (never
# deletes it), writes the backup so that Redis loads it whether AOF is on or off, starts Redis and waits until it is ready.
#
# Usage: restore-redis.sh [BACKUP_FILE]      (default: the newest pi-redis-*.rdb, or the chart CronJob's dump-*.rdb, in BACKUP_DIR)
# Environment: REDIS_DATA_DIR (required: the folder Redis runs in, its `dir`), BACKUP_DIR (/var/backups/pi-redis),
#              REDIS_HOST (127.0.0.1), REDIS_PORT (6379), REDISCLI_AUTH (password, if any),
#              STOP_CMD  (how to stop Redis; default: SHUTDOWN NOSAVE if it answers, so it cannot overwrite the restore),
#              START_CMD (how to start Redis again, e.g. `systemctl start redis-server`; default: wait for someone else to,
#                         as when a Kubernetes StatefulSet restarts the pod), READY_TIMEOUT (seconds, 300),
#              WAIT_READY (1; 0 = only write the files and exit, e.g. in a pod that mounts a stopped Redis's volume),
#              REDIS_MAJOR (Redis major version; default from `redis-server --version`, else 7),
#              KEEP_MEMBERSHIP (0; 1 keeps the Orleans membership tables, `<serviceId>/members/<clusterId>`, of the backup).
# Once Redis is ready it deletes the membership tables: they list the silos of the backup's time, which are gone, and a
# restarted silo waits for each of them to be declared dead before it joins (about a minute on loopback). With
# WAIT_READY=0 they stay (in Kubernetes the hosting package declares silos without a pod dead).
# After it: restart the Pi.Orleans silos (kubectl rollout restart deployment, or stop and start the processes), so that no
# silo keeps in memory what the backup does not have.
set -eu
REDIS_HOST=${REDIS_HOST:-127.0.0.1}
REDIS_PORT=${REDIS_PORT:-6379}
BACKUP_DIR=${BACKUP_DIR:-/var/backups/pi-redis}
READY_TIMEOUT=${READY_TIMEOUT:-300}
: "${REDIS_DATA_DIR:?REDIS_DATA_DIR must name the folder Redis keeps its data in}"
cli() { redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" "$@"; }
answers() { [ "$(cli PING 2>/dev/null)" = PONG ]; }

backup=${1:-$(ls -1t "$BACKUP_DIR"/pi-redis-*.rdb "$BACKUP_DIR"/dump-*.rdb 2>/dev/null | head -1)}
[ -n "$backup" ] && [ -f "$backup" ] || { echo "no backup found (looked for ${1:-$BACKUP_DIR/pi-redis-*.rdb and dump-*.rdb})" >&2; exit 1; }
if [ -f "$backup.sha256" ]; then
  (cd "$(dirname "$backup")" && sha256sum -c "$(basename "$backup").sha256" >/dev/null) || { echo "checksum mismatch: $backup" >&2; exit 1; }
fi
if command -v redis-check-rdb >/dev/null 2>&1; then
  redis-check-rdb "$backup" >/dev/null || { echo "redis-check-rdb rejected $backup" >&2; exit 1; }
fi
major=${REDIS_MAJOR:-$(redis-server --version 2>/dev/null | sed -n 's/.*v=\([0-9]*\)\..*/\1/p')}
major=${major:-7}
start=$(date +%s.%N)

# 1. Stop Redis, without letting it write its current data over the restore.
if [ -n "${STOP_CMD:-}" ]; then
  sh -c "$STOP_CMD"
elif answers; then
  cli SHUTDOWN NOSAVE >/dev/null 2>&1 || true
fi
for _ in $(seq 1 300); do answers || break; sleep 0.1; done
! answers || { echo "Redis still answers on $REDIS_HOST:$REDIS_PORT; stop it first (STOP_CMD)" >&2; exit 1; }

# 2. Move the current data aside.
aside="$REDIS_DATA_DIR/pre-restore-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$aside"
for f in dump.rdb appendonly.aof appendonlydir; do
  [ -e "$REDIS_DATA_DIR/$f" ] && mv "$REDIS_DATA_DIR/$f" "$aside/"
done

# 3. Write the backup. With appendonly on, Redis reads only the AOF and would start empty from a lone dump.rdb, so the RDB
#    also becomes the AOF: the base file of a multi-part AOF (Redis 7+) or an RDB-preamble appendonly.aof (Redis 4 to 6).
cp "$backup" "$REDIS_DATA_DIR/dump.rdb"
if [ "$major" -ge 7 ]; then
  mkdir -p "$REDIS_DATA_DIR/appendonlydir"
  cp "$backup" "$REDIS_DATA_DIR/appendonlydir/appendonly.aof.1.base.rdb"
  : >"$REDIS_DATA_DIR/appendonlydir/appendonly.aof.1.incr.aof"
  printf 'file appendonly.aof.1.base.rdb seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n' \
    >"$REDIS_DATA_DIR/appendonlydir/appendonly.aof.manifest"
else
  cp "$backup" "$REDIS_DATA_DIR/appendonly.aof"
fi

# 4. Start Redis and wait until it has loaded the data.
if [ "${WAIT_READY:-1}" = 0 ]; then
  echo "wrote $backup into $REDIS_DATA_DIR (Redis $major layout); start Redis now. Previous data kept in $aside"
  exit 0
fi
[ -z "${START_CMD:-}" ] || sh -c "$START_CMD"
deadline=$(( $(date +%s) + READY_TIMEOUT ))
until answers && cli INFO persistence | grep -q '^loading:0'; do
  [ "$(date +%s)" -lt "$deadline" ] || { echo "Redis not ready after $READY_TIMEOUT s" >&2; exit 1; }
  sleep 0.2
done
# 5. Forget the silos of the backup's time.
if [ "${KEEP_MEMBERSHIP:-0}" != 1 ]; then
  cli --scan --pattern '*/members/*' | while read -r key; do cli DEL "$key" >/dev/null; done
fi
took=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
echo "restored $backup into $REDIS_DATA_DIR in $took s: $(cli DBSIZE) keys; previous data kept in $aside"
