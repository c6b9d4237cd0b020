#!/bin/sh
# Backs up the Redis that holds Pi.Orleans' state (calculations, the index, reminders, membership) to a timestamped RDB file
# and keeps the newest KEEP backups.
#
#   METHOD=rdb     (default) `redis-cli --rdb`: Redis streams a point-in-time snapshot over the network, so this runs from
#                  anywhere that reaches Redis (a CronJob pod, an ops host); nothing on the Redis host changes.
#   METHOD=bgsave  BGSAVE on the server, wait for it, copy dump.rdb from REDIS_DATA_DIR (run beside Redis, same volume).
#
# Environment: REDIS_HOST (127.0.0.1), REDIS_PORT (6379), REDISCLI_AUTH (password, if any; read by redis-cli itself),
#              BACKUP_DIR (/var/backups/pi-redis), KEEP (96 = 24 h every 15 min), REDIS_DATA_DIR (bgsave only).
# Prints one line: the backup file, its size and how long it took. Exit status non-zero if no valid backup was written.
set -eu
REDIS_HOST=${REDIS_HOST:-127.0.0.1}
REDIS_PORT=${REDIS_PORT:-6379}
BACKUP_DIR=${BACKUP_DIR:-/var/backups/pi-redis}
KEEP=${KEEP:-96}
METHOD=${METHOD:-rdb}
cli() { redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" "$@"; }

mkdir -p "$BACKUP_DIR"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
final="$BACKUP_DIR/pi-redis-$stamp.rdb"
part="$BACKUP_DIR/.pi-redis-$stamp.rdb.part"
trap 'rm -f "$part"' EXIT
start=$(date +%s.%N)

case "$METHOD" in
  rdb)
    cli --rdb "$part" >/dev/null
    ;;
  bgsave)
    : "${REDIS_DATA_DIR:?REDIS_DATA_DIR must name the Redis data folder for METHOD=bgsave}"
    before=$(cli LASTSAVE)
    cli BGSAVE >/dev/null
    # Bounded: a snapshot that takes over 10 minutes is a problem to look at, not to wait for.
    for _ in $(seq 1 3000); do [ "$(cli LASTSAVE)" != "$before" ] && break; sleep 0.2; done
    [ "$(cli LASTSAVE)" != "$before" ] || { echo "BGSAVE did not finish within 10 minutes" >&2; exit 1; }
    cli INFO persistence | grep -q '^rdb_last_bgsave_status:ok' || { echo "BGSAVE failed" >&2; exit 1; }
    cp "$REDIS_DATA_DIR/$(cli CONFIG GET dbfilename | tail -1)" "$part"
    ;;
  *) echo "METHOD must be rdb or bgsave" >&2; exit 2 ;;
esac

# A backup is only kept if it is a readable RDB file.
[ "$(head -c 5 "$part")" = "REDIS" ] || { echo "not an RDB file: $part" >&2; exit 1; }
if command -v redis-check-rdb >/dev/null 2>&1; then
  redis-check-rdb "$part" >/dev/null || { echo "redis-check-rdb rejected $part" >&2; exit 1; }
fi
(cd "$BACKUP_DIR" && sha256sum "$(basename "$part")" | sed "s/\.pi-redis-$stamp\.rdb\.part/pi-redis-$stamp.rdb/" >"$final.sha256")
mv "$part" "$final"

# Retention: the newest KEEP backups stay (names sort by time).
ls -1 "$BACKUP_DIR"/pi-redis-*.rdb | sort -r | tail -n +"$((KEEP + 1))" | while read -r old; do rm -f "$old" "$old.sha256"; done
kept=$(ls -1 "$BACKUP_DIR"/pi-redis-*.rdb | wc -l)
took=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
echo "backup $final $(stat -c %s "$final") bytes in $took s (method $METHOD, $kept kept)"
